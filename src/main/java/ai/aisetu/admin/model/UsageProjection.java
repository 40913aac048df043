package ai.aisetu.admin.model;

import java.time.Instant;

/**
 * Spend so far this calendar month (UTC), the trailing 7-day daily burn, and how long the balance
 * lasts at that burn ({@code runwayDays} is null when the burn is 0).
 */
public record UsageProjection(
    String tenantId,
    Instant periodStart,
    Instant periodEnd,
    String currency,
    int spentToDateCents,
    int dailyBurnCents,
    int projectedPeriodTotalCents,
    Integer runwayDays,
    Instant asOf) {}
