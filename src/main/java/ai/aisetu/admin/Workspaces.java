package ai.aisetu.admin;

import static java.util.Objects.requireNonNull;

import ai.aisetu.admin.model.DeletedWorkspace;
import ai.aisetu.admin.model.Member;
import ai.aisetu.admin.model.Workspace;
import ai.aisetu.admin.transport.GraphQLTransport;
import java.util.List;

/** The tenant's workspaces: {@code admin.workspaces()}. */
public final class Workspaces {
  private final GraphQLTransport transport;

  Workspaces(GraphQLTransport transport) {
    this.transport = transport;
  }

  /** The tenant's workspaces, oldest first. */
  public List<Workspace> list() {
    return list(Cancellation.create());
  }

  public List<Workspace> list(Cancellation cancellation) {
    return transport.execute(Operations.WORKSPACES_LIST, Variables.of().map(), cancellation);
  }

  /** One workspace; {@link ErrorCode#NOT_FOUND} when absent or of another tenant. */
  public Workspace get(String id) {
    return get(id, Cancellation.create());
  }

  public Workspace get(String id, Cancellation cancellation) {
    requireNonNull(id, "id == null");
    return transport.execute(
        Operations.WORKSPACES_GET, Variables.of().put("id", id).map(), cancellation);
  }

  /** Creates a workspace (1 to 64 characters, unique in the tenant); the caller becomes OWNER. */
  public Workspace create(String name) {
    return create(name, Cancellation.create());
  }

  public Workspace create(String name, Cancellation cancellation) {
    requireNonNull(name, "name == null");
    return transport.execute(
        Operations.WORKSPACES_CREATE, Variables.of().put("name", name).map(), cancellation);
  }

  public Workspace rename(String id, String name) {
    return rename(id, name, Cancellation.create());
  }

  public Workspace rename(String id, String name, Cancellation cancellation) {
    requireNonNull(id, "id == null");
    requireNonNull(name, "name == null");
    return transport.execute(
        Operations.WORKSPACES_RENAME,
        Variables.of().put("id", id).put("name", name).map(),
        cancellation);
  }

  /** Deletes a workspace, revoking its API keys and removing its memberships. */
  public DeletedWorkspace delete(String id) {
    return delete(id, Cancellation.create());
  }

  public DeletedWorkspace delete(String id, Cancellation cancellation) {
    requireNonNull(id, "id == null");
    return transport.execute(
        Operations.WORKSPACES_DELETE, Variables.of().put("id", id).map(), cancellation);
  }

  /** The members of a workspace, oldest first. */
  public List<Member> listMembers(String workspaceId) {
    return listMembers(workspaceId, Cancellation.create());
  }

  public List<Member> listMembers(String workspaceId, Cancellation cancellation) {
    requireNonNull(workspaceId, "workspaceId == null");
    return transport.execute(
        Operations.WORKSPACES_LIST_MEMBERS,
        Variables.of().put("workspaceId", workspaceId).map(),
        cancellation);
  }
}
