package ai.aisetu.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class ToolTableTest {
  private static ToolDefinition tool(String name, Access access, String description) {
    return ToolDefinition.builder(name)
        .title("A tool")
        .description(description)
        .toolset(Toolset.WORKSPACES)
        .access(access)
        .destructive(name.endsWith("delete"))
        .handler(call -> ToolResult.error("unused"))
        .build();
  }

  @Test
  void oneRowPerToolWithTheFirstSentenceAndTheHints() {
    ToolCatalogue catalogue = () -> List.of(
        tool("workspaces_list", Access.READ, "Lists workspaces, e.g. prod. Needs admin:read."),
        tool("workspaces_delete", Access.WRITE, "Deletes a | workspace!\nCannot be undone."));
    assertThat(ToolTable.markdown(catalogue)).isEqualTo(""
        + "| tool | toolset | what it does | read-only | destructive |\n"
        + "|---|---|---|---|---|\n"
        + "| `workspaces_list` | workspaces | Lists workspaces, e.g. prod. | yes | no |\n"
        + "| `workspaces_delete` | workspaces | Deletes a \\| workspace! | no | yes |\n");
  }

  @Test
  void aDescriptionWithoutAStopIsTakenWhole() {
    assertThat(ToolTable.firstSentence("Lists things")).isEqualTo("Lists things");
  }
}
