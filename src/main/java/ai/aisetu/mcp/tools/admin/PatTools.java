package ai.aisetu.mcp.tools.admin;

import ai.aisetu.admin.model.CreatedPersonalAccessToken;
import ai.aisetu.admin.model.PersonalAccessToken;
import ai.aisetu.mcp.tools.Access;
import ai.aisetu.mcp.tools.ObjectSchema;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.mcp.tools.ToolInputException;
import ai.aisetu.mcp.tools.ToolResult;
import ai.aisetu.mcp.tools.Toolset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code pats} toolset: the signed-in user's personal access tokens ({@code tt_pat_…}), the
 * credentials of this admin API. Create shows the new secret to the user once.
 */
public final class PatTools {
  static final String PREFIX = "tt_pat_";

  private PatTools() {}

  public static List<ToolDefinition> all() {
    return List.of(list(), create(), revoke());
  }

  static ToolDefinition list() {
    return tool("pats_list", Access.READ)
        .title("List personal access tokens")
        .description("Lists the signed-in user's personal access tokens (PATs), newest first,"
            + " revoked ones included, without secrets. Needs a PAT with admin:read.")
        .outputSchema(Schemas.listOf("pats", Schemas.pat(), "The PATs."))
        .idempotent(true)
        .handler(call -> {
          List<PersonalAccessToken> pats = call.admin().pats().list(call.cancellation());
          return ToolResult.ok(Map.of("pats", pats), Summaries.count(pats.size(), "PAT",
              pats.stream().map(t -> t.name() + " " + t.scopes()
                  + (t.revokedAt() != null ? " revoked" : "")).collect(Collectors.toList())));
        })
        .build();
  }

  static ToolDefinition create() {
    return tool("pats_create", Access.WRITE)
        .title("Create a personal access token")
        .description("Mints a personal access token (tt_pat_…) for the signed-in user, such as a"
            + " read-only one for a dashboard or CI. It cannot have scopes the current PAT lacks."
            + " The secret is shown to the user once, outside the model's view; you get its"
            + " redacted form. Needs a PAT with admin:write.")
        .inputSchema(ObjectSchema.builder()
            .property("name", Schemas.text("A name saying where the token is used.", 1, 64), true)
            .property("scopes", ObjectSchema.array(
                    Schemas.oneOf("admin:read reads; admin:write also changes.", Schemas.SCOPES),
                    "The scopes: admin:read, admin:write, or both.")
                .put("minItems", 1).put("uniqueItems", true), true)
            .property("expiresInDays", Schemas.integer("Days until it expires, 1 to 365. Omit for"
                + " a token that never expires.", 1, 365), false)
            .build())
        .outputSchema(ObjectSchema.builder()
            .property("pat", Schemas.pat(), true)
            .string("secretRedacted", "The new secret, redacted (tt_pat_…abcd). The full secret"
                + " was shown to the user once, never to the model.", true)
            .build())
        .handler(call -> {
          List<String> scopes = call.optionalStringList("scopes");
          if (scopes.isEmpty()) {
            throw new ToolInputException("scopes", "is required: pass [\"admin:read\"],"
                + " [\"admin:write\"] or both");
          }
          CreatedPersonalAccessToken created = call.admin().pats().create(
              call.requiredString("name"), scopes,
              Inputs.intInRange(call, "expiresInDays", 1, 365).orElse(null), call.cancellation());
          PersonalAccessToken pat = created.token();
          String redacted = Summaries.redacted(PREFIX, pat.keyHint());
          return Summaries.shownOnce(
              Summaries.withRedactedSecret("pat", pat, redacted),
              "Created PAT `" + pat.name() + "` (" + pat.id() + ", " + redacted + ", "
                  + String.join(" ", pat.scopes()) + "); its secret was shown to the user once.",
              "New personal access token `" + pat.name() + "`",
              created.secret());
        })
        .build();
  }

  static ToolDefinition revoke() {
    return tool("pats_revoke", Access.WRITE)
        .title("Revoke a personal access token")
        .description("Revokes one of the user's personal access tokens: anything using it gets"
            + " 401 from then on. Revoking the PAT this session uses signs the session out."
            + " Revoking a revoked PAT changes nothing. Confirm with the user first. Needs a PAT"
            + " with admin:write.")
        .inputSchema(ObjectSchema.builder()
            .property("patId", Schemas.id("The PAT id, from pats_list."), true)
            .build())
        .outputSchema(Schemas.pat())
        .destructive(true)
        .idempotent(true)
        .handler(call -> {
          PersonalAccessToken pat =
              call.admin().pats().revoke(call.requiredString("patId"), call.cancellation());
          return ToolResult.ok(pat, "Revoked PAT `" + pat.name() + "` (" + pat.id() + ").");
        })
        .build();
  }

  private static ToolDefinition.Builder tool(String name, Access access) {
    return ToolDefinition.builder(name).toolset(Toolset.PATS).access(access);
  }
}
