package ai.aisetu.local;

import ai.aisetu.local.token.TokenFormat;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Prepaid credit in integer cents: balances, top-up intents completed on the loopback checkout
 * page, and the usage ledger with its month projection.
 */
final class Billing {
  record CreditBalance(String tenantId, long balanceCents, String currency, Instant updatedAt) {}

  record TopUpIntent(String id, String tenantId, long amountCents, String currency, String status, String checkoutUrl,
      String idempotencyKey, Instant createdAt, Instant completedAt) {}

  record UsageProjection(String tenantId, Instant periodStart, Instant periodEnd, String currency, long spentToDateCents,
      long dailyBurnCents, long projectedPeriodTotalCents, Integer runwayDays, Instant asOf) {}

  /** What the checkout page shows: the intent and the form token that proves a POST came from it. */
  record Checkout(TopUpIntent intent, String formToken) {}

  static final String USD = "USD";
  static final long MIN_TOP_UP_CENTS = 500;
  static final long MAX_TOP_UP_CENTS = 1_000_000;
  /** A PENDING intent not paid within this long reads as EXPIRED and can no longer be paid. */
  static final Duration INTENT_LIFETIME = Duration.ofHours(24);
  static final int BURN_WINDOW_DAYS = 7;

  private static final String INTENT = "SELECT id, tenant_id, amount_cents, currency, status, idempotency_key, "
      + "checkout_token, created_at, completed_at FROM top_up_intents ";

  private final Database db;
  private final Clock clock;
  private volatile URI baseUri = URI.create("http://127.0.0.1/");

  Billing(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  void baseUri(URI baseUri) {
    this.baseUri = baseUri;
  }

  CreditBalance balance(Caller caller, String tenantId) {
    Access.tenant(caller, tenantId);
    return db.transaction(tx -> balance(tx, tenantId));
  }

  List<TopUpIntent> topUps(Caller caller, String tenantId) {
    Access.tenant(caller, tenantId);
    return db.transaction(tx -> tx.list(INTENT + "WHERE tenant_id = ? ORDER BY created_at DESC, rowid DESC",
        this::intent, tenantId));
  }

  TopUpIntent createTopUpIntent(Caller caller, String tenantId, Integer amountCents, String currency,
      String idempotencyKey) {
    Access.tenant(caller, tenantId);
    return db.transaction(tx -> {
      Access.tenantAdmin(tx, caller, "a top-up");
      Validation.range("amountCents", amountCents, (int) MIN_TOP_UP_CENTS, (int) MAX_TOP_UP_CENTS);
      if (!USD.equals(currency == null ? USD : currency)) {
        throw ApiException.badInput("currency", "currency must be USD, the only currency the control plane bills in");
      }
      if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > 255)) {
        throw ApiException.badInput("idempotencyKey", "idempotencyKey must be 1 to 255 characters");
      }
      if (idempotencyKey != null) {
        Optional<TopUpIntent> same = tx.one(INTENT + "WHERE tenant_id = ? AND idempotency_key = ?", this::intent,
            tenantId, idempotencyKey);
        if (same.isPresent()) {
          if (same.get().amountCents() != amountCents) {
            throw ApiException.conflict("idempotencyKey", "idempotencyKey was already used for a top-up of "
                + same.get().amountCents() + " cents; use a new key for a different amount");
          }
          return same.get();
        }
      }
      String id = Ids.next("topup");
      tx.update("INSERT INTO top_up_intents (id, tenant_id, amount_cents, currency, status, idempotency_key, "
              + "checkout_token, created_at) VALUES (?, ?, ?, ?, 'PENDING', ?, ?, ?)",
          id, tenantId, amountCents, USD, idempotencyKey, Ids.random(32), clock.millis());
      return tx.one(INTENT + "WHERE id = ?", this::intent, id).orElseThrow();
    });
  }

  /** The intent behind a checkout page, with its form token; empty for an unknown id. */
  Optional<Checkout> checkout(String intentId) {
    return db.transaction(tx -> tx.one(INTENT + "WHERE id = ?",
        r -> new Checkout(intent(r), r.getString("checkout_token")), intentId));
  }

  /** The result of a "Pay" POST. */
  enum Payment { PAID, ALREADY_PAID, NOT_PAYABLE, FORGED, UNKNOWN }

  /**
   * Completes a PENDING intent and credits the balance, once, when {@code formToken} is the
   * intent's own; a forged or replayed POST changes nothing.
   */
  Payment pay(String intentId, String formToken) {
    return db.transaction(tx -> {
      Optional<Checkout> found = tx.one(INTENT + "WHERE id = ?",
          r -> new Checkout(intent(r), r.getString("checkout_token")), intentId);
      if (found.isEmpty()) return Payment.UNKNOWN;
      Checkout checkout = found.get();
      if (formToken == null || !TokenFormat.constantTimeEquals(TokenFormat.sha256Hex(formToken),
          TokenFormat.sha256Hex(checkout.formToken()))) {
        return Payment.FORGED;
      }
      TopUpIntent intent = checkout.intent();
      if ("SUCCEEDED".equals(intent.status())) return Payment.ALREADY_PAID;
      if (!"PENDING".equals(intent.status())) return Payment.NOT_PAYABLE;
      long now = clock.millis();
      tx.update("UPDATE top_up_intents SET status = 'SUCCEEDED', completed_at = ? WHERE id = ?", now, intentId);
      tx.update("UPDATE credit_balances SET balance_cents = balance_cents + ?, updated_at = ? WHERE tenant_id = ?",
          intent.amountCents(), now, intent.tenantId());
      return Payment.PAID;
    });
  }

  /** Records synthetic inference spend at {@code at} and draws it from the tenant's balance. */
  void seedUsage(String tenantId, long cents, Instant at) {
    if (cents < 0) throw new IllegalArgumentException("cents < 0");
    db.transaction(tx -> {
      if (tx.count("SELECT COUNT(*) FROM tenants WHERE id = ?", tenantId) == 0) {
        throw new IllegalArgumentException("unknown tenant " + tenantId);
      }
      tx.update("INSERT INTO usage_ledger (tenant_id, amount_cents, at) VALUES (?, ?, ?)", tenantId, cents, at.toEpochMilli());
      tx.update("UPDATE credit_balances SET balance_cents = balance_cents - ?, updated_at = ? WHERE tenant_id = ?",
          cents, clock.millis(), tenantId);
      return null;
    });
  }

  /**
   * The month so far and the projection. {@code dailyBurn} is the spend in the trailing 7 days
   * (the 7 × 24 h before now) divided by 7, rounded down; the projection adds {@code dailyBurn}
   * for each whole calendar day left after today; {@code runwayDays} is the balance (0 if
   * negative) divided by the burn, rounded down, null when the burn is 0.
   */
  UsageProjection projection(Caller caller, String tenantId) {
    Access.tenant(caller, tenantId);
    Instant now = Instant.ofEpochMilli(clock.millis());
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate first = today.withDayOfMonth(1);
    Instant periodStart = first.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant periodEnd = first.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    return db.transaction(tx -> {
      long spent = tx.count("SELECT COALESCE(SUM(amount_cents), 0) FROM usage_ledger WHERE tenant_id = ? AND at >= ? AND at <= ?",
          tenantId, periodStart.toEpochMilli(), now.toEpochMilli());
      long window = tx.count("SELECT COALESCE(SUM(amount_cents), 0) FROM usage_ledger WHERE tenant_id = ? AND at > ? AND at <= ?",
          tenantId, now.minus(Duration.ofDays(BURN_WINDOW_DAYS)).toEpochMilli(), now.toEpochMilli());
      long burn = window / BURN_WINDOW_DAYS;
      long daysLeft = today.lengthOfMonth() - today.getDayOfMonth();
      long balance = balance(tx, tenantId).balanceCents();
      Integer runway = burn == 0 ? null : (int) Math.min(Integer.MAX_VALUE, Math.max(0, balance) / burn);
      return new UsageProjection(tenantId, periodStart, periodEnd, USD, spent, burn, spent + burn * daysLeft, runway, now);
    });
  }

  static void openAccount(Database.Tx tx, String tenantId, Instant now) {
    tx.update("INSERT INTO credit_balances (tenant_id, balance_cents, currency, updated_at) VALUES (?, 0, ?, ?)",
        tenantId, USD, now.toEpochMilli());
  }

  private static CreditBalance balance(Database.Tx tx, String tenantId) {
    return tx.one("SELECT tenant_id, balance_cents, currency, updated_at FROM credit_balances WHERE tenant_id = ?",
        r -> new CreditBalance(r.getString("tenant_id"), r.getLong("balance_cents"), r.getString("currency"),
            Ids.instant(r, "updated_at")), tenantId).orElseThrow(() -> ApiException.notFound("tenant " + tenantId));
  }

  private TopUpIntent intent(java.sql.ResultSet r) throws java.sql.SQLException {
    String status = r.getString("status");
    Instant createdAt = Ids.instant(r, "created_at");
    if ("PENDING".equals(status) && !clock.instant().isBefore(createdAt.plus(INTENT_LIFETIME))) status = "EXPIRED";
    String id = r.getString("id");
    return new TopUpIntent(id, r.getString("tenant_id"), r.getLong("amount_cents"), r.getString("currency"), status,
        baseUri.resolve("/checkout/" + id).toString(), r.getString("idempotency_key"), createdAt,
        Ids.instant(r, "completed_at"));
  }
}
