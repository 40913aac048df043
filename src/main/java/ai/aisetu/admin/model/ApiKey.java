package ai.aisetu.admin.model;

import java.time.Instant;

/**
 * A workspace API key for inference ({@code tt_live_…}), without its secret: {@code keyHint} is the
 * last four characters. {@code revokedAt} may lie in the future during a rotation's grace period.
 */
public record ApiKey(
    String id,
    String workspaceId,
    String name,
    String keyHint,
    Instant createdAt,
    Instant lastUsedAt,
    Instant revokedAt) {}
