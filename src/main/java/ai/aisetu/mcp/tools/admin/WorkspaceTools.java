package ai.aisetu.mcp.tools.admin;

import ai.aisetu.admin.model.DeletedWorkspace;
import ai.aisetu.admin.model.Member;
import ai.aisetu.admin.model.Workspace;
import ai.aisetu.mcp.tools.Access;
import ai.aisetu.mcp.tools.ObjectSchema;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.mcp.tools.ToolResult;
import ai.aisetu.mcp.tools.Toolset;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The {@code workspaces} toolset: the tenant's workspaces and who is in them. */
public final class WorkspaceTools {
  private static final String WORKSPACE_ID = "The workspace id, from workspaces_list.";
  private static final String NAME = "1 to 64 characters, unique within the tenant.";

  private WorkspaceTools() {}

  public static List<ToolDefinition> all() {
    return List.of(list(), get(), create(), rename(), delete(), listMembers());
  }

  static ToolDefinition list() {
    return tool("workspaces_list", Access.READ)
        .title("List workspaces")
        .description("Lists the workspaces of the signed-in user's tenant, oldest first. Use it"
            + " first to find a workspace id for the other tools. Needs a PAT with admin:read.")
        .outputSchema(Schemas.listOf("workspaces", Schemas.workspace(), "The workspaces."))
        .idempotent(true)
        .handler(call -> {
          List<Workspace> workspaces = call.admin().workspaces().list(call.cancellation());
          return ToolResult.ok(Map.of("workspaces", workspaces), Summaries.count(workspaces.size(),
              "workspace", workspaces.stream().map(Workspace::name).collect(Collectors.toList())));
        })
        .build();
  }

  static ToolDefinition get() {
    return tool("workspaces_get", Access.READ)
        .title("Get a workspace")
        .description("Gets one workspace by id. Fails with not found for an unknown id or a"
            + " workspace of another tenant. Needs a PAT with admin:read.")
        .inputSchema(ObjectSchema.builder()
            .property("workspaceId", Schemas.id(WORKSPACE_ID), true)
            .build())
        .outputSchema(Schemas.workspace())
        .idempotent(true)
        .handler(call -> {
          Workspace workspace = call.admin().workspaces()
              .get(call.requiredString("workspaceId"), call.cancellation());
          return ToolResult.ok(workspace, "Workspace " + describe(workspace) + ".");
        })
        .build();
  }

  static ToolDefinition create() {
    return tool("workspaces_create", Access.WRITE)
        .title("Create a workspace")
        .description("Creates a workspace in the tenant; the caller becomes its OWNER. Use it to"
            + " separate environments or teams (e.g. staging, prod). Fails with a conflict if the"
            + " name is taken. Needs a PAT with admin:write.")
        .inputSchema(ObjectSchema.builder()
            .property("name", Schemas.text("The new workspace's name: " + NAME, 1, 64), true)
            .build())
        .outputSchema(Schemas.workspace())
        .handler(call -> {
          Workspace workspace = call.admin().workspaces()
              .create(Inputs.textOfLength(call, "name", 64), call.cancellation());
          return ToolResult.ok(workspace, "Created workspace " + describe(workspace) + ".");
        })
        .build();
  }

  static ToolDefinition rename() {
    return tool("workspaces_rename", Access.WRITE)
        .title("Rename a workspace")
        .description("Renames a workspace; its id, keys and members stay. Needs a PAT with"
            + " admin:write and the ADMIN or OWNER role on the workspace.")
        .inputSchema(ObjectSchema.builder()
            .property("workspaceId", Schemas.id(WORKSPACE_ID), true)
            .property("name", Schemas.text("The new name: " + NAME, 1, 64), true)
            .build())
        .outputSchema(Schemas.workspace())
        .idempotent(true)
        .handler(call -> {
          Workspace workspace = call.admin().workspaces().rename(
              call.requiredString("workspaceId"), Inputs.textOfLength(call, "name", 64),
              call.cancellation());
          return ToolResult.ok(workspace, "Renamed workspace " + describe(workspace) + ".");
        })
        .build();
  }

  static ToolDefinition delete() {
    return tool("workspaces_delete", Access.WRITE)
        .title("Delete a workspace")
        .description("Deletes a workspace for good: revokes all its API keys (apps using them stop"
            + " working) and removes its memberships. Cannot be undone; confirm with the user"
            + " first. Needs a PAT with admin:write and the OWNER role on the workspace.")
        .inputSchema(ObjectSchema.builder()
            .property("workspaceId", Schemas.id("The workspace to delete, from workspaces_list."),
                true)
            .build())
        .outputSchema(ObjectSchema.builder()
            .string("id", "The deleted workspace's id.", true)
            .property("revokedApiKeys", Schemas.integer("How many API keys were revoked."), true)
            .property("removedMembers", Schemas.integer("How many memberships were removed."),
                true)
            .build())
        .destructive(true)
        .idempotent(true)
        .handler(call -> {
          DeletedWorkspace deleted = call.admin().workspaces()
              .delete(call.requiredString("workspaceId"), call.cancellation());
          return ToolResult.ok(deleted, "Deleted workspace " + deleted.id() + ": revoked "
              + deleted.revokedApiKeys() + " API keys, removed " + deleted.removedMembers()
              + " members.");
        })
        .build();
  }

  static ToolDefinition listMembers() {
    return tool("workspaces_list_members", Access.READ)
        .title("List workspace members")
        .description("Lists the members of a workspace (email, role, status), oldest first. Use"
            + " it to find a memberId for members_set_role or members_remove. Needs a PAT with"
            + " admin:read.")
        .inputSchema(ObjectSchema.builder()
            .property("workspaceId", Schemas.id(WORKSPACE_ID), true)
            .build())
        .outputSchema(Schemas.listOf("members", Schemas.member(), "The memberships."))
        .idempotent(true)
        .handler(call -> {
          List<Member> members = call.admin().workspaces()
              .listMembers(call.requiredString("workspaceId"), call.cancellation());
          return ToolResult.ok(Map.of("members", members), Summaries.count(members.size(), "member",
              members.stream().map(m -> m.email() + " (" + m.role() + ")")
                  .collect(Collectors.toList())));
        })
        .build();
  }

  private static ToolDefinition.Builder tool(String name, Access access) {
    return ToolDefinition.builder(name).toolset(Toolset.WORKSPACES).access(access);
  }

  private static String describe(Workspace workspace) {
    return "`" + workspace.name() + "` (" + workspace.id() + ")";
  }
}
