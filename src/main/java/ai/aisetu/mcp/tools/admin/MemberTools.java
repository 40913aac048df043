package ai.aisetu.mcp.tools.admin;

import ai.aisetu.admin.model.Member;
import ai.aisetu.admin.model.Role;
import ai.aisetu.mcp.tools.Access;
import ai.aisetu.mcp.tools.ObjectSchema;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.mcp.tools.ToolResult;
import ai.aisetu.mcp.tools.Toolset;
import java.util.List;

/** The {@code members} toolset: who may do what in a workspace. List them with workspaces_list_members. */
public final class MemberTools {
  private static final String WORKSPACE_ID = "The workspace id, from workspaces_list.";
  private static final String MEMBER_ID = "The membership id, from workspaces_list_members.";
  private static final String ROLES = " OWNER: everything, including billing; ADMIN: members,"
      + " keys and credentials; MEMBER: uses the workspace and its keys; VIEWER: reads only.";

  private MemberTools() {}

  public static List<ToolDefinition> all() {
    return List.of(invite(), setRole(), remove());
  }

  static ToolDefinition invite() {
    return tool("members_invite", Access.WRITE)
        .title("Invite a member")
        .description("Invites an email address to a workspace with a role (default MEMBER); the"
            + " member is INVITED until they sign in. Inviting an email that is already a member"
            + " returns the existing membership unchanged (use members_set_role to change it)."
            + " Needs a PAT with admin:write and the ADMIN or OWNER role; only an OWNER can invite"
            + " an OWNER.")
        .inputSchema(ObjectSchema.builder()
            .property("workspaceId", Schemas.id(WORKSPACE_ID), true)
            .property("email", ObjectSchema.string("The person's email address.")
                .put("format", "email"), true)
            .property("role", Schemas.oneOf("The role; default MEMBER." + ROLES, Schemas.ROLES),
                false)
            .build())
        .outputSchema(Schemas.member())
        .idempotent(true)
        .handler(call -> {
          Member member = call.admin().members().invite(
              call.requiredString("workspaceId"),
              call.requiredString("email"),
              call.optionalEnum("role", Role.class).orElse(null),
              call.cancellation());
          return ToolResult.ok(member, describe(member) + " in workspace " + member.workspaceId()
              + ".");
        })
        .build();
  }

  static ToolDefinition setRole() {
    return tool("members_set_role", Access.WRITE)
        .title("Change a member's role")
        .description("Changes a member's role in a workspace. The last OWNER cannot be demoted"
            + " (conflict): promote someone else first. Needs a PAT with admin:write and the ADMIN"
            + " or OWNER role; only an OWNER can grant or take away OWNER.")
        .inputSchema(ObjectSchema.builder()
            .property("workspaceId", Schemas.id(WORKSPACE_ID), true)
            .property("memberId", Schemas.id(MEMBER_ID), true)
            .property("role", Schemas.oneOf("The new role." + ROLES, Schemas.ROLES), true)
            .build())
        .outputSchema(Schemas.member())
        .idempotent(true)
        .handler(call -> {
          Member member = call.admin().members().setRole(
              call.requiredString("workspaceId"),
              call.requiredString("memberId"),
              call.requiredEnum("role", Role.class),
              call.cancellation());
          return ToolResult.ok(member, describe(member) + ".");
        })
        .build();
  }

  static ToolDefinition remove() {
    return tool("members_remove", Access.WRITE)
        .title("Remove a member")
        .description("Removes a member from a workspace; they lose access to it at once. The last"
            + " OWNER cannot be removed (conflict). Confirm with the user first. Needs a PAT with"
            + " admin:write and the ADMIN or OWNER role.")
        .inputSchema(ObjectSchema.builder()
            .property("workspaceId", Schemas.id(WORKSPACE_ID), true)
            .property("memberId", Schemas.id(MEMBER_ID), true)
            .build())
        .outputSchema(Schemas.member())
        .destructive(true)
        .idempotent(true)
        .handler(call -> {
          Member member = call.admin().members().remove(
              call.requiredString("workspaceId"), call.requiredString("memberId"),
              call.cancellation());
          return ToolResult.ok(member, "Removed " + member.email() + " (was " + member.role()
              + ") from workspace " + member.workspaceId() + ".");
        })
        .build();
  }

  private static ToolDefinition.Builder tool(String name, Access access) {
    return ToolDefinition.builder(name).toolset(Toolset.MEMBERS).access(access);
  }

  private static String describe(Member member) {
    return member.email() + " is " + member.role() + " (" + member.status() + ", member "
        + member.id() + ")";
  }
}
