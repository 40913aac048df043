package ai.aisetu.admin;

import static java.util.Objects.requireNonNull;

import ai.aisetu.admin.model.ProviderAvailability;
import ai.aisetu.admin.model.ProviderCredential;
import ai.aisetu.admin.model.ProviderCredentialTest;
import ai.aisetu.admin.model.UpsertProviderCredentialInput;
import ai.aisetu.admin.transport.GraphQLTransport;
import java.util.List;

/**
 * BYOK connections: {@code admin.providerCredentials()}. A connection's slug is the routing handle
 * in model strings {@code @<slug>/<model>}; its secret never comes back, only a key hint.
 */
public final class ProviderCredentials {
  private final GraphQLTransport transport;

  ProviderCredentials(GraphQLTransport transport) {
    this.transport = transport;
  }

  /** For each provider: whether BYOK is supported and which input fields a credential needs. */
  public List<ProviderAvailability> availability() {
    return availability(Cancellation.create());
  }

  public List<ProviderAvailability> availability(Cancellation cancellation) {
    return transport.execute(
        Operations.PROVIDER_CREDENTIALS_AVAILABILITY, Variables.of().map(), cancellation);
  }

  /** The tenant's connections, oldest first, revoked ones included. */
  public List<ProviderCredential> list() {
    return list(Cancellation.create());
  }

  public List<ProviderCredential> list(Cancellation cancellation) {
    return transport.execute(
        Operations.PROVIDER_CREDENTIALS_LIST, Variables.of().map(), cancellation);
  }

  /** Creates or replaces the connection with {@code input}'s slug. */
  public ProviderCredential upsert(UpsertProviderCredentialInput input) {
    return upsert(input, Cancellation.create());
  }

  public ProviderCredential upsert(UpsertProviderCredentialInput input, Cancellation cancellation) {
    requireNonNull(input, "input == null");
    return transport.execute(
        Operations.PROVIDER_CREDENTIALS_UPSERT,
        Variables.of().put("input", input).map(),
        cancellation);
  }

  /**
   * Proves the stored secret authenticates upstream without spending quota. An unreachable
   * upstream is {@code ok: false}, not an error.
   */
  public ProviderCredentialTest test(String id) {
    return test(id, Cancellation.create());
  }

  public ProviderCredentialTest test(String id, Cancellation cancellation) {
    requireNonNull(id, "id == null");
    return transport.execute(
        Operations.PROVIDER_CREDENTIALS_TEST, Variables.of().put("id", id).map(), cancellation);
  }

  /** Revokes a connection and destroys its secret. Idempotent. */
  public ProviderCredential revoke(String id) {
    return revoke(id, Cancellation.create());
  }

  public ProviderCredential revoke(String id, Cancellation cancellation) {
    requireNonNull(id, "id == null");
    return transport.execute(
        Operations.PROVIDER_CREDENTIALS_REVOKE, Variables.of().put("id", id).map(), cancellation);
  }
}
