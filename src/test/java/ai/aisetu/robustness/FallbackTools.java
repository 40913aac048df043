package ai.aisetu.robustness;

import ai.aisetu.admin.model.DeletedWorkspace;
import ai.aisetu.admin.model.RotatedApiKey;
import ai.aisetu.admin.model.Viewer;
import ai.aisetu.admin.model.Workspace;
import ai.aisetu.mcp.tools.Access;
import ai.aisetu.mcp.tools.ObjectSchema;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.mcp.tools.ToolInputException;
import ai.aisetu.mcp.tools.ToolResult;
import ai.aisetu.mcp.tools.Toolset;
import java.util.List;
import java.util.Map;

/**
 * The few admin tools the robustness suite drives, with the real catalogue's names and arguments,
 * for builds in which that catalogue is not registered yet. A registered tool of the same name
 * always wins (see {@link RobustServerMain#catalogue()}).
 */
final class FallbackTools {
  private FallbackTools() {}

  static List<ToolDefinition> all() {
    return List.of(whoami(), workspacesList(), workspacesCreate(), workspacesDelete(), apiKeysRotate());
  }

  private static ObjectSchema.Builder open() {
    return ObjectSchema.builder().allowAdditionalProperties();
  }

  private static ToolDefinition whoami() {
    return ToolDefinition.builder("whoami")
        .title("Who am I")
        .description("The user, tenant and scopes of the PAT in use.")
        .toolset(Toolset.ACCOUNT)
        .access(Access.READ)
        .idempotent(true)
        .outputSchema(open().build())
        .handler(call -> {
          Viewer viewer = call.session().viewer(call.cancellation());
          return ToolResult.ok(viewer, "Signed in as " + viewer.user().email() + ".");
        })
        .build();
  }

  private static ToolDefinition workspacesList() {
    return ToolDefinition.builder("workspaces_list")
        .title("List workspaces")
        .description("The tenant's workspaces, oldest first.")
        .toolset(Toolset.WORKSPACES)
        .access(Access.READ)
        .idempotent(true)
        .outputSchema(open().build())
        .handler(call -> {
          List<Workspace> workspaces = call.admin().workspaces().list(call.cancellation());
          return ToolResult.ok(Map.of("workspaces", workspaces), workspaces.size() + " workspaces.");
        })
        .build();
  }

  private static ToolDefinition workspacesCreate() {
    return ToolDefinition.builder("workspaces_create")
        .title("Create a workspace")
        .description("Creates a workspace in the tenant.")
        .toolset(Toolset.WORKSPACES)
        .access(Access.WRITE)
        .inputSchema(ObjectSchema.builder().string("name", "1 to 64 characters.", true).build())
        .outputSchema(open().build())
        .handler(call -> {
          String name = call.requiredString("name");
          if (name.length() > 64) throw new ToolInputException("name", "must be at most 64 characters");
          Workspace workspace = call.admin().workspaces().create(name, call.cancellation());
          return ToolResult.ok(workspace, "Created workspace " + workspace.name() + ".");
        })
        .build();
  }

  private static ToolDefinition workspacesDelete() {
    return ToolDefinition.builder("workspaces_delete")
        .title("Delete a workspace")
        .description("Deletes a workspace, revoking its keys.")
        .toolset(Toolset.WORKSPACES)
        .access(Access.WRITE)
        .inputSchema(ObjectSchema.builder().string("workspaceId", "The workspace.", true).build())
        .outputSchema(open().build())
        .destructive(true)
        .idempotent(true)
        .handler(call -> {
          DeletedWorkspace deleted = call.admin().workspaces()
              .delete(call.requiredString("workspaceId"), call.cancellation());
          return ToolResult.ok(deleted, "Deleted.");
        })
        .build();
  }

  private static ToolDefinition apiKeysRotate() {
    return ToolDefinition.builder("api_keys_rotate")
        .title("Rotate an API key")
        .description("Replaces an API key with a successor and revokes it.")
        .toolset(Toolset.API_KEYS)
        .access(Access.WRITE)
        .inputSchema(ObjectSchema.builder()
            .string("apiKeyId", "The key to rotate.", true)
            .build())
        .outputSchema(open().build())
        .destructive(true)
        .handler(call -> {
          RotatedApiKey rotated = call.admin().apiKeys()
              .rotate(call.requiredString("apiKeyId"), null, call.cancellation());
          return ToolResult.ok(Map.of("apiKey", rotated.apiKey(), "previous", rotated.previous()),
              "Rotated; the new secret ends " + rotated.apiKey().keyHint() + ".");
        })
        .build();
  }
}
