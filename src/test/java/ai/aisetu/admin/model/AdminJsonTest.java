package ai.aisetu.admin.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Records serialise as the MCP tools need them: Instants as ISO strings, enums by name. */
class AdminJsonTest {
  private final ObjectMapper json = AdminJson.newObjectMapper();

  @Test
  void instantsAreIsoStringsAndRecordsRoundTrip() throws Exception {
    TopUpIntent intent = new TopUpIntent("tu_1", "tn_1", 500, "USD", TopUpStatus.PENDING,
        "http://127.0.0.1/pay/tu_1", null, Instant.parse("2026-12-04T10:15:30Z"), null);

    JsonNode tree = json.valueToTree(intent);

    assertThat(tree.get("createdAt").asText()).isEqualTo("2026-12-04T10:15:30Z");
    assertThat(tree.get("status").asText()).isEqualTo("PENDING");
    assertThat(tree.get("completedAt").isNull()).isTrue();
    assertThat(json.treeToValue(tree, TopUpIntent.class)).isEqualTo(intent);
  }

  @Test
  void booleanComponentsKeepTheirNames() {
    JsonNode tree = json.valueToTree(new ProviderCredentialTest(
        "pc_1", true, "Authenticated.", 12, Instant.parse("2026-12-04T10:15:30Z")));

    assertThat(tree.fieldNames()).toIterable()
        .containsExactly("id", "ok", "message", "latencyMs", "testedAt");
  }

  @Test
  void upsertInputLeavesOutNullFields() {
    JsonNode tree = json.valueToTree(
        UpsertProviderCredentialInput.builder(Provider.OPENAI).slug("openai-prod").apiKey("sk-x").build());

    assertThat(tree.fieldNames()).toIterable().containsExactly("provider", "slug", "apiKey");
  }
}
