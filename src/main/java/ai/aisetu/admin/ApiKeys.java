package ai.aisetu.admin;

import static java.util.Objects.requireNonNull;

import ai.aisetu.admin.model.ApiKey;
import ai.aisetu.admin.model.CreatedApiKey;
import ai.aisetu.admin.model.RotatedApiKey;
import ai.aisetu.admin.transport.GraphQLTransport;
import java.util.List;

/**
 * A workspace's inference API keys ({@code tt_live_…}): {@code admin.apiKeys()}. The secret of a
 * created or rotated key is in that one response only.
 */
public final class ApiKeys {
  private final GraphQLTransport transport;

  ApiKeys(GraphQLTransport transport) {
    this.transport = transport;
  }

  /** A workspace's keys, newest first, revoked ones included, without secrets. */
  public List<ApiKey> list(String workspaceId) {
    return list(workspaceId, Cancellation.create());
  }

  public List<ApiKey> list(String workspaceId, Cancellation cancellation) {
    requireNonNull(workspaceId, "workspaceId == null");
    return transport.execute(
        Operations.API_KEYS_LIST, Variables.of().put("workspaceId", workspaceId).map(), cancellation);
  }

  public CreatedApiKey create(String workspaceId, String name) {
    return create(workspaceId, name, Cancellation.create());
  }

  public CreatedApiKey create(String workspaceId, String name, Cancellation cancellation) {
    requireNonNull(workspaceId, "workspaceId == null");
    requireNonNull(name, "name == null");
    return transport.execute(
        Operations.API_KEYS_CREATE,
        Variables.of().put("workspaceId", workspaceId).put("name", name).map(),
        cancellation);
  }

  /**
   * Replaces a key by a successor and revokes the old one at once, or after {@code
   * gracePeriodSeconds} (0 to 86400; null for at once).
   */
  public RotatedApiKey rotate(String id, Integer gracePeriodSeconds) {
    return rotate(id, gracePeriodSeconds, Cancellation.create());
  }

  public RotatedApiKey rotate(String id, Integer gracePeriodSeconds, Cancellation cancellation) {
    requireNonNull(id, "id == null");
    return transport.execute(
        Operations.API_KEYS_ROTATE,
        Variables.of().put("id", id).put("gracePeriodSeconds", gracePeriodSeconds).map(),
        cancellation);
  }

  /** Revokes a key; revoking a revoked key returns it unchanged. */
  public ApiKey revoke(String id) {
    return revoke(id, Cancellation.create());
  }

  public ApiKey revoke(String id, Cancellation cancellation) {
    requireNonNull(id, "id == null");
    return transport.execute(
        Operations.API_KEYS_REVOKE, Variables.of().put("id", id).map(), cancellation);
  }
}
