package ai.aisetu.admin.model;

import java.time.Instant;

/** The customer account. A user belongs to one tenant. */
public record Tenant(String id, String name, Instant createdAt) {}
