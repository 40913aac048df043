package ai.aisetu.mcp.tools.admin;

import ai.aisetu.mcp.tools.ObjectSchema;
import ai.aisetu.mcp.tools.ToolJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON Schemas shared by the admin tools: the control plane's records as the tools return
 * them (Jackson's view of the {@code ai.aisetu.admin.model} records: instants as ISO-8601 strings,
 * enums by name, null fields present as {@code null}), and the arguments many tools take.
 */
final class Schemas {
  static final List<String> ROLES = List.of("OWNER", "ADMIN", "MEMBER", "VIEWER");
  static final List<String> PROVIDERS = List.of("openai", "anthropic", "bedrock");
  static final List<String> SCOPES = List.of("admin:read", "admin:write");

  private Schemas() {}

  // Arguments.

  static ObjectNode id(String description) {
    return ObjectSchema.string(description).put("minLength", 1);
  }

  static ObjectNode integer(String description, int minimum, int maximum) {
    ObjectNode node = ToolJson.object().put("type", "integer").put("description", description);
    return node.put("minimum", minimum).put("maximum", maximum);
  }

  static ObjectNode text(String description, int minLength, int maxLength) {
    return ObjectSchema.string(description).put("minLength", minLength).put("maxLength", maxLength);
  }

  static ObjectNode tenantId() {
    return ObjectSchema.string("The tenant (account) id. Optional: omit it to use the tenant of"
        + " the signed-in user (see whoami).");
  }

  static ObjectNode oneOf(String description, List<String> values) {
    ObjectNode node = ObjectSchema.string(description);
    ArrayNode array = node.putArray("enum");
    values.forEach(array::add);
    return node;
  }

  // Results.

  static ObjectNode dateTime(String description) {
    return ObjectSchema.string(description).put("format", "date-time");
  }

  static ObjectNode nullableDateTime(String description) {
    return nullable("string", description).put("format", "date-time");
  }

  static ObjectNode nullable(String type, String description) {
    ObjectNode node = ToolJson.object();
    node.putArray("type").add(type).add("null");
    return node.put("description", description);
  }

  static ObjectNode integer(String description) {
    return ToolJson.object().put("type", "integer").put("description", description);
  }

  /** {@code {<name>: [item, ...]}}: a list result wrapped so that the result is an object. */
  static ObjectNode listOf(String name, ObjectNode item, String description) {
    return ObjectSchema.builder()
        .property(name, ObjectSchema.array(item, description), true)
        .build();
  }

  static ObjectNode workspace() {
    return ObjectSchema.builder()
        .description("A workspace of the tenant.")
        .string("id", "The workspace id.", true)
        .string("tenantId", "The tenant it belongs to.", true)
        .string("name", "1 to 64 characters, unique within the tenant.", true)
        .property("createdAt", dateTime("When it was created."), true)
        .build();
  }

  static ObjectNode member() {
    return ObjectSchema.builder()
        .description("A membership: one email's role in one workspace.")
        .string("id", "The membership id (memberId in members_set_role and members_remove).", true)
        .string("workspaceId", "The workspace.", true)
        .string("email", "The member's email address.", true)
        .property("role", oneOf("The member's role.", ROLES), true)
        .property("status", oneOf("INVITED until the person signs in, then ACTIVE.",
            List.of("INVITED", "ACTIVE")), true)
        .property("invitedAt", dateTime("When the membership was created."), true)
        .build();
  }

  static ObjectNode apiKey() {
    return ObjectSchema.builder()
        .description("A workspace API key for inference, without its secret.")
        .string("id", "The API key id.", true)
        .string("workspaceId", "The workspace it belongs to.", true)
        .string("name", "The key's name.", true)
        .string("keyHint", "The last four characters of the secret.", true)
        .property("createdAt", dateTime("When it was created."), true)
        .property("lastUsedAt", nullableDateTime("When it was last used, or null."), true)
        .property("revokedAt", nullableDateTime("When it stops (or stopped) working, or null;"
            + " in the future during a rotation's grace period."), true)
        .build();
  }

  static ObjectNode pat() {
    return ObjectSchema.builder()
        .description("A personal access token, without its secret.")
        .string("id", "The PAT id.", true)
        .string("name", "The PAT's name.", true)
        .stringArray("scopes", "Its scopes: admin:read, admin:write.", true)
        .string("keyHint", "The last four characters of the secret.", true)
        .property("createdAt", dateTime("When it was minted."), true)
        .property("expiresAt", nullableDateTime("When it expires, or null for never."), true)
        .property("lastUsedAt", nullableDateTime("When it was last used, or null."), true)
        .property("revokedAt", nullableDateTime("When it was revoked, or null."), true)
        .build();
  }

  static ObjectNode providerCredential() {
    return ObjectSchema.builder()
        .description("A BYOK connection; its secret never comes back.")
        .string("id", "The connection id (credentialId in the other provider_credentials tools).",
            true)
        .property("provider", oneOf("The upstream provider.",
            List.of("OPENAI", "ANTHROPIC", "BEDROCK")), true)
        .string("slug", "The routing handle: model strings @<slug>/<model> use this connection.",
            true)
        .string("keyHint", "The last four characters of the secret.", true)
        .property("awsAccessKeyId", nullable("string", "Bedrock only: the AWS access key id."),
            true)
        .property("awsRegion", nullable("string", "Bedrock only: the AWS region."), true)
        .property("createdAt", dateTime("When it was created."), true)
        .property("updatedAt", dateTime("When its secret was last replaced."), true)
        .property("lastTestedAt", nullableDateTime("When provider_credentials_test last ran."),
            true)
        .property("revokedAt", nullableDateTime("When it was revoked, or null."), true)
        .build();
  }

  static ObjectNode topUpIntent() {
    return ObjectSchema.builder()
        .description("A credit top-up.")
        .string("id", "The top-up id.", true)
        .string("tenantId", "The tenant credited.", true)
        .property("amountCents", integer("The amount in cents."), true)
        .string("currency", "ISO-4217 currency, e.g. USD.", true)
        .property("status", oneOf("PENDING until paid at checkoutUrl.",
            List.of("PENDING", "SUCCEEDED", "FAILED", "EXPIRED")), true)
        .string("checkoutUrl", "Where a person completes the payment.", true)
        .property("idempotencyKey", nullable("string", "The key it was created with, or null."),
            true)
        .property("createdAt", dateTime("When it was created."), true)
        .property("completedAt", nullableDateTime("When it was paid, or null."), true)
        .build();
  }
}
