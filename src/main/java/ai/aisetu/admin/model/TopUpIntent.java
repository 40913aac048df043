package ai.aisetu.admin.model;

import java.time.Instant;

/** A credit top-up; the payment is completed at {@code checkoutUrl}. */
public record TopUpIntent(
    String id,
    String tenantId,
    int amountCents,
    String currency,
    TopUpStatus status,
    String checkoutUrl,
    String idempotencyKey,
    Instant createdAt,
    Instant completedAt) {}
