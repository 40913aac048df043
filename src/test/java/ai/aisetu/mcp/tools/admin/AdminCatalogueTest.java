package ai.aisetu.mcp.tools.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.mcp.tools.Access;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.mcp.tools.Toolset;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Rules every tool of the catalogue keeps, checked over the whole list. */
final class AdminCatalogueTest {
  private static final List<ToolDefinition> TOOLS = new AdminCatalogue().tools();
  /** Every tool the server lists, onboarding included: the rules that hold for all of them. */
  private static final List<ToolDefinition> SERVED = ServedTools.all();
  private static final List<String> NAMES = List.of(
      "whoami",
      "workspaces_list", "workspaces_get", "workspaces_create", "workspaces_rename",
      "workspaces_delete", "workspaces_list_members",
      "api_keys_list", "api_keys_create", "api_keys_rotate", "api_keys_revoke",
      "members_invite", "members_set_role", "members_remove",
      "billing_credit_balance", "billing_create_top_up_intent", "billing_top_ups",
      "usage_projection",
      "pats_list", "pats_create", "pats_revoke",
      "provider_credentials_availability", "provider_credentials_list",
      "provider_credentials_upsert", "provider_credentials_test", "provider_credentials_revoke");

  @Test
  void catalogueHasTheTwentySixAdminToolsInAFixedOrder() {
    assertThat(TOOLS).extracting(ToolDefinition::name).containsExactlyElementsOf(NAMES);
    assertThat(new AdminCatalogue().tools()).isEqualTo(TOOLS);
  }

  @Test
  void namesAreUnique() {
    assertThat(SERVED).extracting(ToolDefinition::name).doesNotHaveDuplicates();
  }

  @Test
  void nameStartsWithItsToolset() {
    for (ToolDefinition tool : SERVED) {
      String prefix = tool.toolset() == Toolset.ACCOUNT ? "whoami" : tool.toolset().id() + "_";
      assertThat(tool.name()).as(tool.name()).startsWith(prefix);
    }
  }

  @Test
  void everyToolHasATitleAndADescriptionSayingWhatItNeeds() {
    for (ToolDefinition tool : SERVED) {
      assertThat(tool.title()).as(tool.name()).isNotBlank().doesNotEndWith(".");
      assertThat(tool.description()).as(tool.name()).hasSizeGreaterThan(60).contains("PAT");
    }
  }

  @Test
  void everyInputPropertyHasADescriptionAndTheSchemaIsClosed() {
    for (ToolDefinition tool : SERVED) {
      JsonNode schema = tool.inputSchema();
      assertThat(schema.get("additionalProperties").asBoolean(true)).as(tool.name()).isFalse();
      schema.get("properties").fields().forEachRemaining(p ->
          assertThat(p.getValue().path("description").asText())
              .as(tool.name() + "." + p.getKey()).isNotBlank());
      for (JsonNode required : schema.path("required")) {
        assertThat(schema.get("properties").has(required.asText()))
            .as(tool.name() + " requires undeclared " + required).isTrue();
      }
    }
  }

  @Test
  void everyToolHasAnObjectOutputSchema() {
    for (ToolDefinition tool : SERVED) {
      assertThat(tool.outputSchema()).as(tool.name()).isNotNull();
      assertThat(tool.outputSchema().get("type").asText()).isEqualTo("object");
    }
  }

  @Test
  void writeToolsNeedWriteAccessAndAreNotReadOnly() {
    for (ToolDefinition tool : TOOLS) {
      boolean read = tool.name().equals("whoami")
          || tool.name().matches(".*_(list|get|list_members|credit_balance|top_ups|projection"
              + "|availability)$");
      assertThat(tool.access()).as(tool.name()).isEqualTo(read ? Access.READ : Access.WRITE);
      assertThat(tool.readOnlyHint()).as(tool.name()).isEqualTo(read);
    }
  }

  @Test
  void deleteRevokeRemoveAndRotateAreDestructiveAndConfirm() {
    List<String> destructive = TOOLS.stream().filter(ToolDefinition::destructiveHint)
        .map(ToolDefinition::name).collect(Collectors.toList());
    assertThat(destructive).containsExactly("workspaces_delete", "api_keys_rotate",
        "api_keys_revoke", "members_remove", "pats_revoke", "provider_credentials_revoke");
    for (ToolDefinition tool : TOOLS) {
      assertThat(tool.confirm()).as(tool.name()).isEqualTo(tool.destructiveHint());
    }
  }

  @Test
  void onlyTheProviderTestReachesTheOpenWorld() {
    assertThat(TOOLS).filteredOn(ToolDefinition::openWorldHint)
        .extracting(ToolDefinition::name).containsExactly("provider_credentials_test");
  }

  @Test
  void readsAreIdempotentAndCreatesAreNot() {
    for (ToolDefinition tool : TOOLS) {
      if (tool.readOnlyHint()) assertThat(tool.idempotentHint()).as(tool.name()).isTrue();
    }
    assertThat(TOOLS).filteredOn(t -> !t.idempotentHint()).extracting(ToolDefinition::name)
        .containsExactly("workspaces_create", "api_keys_create", "api_keys_rotate",
            "billing_create_top_up_intent", "pats_create");
  }

  @Test
  void tenantIdIsOptionalWhereverItIsTaken() {
    for (ToolDefinition tool : TOOLS) {
      JsonNode schema = tool.inputSchema();
      if (!schema.get("properties").has("tenantId")) continue;
      assertThat(schema.path("required").toString()).as(tool.name()).doesNotContain("tenantId");
    }
    assertThat(TOOLS).filteredOn(t -> t.inputSchema().get("properties").has("tenantId"))
        .extracting(ToolDefinition::toolset).containsOnly(Toolset.BILLING, Toolset.USAGE);
  }

  @Test
  void rangesAndEnumsAreInTheSchemas() {
    Map<String, ToolDefinition> byName = TOOLS.stream()
        .collect(Collectors.toMap(ToolDefinition::name, t -> t));
    assertThat(property(byName, "billing_create_top_up_intent", "amountCents").toString())
        .contains("\"minimum\":500", "\"maximum\":1000000");
    assertThat(property(byName, "api_keys_rotate", "gracePeriodSeconds").toString())
        .contains("\"minimum\":0", "\"maximum\":86400");
    assertThat(property(byName, "pats_create", "expiresInDays").toString())
        .contains("\"minimum\":1", "\"maximum\":365");
    assertThat(property(byName, "provider_credentials_upsert", "provider").get("enum").toString())
        .isEqualTo("[\"openai\",\"anthropic\",\"bedrock\"]");
    assertThat(property(byName, "members_set_role", "role").get("enum").toString())
        .isEqualTo("[\"OWNER\",\"ADMIN\",\"MEMBER\",\"VIEWER\"]");
    assertThat(property(byName, "pats_create", "scopes").path("items").get("enum").toString())
        .isEqualTo("[\"admin:read\",\"admin:write\"]");
  }

  @Test
  void noOutputSchemaHasRoomForASecret() {
    for (ToolDefinition tool : TOOLS) {
      assertNoSecretProperty(tool.name(), tool.outputSchema());
    }
  }

  /** Walks every nested schema: no property that could carry a raw secret, no open object. */
  private static void assertNoSecretProperty(String path, JsonNode schema) {
    assertThat(schema.path("additionalProperties").asBoolean(false)).as(path).isFalse();
    schema.path("properties").fields().forEachRemaining(property -> {
      String name = property.getKey();
      assertThat(name).as(path).isNotIn("secret", "awsSecretAccessKey");
      if (List.of("apiKey", "pat", "token").contains(name)) {
        assertThat(property.getValue().path("type").asText()).as(path + "." + name)
            .isEqualTo("object");
      }
      assertNoSecretProperty(path + "." + name, property.getValue());
    });
    if (schema.has("items")) assertNoSecretProperty(path + "[]", schema.get("items"));
  }

  private static JsonNode property(Map<String, ToolDefinition> tools, String tool, String name) {
    return tools.get(tool).inputSchema().get("properties").get(name);
  }
}
