package ai.aisetu.mcp.tools.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.mcp.tools.ToolJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What the model sees of each tool, pinned in {@code src/test/resources/__toolsnaps__/<tool>.snap}
 * (github-mcp-server's toolsnaps): an unintended change to a name, description, schema or hint
 * fails here; an intended one updates the snapshot in the same commit.
 */
final class ToolSnapshotTest {
  private static final Path DIR = Golden.project("src/test/resources/__toolsnaps__");
  private static final List<ToolDefinition> TOOLS = ServedTools.all();

  @TestFactory
  Stream<DynamicTest> everyToolMatchesItsSnapshot() {
    return TOOLS.stream().map(tool -> DynamicTest.dynamicTest(tool.name(), () -> check(tool)));
  }

  @Test
  void noSnapshotWithoutATool() throws IOException {
    Set<String> names = TOOLS.stream().map(ToolDefinition::name).collect(Collectors.toSet());
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path file : files.collect(Collectors.toList())) {
        String tool = file.getFileName().toString().replaceFirst("\\.snap$", "");
        if (names.contains(tool)) continue;
        if (Golden.updating()) {
          Files.delete(file);
        } else {
          fail("snapshot " + file + " belongs to no tool; " + Golden.HOW_TO_UPDATE);
        }
      }
    }
  }

  private static void check(ToolDefinition tool) throws IOException {
    String actual = render(tool);
    Path file = DIR.resolve(tool.name() + ".snap");
    if (Golden.updating()) {
      Golden.write(file, actual);
      return;
    }
    if (!Files.exists(file)) {
      fail("no snapshot " + file + " for tool " + tool.name() + "; " + Golden.HOW_TO_UPDATE);
    }
    assertThat(actual)
        .as("tool %s differs from %s; %s", tool.name(), file, Golden.HOW_TO_UPDATE)
        .isEqualTo(Golden.read(file));
  }

  /** The tool as {@code tools/list} shows it: name, title, description, schemas, annotations. */
  static String render(ToolDefinition tool) throws IOException {
    ObjectNode node = ToolJson.object()
        .put("name", tool.name())
        .put("title", tool.title())
        .put("description", tool.description());
    node.set("inputSchema", tool.inputSchema());
    if (tool.outputSchema() != null) node.set("outputSchema", tool.outputSchema());
    node.putObject("annotations")
        .put("title", tool.title())
        .put("readOnlyHint", tool.readOnlyHint())
        .put("destructiveHint", tool.destructiveHint())
        .put("idempotentHint", tool.idempotentHint())
        .put("openWorldHint", tool.openWorldHint());
    return ToolJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
  }
}
