package ai.aisetu.admin.model;

import java.time.Instant;
import java.util.List;

/** A personal access token without its secret: {@code keyHint} is the last four characters. */
public record PersonalAccessToken(
    String id,
    String name,
    List<String> scopes,
    String keyHint,
    Instant createdAt,
    Instant expiresAt,
    Instant lastUsedAt,
    Instant revokedAt) {}
