package ai.aisetu.admin.model;

import java.time.Instant;

/** The tenant's prepaid credit, in integer minor units (cents) of {@code currency}. */
public record CreditBalance(String tenantId, int balanceCents, String currency, Instant updatedAt) {}
