package ai.aisetu.admin;

import static java.util.Objects.requireNonNull;

import ai.aisetu.admin.model.CreditBalance;
import ai.aisetu.admin.model.TopUpIntent;
import ai.aisetu.admin.transport.GraphQLTransport;
import java.util.List;

/** The tenant's prepaid credit and its top-ups: {@code admin.billing()}. Money is in cents. */
public final class Billing {
  private final GraphQLTransport transport;

  Billing(GraphQLTransport transport) {
    this.transport = transport;
  }

  public CreditBalance creditBalance(String tenantId) {
    return creditBalance(tenantId, Cancellation.create());
  }

  public CreditBalance creditBalance(String tenantId, Cancellation cancellation) {
    requireNonNull(tenantId, "tenantId == null");
    return transport.execute(
        Operations.BILLING_CREDIT_BALANCE,
        Variables.of().put("tenantId", tenantId).map(),
        cancellation);
  }

  /**
   * Starts a top-up of {@code amountCents} (500 to 1000000) in {@code currency} (null for USD).
   * The same {@code idempotencyKey} (nullable) returns the same intent. Pay at its checkout URL.
   */
  public TopUpIntent createTopUpIntent(
      String tenantId, int amountCents, String currency, String idempotencyKey) {
    return createTopUpIntent(
        tenantId, amountCents, currency, idempotencyKey, Cancellation.create());
  }

  public TopUpIntent createTopUpIntent(
      String tenantId,
      int amountCents,
      String currency,
      String idempotencyKey,
      Cancellation cancellation) {
    requireNonNull(tenantId, "tenantId == null");
    return transport.execute(
        Operations.BILLING_CREATE_TOP_UP_INTENT,
        Variables.of()
            .put("tenantId", tenantId)
            .put("amountCents", amountCents)
            .put("currency", currency)
            .put("idempotencyKey", idempotencyKey)
            .map(),
        cancellation);
  }

  /** The tenant's top-up intents, newest first. */
  public List<TopUpIntent> topUps(String tenantId) {
    return topUps(tenantId, Cancellation.create());
  }

  public List<TopUpIntent> topUps(String tenantId, Cancellation cancellation) {
    requireNonNull(tenantId, "tenantId == null");
    return transport.execute(
        Operations.BILLING_TOP_UPS, Variables.of().put("tenantId", tenantId).map(), cancellation);
  }
}
