package ai.aisetu.local;

import java.util.Optional;

/**
 * Tenant and role checks. Another tenant's object is always {@code NOT_FOUND} (never told apart
 * from an absent one); a role too low inside the caller's own tenant is {@code FORBIDDEN}.
 */
final class Access {
  private Access() {}

  static void tenant(Caller caller, String tenantId) {
    if (!caller.tenantId().equals(tenantId)) throw ApiException.notFound("tenant " + tenantId);
  }

  /** The workspace's tenant id, when the workspace exists in the caller's tenant. */
  static void workspace(Database.Tx tx, Caller caller, String workspaceId) {
    long found = tx.count("SELECT COUNT(*) FROM workspaces WHERE id = ? AND tenant_id = ?", workspaceId, caller.tenantId());
    if (found == 0) throw ApiException.notFound("workspace " + workspaceId);
  }

  static Optional<Role> role(Database.Tx tx, Caller caller, String workspaceId) {
    return tx.one("SELECT role FROM members WHERE workspace_id = ? AND email = ? AND status = 'ACTIVE'",
        r -> Role.valueOf(r.getString("role")), workspaceId, caller.email());
  }

  /** Checks the workspace is the caller's tenant's and the caller holds at least {@code needed} in it. */
  static Role require(Database.Tx tx, Caller caller, String workspaceId, Role needed, String action) {
    workspace(tx, caller, workspaceId);
    Role role = role(tx, caller, workspaceId).orElse(null);
    if (role == null || !role.atLeast(needed)) {
      throw ApiException.forbidden(action + " needs the " + needed + " role" + (needed == Role.OWNER ? "" : " or higher")
          + " on workspace " + workspaceId + "; your role is " + (role == null ? "none" : role.name()));
    }
    return role;
  }

  /** OWNER or ADMIN of at least one workspace of the caller's tenant (billing, BYOK). */
  static void tenantAdmin(Database.Tx tx, Caller caller, String action) {
    long n = tx.count("SELECT COUNT(*) FROM members m JOIN workspaces w ON w.id = m.workspace_id "
        + "WHERE w.tenant_id = ? AND m.email = ? AND m.status = 'ACTIVE' AND m.role IN ('OWNER', 'ADMIN')",
        caller.tenantId(), caller.email());
    if (n == 0) throw ApiException.forbidden(action + " needs the OWNER or ADMIN role on a workspace of the tenant");
  }
}
