package ai.aisetu.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.mcp.tools.ToolCatalogue;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.mcp.tools.ToolJson;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The schema check the SDK would make while building the server, made here instead: the server
 * skips it at start-up ({@link LazySchemaValidator}), so every registered tool's schemas must
 * conform to JSON Schema as the SDK's validator sees it.
 */
final class ToolSchemasConformTest {
  private final JsonSchemaValidator validator = new DefaultJsonSchemaValidator();

  @Test
  void everyRegisteredToolHasSchemasTheSdkValidatorAccepts() {
    List<ToolDefinition> tools = new ArrayList<>();
    for (ToolCatalogue catalogue : ServiceLoader.load(ToolCatalogue.class)) tools.addAll(catalogue.tools());
    assertThat(tools).isNotEmpty();
    for (ToolDefinition tool : tools) {
      for (JsonNode schema : new JsonNode[] {tool.inputSchema(), tool.outputSchema()}) {
        if (schema == null) continue;
        JsonSchemaValidator.ValidationResponse response = validator.validateSchema(asMap(schema));
        assertThat(response.valid()).as(tool.name() + ": " + response.errorMessage()).isTrue();
      }
    }
  }

  @Test
  void startUpSkipsTheSchemaCheckWithoutLoadingTheValidator() {
    LazySchemaValidator lazy = new LazySchemaValidator();

    assertThat(lazy.validateSchema(Map.of("type", "not-a-type")).valid()).isTrue();
    assertThat(lazy.validate(Map.of("type", "object", "required", List.of("a")), Map.of()).valid()).isFalse();
  }

  private static Map<String, Object> asMap(JsonNode schema) {
    return ToolJson.mapper().convertValue(schema, new TypeReference<Map<String, Object>>() {});
  }
}
