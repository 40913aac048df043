package ai.aisetu.admin;

import static java.util.Objects.requireNonNull;

import ai.aisetu.admin.model.CreatedPersonalAccessToken;
import ai.aisetu.admin.model.PersonalAccessToken;
import ai.aisetu.admin.transport.GraphQLTransport;
import java.util.List;

/** The caller's own personal access tokens: {@code admin.pats()}. */
public final class Pats {
  private final GraphQLTransport transport;

  Pats(GraphQLTransport transport) {
    this.transport = transport;
  }

  /** The caller's PATs, newest first, revoked ones included, without secrets. */
  public List<PersonalAccessToken> list() {
    return list(Cancellation.create());
  }

  public List<PersonalAccessToken> list(Cancellation cancellation) {
    return transport.execute(Operations.PATS_LIST, Variables.of().map(), cancellation);
  }

  /**
   * Mints a PAT with {@code scopes} ({@code admin:read}, {@code admin:write}; no more than the
   * caller's own) expiring in {@code expiresInDays} (1 to 365; null for never). The secret is in
   * this response only.
   */
  public CreatedPersonalAccessToken create(
      String name, List<String> scopes, Integer expiresInDays) {
    return create(name, scopes, expiresInDays, Cancellation.create());
  }

  public CreatedPersonalAccessToken create(
      String name, List<String> scopes, Integer expiresInDays, Cancellation cancellation) {
    requireNonNull(name, "name == null");
    requireNonNull(scopes, "scopes == null");
    return transport.execute(
        Operations.PATS_CREATE,
        Variables.of()
            .put("name", name)
            .put("scopes", List.copyOf(scopes))
            .put("expiresInDays", expiresInDays)
            .map(),
        cancellation);
  }

  /** Revokes one of the caller's PATs; it fails with HTTP 401 from then on. Idempotent. */
  public PersonalAccessToken revoke(String id) {
    return revoke(id, Cancellation.create());
  }

  public PersonalAccessToken revoke(String id, Cancellation cancellation) {
    requireNonNull(id, "id == null");
    return transport.execute(
        Operations.PATS_REVOKE, Variables.of().put("id", id).map(), cancellation);
  }
}
