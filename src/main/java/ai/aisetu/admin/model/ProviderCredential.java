package ai.aisetu.admin.model;

import java.time.Instant;

/**
 * A BYOK connection: a {@code slug} (the routing handle in {@code @<slug>/<model>}) backed by a
 * secret credential that never comes back; {@code keyHint} is its last four characters.
 */
public record ProviderCredential(
    String id,
    Provider provider,
    String slug,
    String keyHint,
    String awsAccessKeyId,
    String awsRegion,
    Instant createdAt,
    Instant updatedAt,
    Instant lastTestedAt,
    Instant revokedAt) {}
