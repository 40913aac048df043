package ai.aisetu.mcp.tools.admin;

import ai.aisetu.admin.model.ApiKey;
import ai.aisetu.admin.model.CreatedApiKey;
import ai.aisetu.admin.model.RotatedApiKey;
import ai.aisetu.mcp.tools.Access;
import ai.aisetu.mcp.tools.ObjectSchema;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.mcp.tools.ToolResult;
import ai.aisetu.mcp.tools.Toolset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code api_keys} toolset: a workspace's inference keys ({@code tt_live_…}). Create and rotate
 * show the new secret to the user once; the model sees only {@code secretRedacted}.
 */
public final class ApiKeyTools {
  static final String PREFIX = "tt_live_";
  private static final String API_KEY_ID = "The API key id, from api_keys_list.";
  private static final String SECRET_REDACTED = "The new secret, redacted (tt_live_…abcd). The"
      + " full secret was shown to the user once, never to the model.";

  private ApiKeyTools() {}

  public static List<ToolDefinition> all() {
    return List.of(list(), create(), rotate(), revoke());
  }

  static ToolDefinition list() {
    return tool("api_keys_list", Access.READ)
        .title("List API keys")
        .description("Lists a workspace's inference API keys, newest first, revoked ones"
            + " included, without secrets (only keyHint, the last four characters). Needs a PAT"
            + " with admin:read.")
        .inputSchema(ObjectSchema.builder()
            .property("workspaceId", Schemas.id("The workspace id, from workspaces_list."), true)
            .build())
        .outputSchema(Schemas.listOf("apiKeys", Schemas.apiKey(), "The keys."))
        .idempotent(true)
        .handler(call -> {
          List<ApiKey> keys =
              call.admin().apiKeys().list(call.requiredString("workspaceId"), call.cancellation());
          return ToolResult.ok(Map.of("apiKeys", keys), Summaries.count(keys.size(), "API key",
              keys.stream().map(k -> k.name() + " (…" + k.keyHint()
                  + (k.revokedAt() != null ? ", revoked" : "") + ")")
                  .collect(Collectors.toList())));
        })
        .build();
  }

  static ToolDefinition create() {
    return tool("api_keys_create", Access.WRITE)
        .title("Create an API key")
        .description("Creates an inference API key (tt_live_…) for a workspace, for apps calling"
            + " the AI Setu gateway (not for this admin API). The secret is shown to the user once,"
            + " outside the model's view; you get its redacted form. Needs a PAT with admin:write"
            + " and the ADMIN or OWNER role on the workspace.")
        .inputSchema(ObjectSchema.builder()
            .property("workspaceId", Schemas.id("The workspace id, from workspaces_list."), true)
            .property("name", Schemas.text("A name saying where the key is used, e.g. ci.", 1, 64),
                true)
            .build())
        .outputSchema(ObjectSchema.builder()
            .property("apiKey", Schemas.apiKey().put("description", "The new key."), true)
            .string("secretRedacted", SECRET_REDACTED, true)
            .build())
        .handler(call -> {
          CreatedApiKey created = call.admin().apiKeys().create(
              call.requiredString("workspaceId"), call.requiredString("name"), call.cancellation());
          ApiKey key = created.apiKey();
          String redacted = Summaries.redacted(PREFIX, key.keyHint());
          return Summaries.shownOnce(
              Summaries.withRedactedSecret("apiKey", key, redacted),
              "Created API key `" + key.name() + "` (" + key.id() + ", " + redacted + "); its"
                  + " secret was shown to the user once.",
              "New API key `" + key.name() + "`",
              created.secret());
        })
        .build();
  }

  static ToolDefinition rotate() {
    return tool("api_keys_rotate", Access.WRITE)
        .title("Rotate an API key")
        .description("Replaces an API key by a successor with the same name and revokes the old"
            + " one, at once or after gracePeriodSeconds (to give apps time to switch). Apps still"
            + " using the old key stop working; confirm with the user first. The new secret is"
            + " shown to the user once, outside the model's view. Needs a PAT with admin:write"
            + " and the ADMIN or OWNER role.")
        .inputSchema(ObjectSchema.builder()
            .property("apiKeyId", Schemas.id(API_KEY_ID), true)
            .property("gracePeriodSeconds", Schemas.integer("How long the old key keeps working,"
                + " 0 to 86400 seconds. Omit (or 0) to revoke it at once.", 0, 86_400), false)
            .build())
        .outputSchema(ObjectSchema.builder()
            .property("apiKey", Schemas.apiKey().put("description", "The successor."), true)
            .property("previous", Schemas.apiKey()
                .put("description", "The key it replaced, with its revokedAt."), true)
            .string("secretRedacted", SECRET_REDACTED, true)
            .build())
        .destructive(true)
        .handler(call -> {
          RotatedApiKey rotated = call.admin().apiKeys().rotate(
              call.requiredString("apiKeyId"),
              Inputs.intInRange(call, "gracePeriodSeconds", 0, 86_400).orElse(null),
              call.cancellation());
          ApiKey key = rotated.apiKey();
          String redacted = Summaries.redacted(PREFIX, key.keyHint());
          Map<String, Object> structured = Summaries.withRedactedSecret("apiKey", key, redacted);
          structured.put("previous", rotated.previous());
          return Summaries.shownOnce(
              structured,
              "Rotated API key `" + key.name() + "`: successor " + key.id() + " (" + redacted
                  + "), old key " + rotated.previous().id() + " revoked at "
                  + rotated.previous().revokedAt() + "; the new secret was shown to the user once.",
              "Rotated API key `" + key.name() + "`",
              rotated.secret());
        })
        .build();
  }

  static ToolDefinition revoke() {
    return tool("api_keys_revoke", Access.WRITE)
        .title("Revoke an API key")
        .description("Revokes an API key at once: apps using it stop working. Revoking a revoked"
            + " key changes nothing. Confirm with the user first. Needs a PAT with admin:write and"
            + " the ADMIN or OWNER role.")
        .inputSchema(ObjectSchema.builder()
            .property("apiKeyId", Schemas.id(API_KEY_ID), true)
            .build())
        .outputSchema(Schemas.apiKey())
        .destructive(true)
        .idempotent(true)
        .handler(call -> {
          ApiKey key =
              call.admin().apiKeys().revoke(call.requiredString("apiKeyId"), call.cancellation());
          return ToolResult.ok(key, "Revoked API key `" + key.name() + "` (" + key.id() + ").");
        })
        .build();
  }

  private static ToolDefinition.Builder tool(String name, Access access) {
    return ToolDefinition.builder(name).toolset(Toolset.API_KEYS).access(access);
  }
}
