package ai.aisetu.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.admin.Cancellation;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ToolCallTest {
  enum Role { OWNER, ADMIN, MEMBER }

  private static ToolCall call(String json) throws Exception {
    JsonNode arguments = ToolJson.mapper().readTree(json);
    return new ToolCall() {
      @Override public JsonNode arguments() { return arguments; }
      @Override public AiSetuAdmin admin() { throw new UnsupportedOperationException(); }
      @Override public String tenantId() { throw new UnsupportedOperationException(); }
      @Override public Cancellation cancellation() { return Cancellation.create(); }
      @Override public void progress(double progress, Double total, String message) {}
      @Override public SessionContext session() { throw new UnsupportedOperationException(); }
    };
  }

  @Test
  void requiredStringNamesTheMissingField() throws Exception {
    assertThatThrownBy(() -> call("{}").requiredString("workspaceId"))
        .isInstanceOf(ToolInputException.class)
        .hasMessage("invalid argument `workspaceId`: is required: pass a non-empty string");
  }

  @Test
  void optionalIntRejectsAFraction() throws Exception {
    assertThat(call("{\"days\":7}").optionalInt("days")).contains(7);
    assertThatThrownBy(() -> call("{\"days\":7.5}").optionalInt("days"))
        .hasMessageContaining("`days`: must be an integer");
  }

  @Test
  void enumIgnoresCaseAndListsAllowedValues() throws Exception {
    assertThat(call("{\"role\":\"admin\"}").requiredEnum("role", Role.class)).isEqualTo(Role.ADMIN);
    assertThatThrownBy(() -> call("{\"role\":\"boss\"}").requiredEnum("role", Role.class))
        .hasMessageContaining("[OWNER, ADMIN, MEMBER]");
  }

  @Test
  void stringListMustHoldStrings() throws Exception {
    assertThat(call("{\"scopes\":[\"admin:read\"]}").optionalStringList("scopes"))
        .isEqualTo(List.of("admin:read"));
    assertThatThrownBy(() -> call("{\"scopes\":[1]}").optionalStringList("scopes"))
        .hasMessageContaining("`scopes`");
  }
}
