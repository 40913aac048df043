package ai.aisetu.mcp.tools.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.mcp.tools.ToolTable;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's tool table is generated from every tool the server lists ({@link ServedTools});
 * a stale one fails here.
 */
final class ReadmeToolTableTest {
  private static final Path README = Golden.project("README.md");
  private static final String START = "<!-- tools:start -->\n";
  private static final String END = "<!-- tools:end -->";

  @Test
  void readmeToolTableIsGeneratedFromTheCatalogue() throws Exception {
    String readme = Golden.read(README);
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    assertThat(start).as("README.md needs a %s … %s section", START.strip(), END).isNotNegative();
    assertThat(end).isGreaterThan(start);
    String expected = ToolTable.markdown(ServedTools::all);
    String actual = readme.substring(start + START.length(), end);
    if (Golden.updating()) {
      Golden.write(README, readme.substring(0, start + START.length()) + expected
          + readme.substring(end));
      return;
    }
    assertThat(actual).as("the README tool table is stale; %s", Golden.HOW_TO_UPDATE)
        .isEqualTo(expected);
  }
}
