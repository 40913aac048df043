package ai.aisetu.admin;

import static java.util.Objects.requireNonNull;

import ai.aisetu.admin.model.Member;
import ai.aisetu.admin.model.Role;
import ai.aisetu.admin.transport.GraphQLTransport;

/** Memberships of a workspace: {@code admin.members()}. Needs ADMIN or OWNER on the workspace. */
public final class Members {
  private final GraphQLTransport transport;

  Members(GraphQLTransport transport) {
    this.transport = transport;
  }

  /**
   * Invites {@code email} with {@code role} (null for the server's default, MEMBER). Inviting an
   * email that already has a membership returns it unchanged.
   */
  public Member invite(String workspaceId, String email, Role role) {
    return invite(workspaceId, email, role, Cancellation.create());
  }

  public Member invite(String workspaceId, String email, Role role, Cancellation cancellation) {
    requireNonNull(workspaceId, "workspaceId == null");
    requireNonNull(email, "email == null");
    return transport.execute(
        Operations.MEMBERS_INVITE,
        Variables.of().put("workspaceId", workspaceId).put("email", email).put("role", role).map(),
        cancellation);
  }

  public Member setRole(String workspaceId, String memberId, Role role) {
    return setRole(workspaceId, memberId, role, Cancellation.create());
  }

  public Member setRole(
      String workspaceId, String memberId, Role role, Cancellation cancellation) {
    requireNonNull(workspaceId, "workspaceId == null");
    requireNonNull(memberId, "memberId == null");
    requireNonNull(role, "role == null");
    return transport.execute(
        Operations.MEMBERS_SET_ROLE,
        Variables.of()
            .put("workspaceId", workspaceId)
            .put("memberId", memberId)
            .put("role", role)
            .map(),
        cancellation);
  }

  /** Removes a member and returns the membership as it was. */
  public Member remove(String workspaceId, String memberId) {
    return remove(workspaceId, memberId, Cancellation.create());
  }

  public Member remove(String workspaceId, String memberId, Cancellation cancellation) {
    requireNonNull(workspaceId, "workspaceId == null");
    requireNonNull(memberId, "memberId == null");
    return transport.execute(
        Operations.MEMBERS_REMOVE,
        Variables.of().put("workspaceId", workspaceId).put("memberId", memberId).map(),
        cancellation);
  }
}
