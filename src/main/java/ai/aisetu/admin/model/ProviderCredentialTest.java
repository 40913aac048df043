package ai.aisetu.admin.model;

import java.time.Instant;

/** The outcome of proving a stored credential authenticates upstream. */
public record ProviderCredentialTest(
    String id, boolean ok, String message, int latencyMs, Instant testedAt) {}
