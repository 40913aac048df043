package ai.aisetu.admin.model;

import java.time.Instant;

/** A membership: one email's role in one workspace. */
public record Member(
    String id,
    String workspaceId,
    String email,
    Role role,
    MemberStatus status,
    Instant invitedAt) {}
