package ai.aisetu.local;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Users and tenants: who a caller is, and where an email lands when it first signs in.
 *
 * <p>An email signing in for the first time joins the tenant that invited it (its INVITED
 * memberships there become ACTIVE; with invitations from several tenants, the oldest invitation
 * wins, since a user belongs to one tenant). An email nobody invited gets a new tenant named
 * after it, with a workspace {@code default} it OWNs.
 */
final class Accounts {
  record User(String id, String email, Instant createdAt) {}

  record Tenant(String id, String name, Instant createdAt) {}

  record Viewer(User user, Tenant tenant, String patId, List<String> scopes) {}

  static final String DEFAULT_WORKSPACE = "default";

  private final Database db;

  Accounts(Database db) {
    this.db = db;
  }

  Viewer viewer(Caller caller) {
    return db.transaction(tx -> new Viewer(user(tx, caller.userId()), tenant(tx, caller.tenantId()), caller.patId(),
        caller.scopes()));
  }

  /** The user for {@code email}, created (with a tenant, or in the inviting tenant) when new. */
  static User signIn(Database.Tx tx, String email, Instant now) {
    Optional<User> existing = tx.one("SELECT id, email, created_at FROM users WHERE email = ?", Accounts::user, email);
    String tenantId;
    User user;
    if (existing.isPresent()) {
      user = existing.get();
      tenantId = tx.one("SELECT tenant_id FROM users WHERE id = ?", r -> r.getString(1), user.id()).orElseThrow();
    } else {
      tenantId = tx.one("SELECT w.tenant_id FROM members m JOIN workspaces w ON w.id = m.workspace_id "
              + "WHERE m.email = ? AND m.status = 'INVITED' ORDER BY m.invited_at, m.rowid LIMIT 1",
          r -> r.getString(1), email).orElse(null);
      if (tenantId == null) {
        tenantId = Ids.next("ten");
        tx.update("INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)", tenantId, email, now.toEpochMilli());
        Billing.openAccount(tx, tenantId, now);
        Workspaces.Workspace ws = Workspaces.insert(tx, tenantId, DEFAULT_WORKSPACE, now);
        Workspaces.addMember(tx, ws.id(), email, Role.OWNER, "ACTIVE", now);
      }
      user = new User(Ids.next("usr"), email, Instant.ofEpochMilli(now.toEpochMilli()));
      tx.update("INSERT INTO users (id, tenant_id, email, created_at) VALUES (?, ?, ?, ?)",
          user.id(), tenantId, email, now.toEpochMilli());
    }
    tx.update("UPDATE members SET status = 'ACTIVE' WHERE email = ? AND status = 'INVITED' "
        + "AND workspace_id IN (SELECT id FROM workspaces WHERE tenant_id = ?)", email, tenantId);
    return user;
  }

  static Tenant tenantOf(Database.Tx tx, String userId) {
    return tenant(tx, tx.one("SELECT tenant_id FROM users WHERE id = ?", r -> r.getString(1), userId).orElseThrow());
  }

  private static User user(Database.Tx tx, String id) {
    return tx.one("SELECT id, email, created_at FROM users WHERE id = ?", Accounts::user, id).orElseThrow();
  }

  private static Tenant tenant(Database.Tx tx, String id) {
    return tx.one("SELECT id, name, created_at FROM tenants WHERE id = ?",
        r -> new Tenant(r.getString("id"), r.getString("name"), Ids.instant(r, "created_at")), id).orElseThrow();
  }

  private static User user(java.sql.ResultSet r) throws java.sql.SQLException {
    return new User(r.getString("id"), r.getString("email"), Ids.instant(r, "created_at"));
  }
}
