package ai.aisetu.admin.model;

import java.time.Instant;

/** A person who signs in. */
public record User(String id, String email, Instant createdAt) {}
