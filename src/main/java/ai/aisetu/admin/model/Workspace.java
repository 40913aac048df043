package ai.aisetu.admin.model;

import java.time.Instant;

/** A workspace of a tenant; {@code name} is 1 to 64 characters, unique within the tenant. */
public record Workspace(String id, String tenantId, String name, Instant createdAt) {}
