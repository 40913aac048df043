package ai.aisetu.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

final class ToolDefinitionTest {
  private static ToolDefinition.Builder base(String name, Access access) {
    return ToolDefinition.builder(name)
        .title("A tool")
        .description("Does a thing.")
        .toolset(Toolset.WORKSPACES)
        .access(access)
        .handler(call -> ToolResult.error("unused"));
  }

  @Test
  void readAccessDefaultsToReadOnly() {
    ToolDefinition tool = base("workspaces_list", Access.READ).build();
    assertThat(tool.readOnlyHint()).isTrue();
    assertThat(tool.isWrite()).isFalse();
    assertThat(tool.confirm()).isFalse();
  }

  @Test
  void destructiveWriteToolConfirmsByDefault() {
    ToolDefinition tool = base("workspaces_delete", Access.WRITE).destructive(true).build();
    assertThat(tool.readOnlyHint()).isFalse();
    assertThat(tool.confirm()).isTrue();
  }

  @Test
  void nameMustBeSnakeCase() {
    assertThatThrownBy(() -> base("WorkspacesList", Access.READ).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("snake_case");
  }

  @Test
  void inputSchemaMustBeClosed() {
    ObjectNode open = ObjectSchema.builder().allowAdditionalProperties().build();
    assertThatThrownBy(() -> base("workspaces_list", Access.READ).inputSchema(open).build())
        .hasMessageContaining("additionalProperties:false");
  }

  @Test
  void readOnlyHintMustFollowAdminAccess() {
    assertThatThrownBy(() -> base("workspaces_create", Access.WRITE).readOnly(true).build())
        .hasMessageContaining("readOnlyHint must be false");
  }

  @Test
  void destructiveToolCannotBeReadOnly() {
    assertThatThrownBy(
            () -> base("onboarding_reset", Access.NONE).readOnly(true).destructive(true).build())
        .hasMessageContaining("destructive");
  }

  @Test
  void schemaIsCopiedNotShared() {
    ObjectNode schema = ObjectSchema.builder().string("id", "The id.", true).build();
    ToolDefinition tool = base("workspaces_get", Access.READ).inputSchema(schema).build();
    schema.put("mutated", true);
    tool.inputSchema().put("mutated", true);
    assertThat(tool.inputSchema().has("mutated")).isFalse();
  }

  @Test
  void objectSchemaListsRequiredProperties() {
    ObjectNode schema = ObjectSchema.builder()
        .string("workspaceId", "The workspace.", true)
        .integer("limit", "At most this many.", false)
        .build();
    assertThat(schema.toString()).isEqualTo(
        "{\"type\":\"object\",\"properties\":{\"workspaceId\":{\"type\":\"string\","
            + "\"description\":\"The workspace.\"},\"limit\":{\"type\":\"integer\","
            + "\"description\":\"At most this many.\"}},\"required\":[\"workspaceId\"],"
            + "\"additionalProperties\":false}");
  }
}
