package ai.aisetu.admin.model;

/** The outcome of deleting a workspace: how many API keys it revoked and memberships it removed. */
public record DeletedWorkspace(String id, int revokedApiKeys, int removedMembers) {}
