package ai.aisetu.mcp.tools.admin;

import ai.aisetu.admin.model.Viewer;
import ai.aisetu.mcp.tools.Access;
import ai.aisetu.mcp.tools.ObjectSchema;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.mcp.tools.ToolResult;
import ai.aisetu.mcp.tools.Toolset;
import java.util.List;

/** The {@code account} toolset: who the session's PAT belongs to. */
public final class AccountTools {
  private AccountTools() {}

  public static List<ToolDefinition> all() {
    return List.of(whoami());
  }

  static ToolDefinition whoami() {
    return ToolDefinition.builder("whoami")
        .toolset(Toolset.ACCOUNT)
        .access(Access.READ)
        .title("Who am I")
        .description("Shows who this session is signed in as: the user, the tenant (its id is the"
            + " tenantId of the billing and usage tools), and the PAT's id and scopes (admin:read"
            + " reads; admin:write also changes). Use it first to check the session works and"
            + " what it may do. Needs any PAT.")
        .outputSchema(ObjectSchema.builder()
            .property("user", ObjectSchema.builder()
                .string("id", "The user id.", true)
                .string("email", "The user's email address.", true)
                .property("createdAt", Schemas.dateTime("When the user signed up."), true)
                .build(), true)
            .property("tenant", ObjectSchema.builder()
                .string("id", "The tenant id.", true)
                .string("name", "The tenant's name.", true)
                .property("createdAt", Schemas.dateTime("When the tenant was created."), true)
                .build(), true)
            .string("patId", "The id of the PAT this session uses.", true)
            .stringArray("scopes", "The PAT's scopes: admin:read, admin:write.", true)
            .build())
        .idempotent(true)
        .handler(call -> {
          // Asked afresh, not from the session's cache: whoami is how a model checks the PAT works.
          Viewer viewer = call.admin().viewer(call.cancellation());
          return ToolResult.ok(viewer, "Signed in as " + viewer.user().email() + " in tenant "
              + viewer.tenant().name() + " (" + viewer.tenant().id() + ") with "
              + String.join(" ", viewer.scopes()) + ".");
        })
        .build();
  }
}
