package ai.aisetu.local;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Workspaces and their memberships. */
final class Workspaces {
  record Workspace(String id, String tenantId, String name, Instant createdAt) {}

  record DeletedWorkspace(String id, int revokedApiKeys, int removedMembers) {}

  record Member(String id, String workspaceId, String email, String role, String status, Instant invitedAt) {}

  private static final String WORKSPACE = "SELECT id, tenant_id, name, created_at FROM workspaces ";
  private static final String MEMBER = "SELECT id, workspace_id, email, role, status, invited_at FROM members ";

  private final Database db;
  private final Clock clock;

  Workspaces(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  List<Workspace> list(Caller caller) {
    return db.transaction(tx -> tx.list(WORKSPACE + "WHERE tenant_id = ? ORDER BY created_at, rowid",
        Workspaces::workspace, caller.tenantId()));
  }

  Workspace get(Caller caller, String id) {
    return db.transaction(tx -> find(tx, caller, id));
  }

  Workspace create(Caller caller, String rawName) {
    String name = Validation.name("name", rawName);
    return db.transaction(tx -> {
      unique(tx, caller, name, null);
      Workspace ws = insert(tx, caller.tenantId(), name, clock.instant());
      addMember(tx, ws.id(), caller.email(), Role.OWNER, "ACTIVE", clock.instant());
      return ws;
    });
  }

  Workspace rename(Caller caller, String id, String rawName) {
    return db.transaction(tx -> {
      Access.require(tx, caller, id, Role.ADMIN, "renaming a workspace");
      String name = Validation.name("name", rawName);
      unique(tx, caller, name, id);
      tx.update("UPDATE workspaces SET name = ? WHERE id = ?", name, id);
      return find(tx, caller, id);
    });
  }

  DeletedWorkspace delete(Caller caller, String id) {
    return db.transaction(tx -> {
      Access.require(tx, caller, id, Role.OWNER, "deleting a workspace");
      long now = clock.millis();
      int revoked = tx.update("UPDATE api_keys SET revoked_at = ? WHERE workspace_id = ? AND (revoked_at IS NULL OR revoked_at > ?)",
          now, id, now);
      int removed = tx.update("DELETE FROM members WHERE workspace_id = ?", id);
      tx.update("DELETE FROM workspaces WHERE id = ?", id);
      return new DeletedWorkspace(id, revoked, removed);
    });
  }

  List<Member> members(Caller caller, String workspaceId) {
    return db.transaction(tx -> {
      Access.workspace(tx, caller, workspaceId);
      return tx.list(MEMBER + "WHERE workspace_id = ? ORDER BY invited_at, rowid", Workspaces::member, workspaceId);
    });
  }

  Member invite(Caller caller, String workspaceId, String rawEmail, String rawRole) {
    return db.transaction(tx -> {
      Role mine = Access.require(tx, caller, workspaceId, Role.ADMIN, "inviting a member");
      String email = Validation.email("email", rawEmail);
      Role role = role("role", rawRole == null ? "MEMBER" : rawRole);
      var existing = tx.one(MEMBER + "WHERE workspace_id = ? AND email = ?", Workspaces::member, workspaceId, email);
      if (existing.isPresent()) return existing.get();
      if (role == Role.OWNER && mine != Role.OWNER) throw ApiException.forbidden("only an OWNER can invite an OWNER");
      // An email that is already a user of this tenant is a member at once; anyone else is invited.
      long sameTenant = tx.count("SELECT COUNT(*) FROM users WHERE email = ? AND tenant_id = ?", email, caller.tenantId());
      return addMember(tx, workspaceId, email, role, sameTenant > 0 ? "ACTIVE" : "INVITED", clock.instant());
    });
  }

  Member setRole(Caller caller, String workspaceId, String memberId, String rawRole) {
    return db.transaction(tx -> {
      Role mine = Access.require(tx, caller, workspaceId, Role.ADMIN, "changing a member's role");
      Role role = role("role", rawRole);
      Member member = member(tx, workspaceId, memberId);
      Role current = Role.valueOf(member.role());
      if ((role == Role.OWNER || current == Role.OWNER) && mine != Role.OWNER) {
        throw ApiException.forbidden("only an OWNER can grant or take away OWNER");
      }
      if (current == Role.OWNER && role != Role.OWNER) lastOwner(tx, workspaceId, member, "demote");
      tx.update("UPDATE members SET role = ? WHERE id = ?", role.name(), memberId);
      return member(tx, workspaceId, memberId);
    });
  }

  Member remove(Caller caller, String workspaceId, String memberId) {
    return db.transaction(tx -> {
      Role mine = Access.require(tx, caller, workspaceId, Role.ADMIN, "removing a member");
      Member member = member(tx, workspaceId, memberId);
      if (Role.valueOf(member.role()) == Role.OWNER) {
        if (mine != Role.OWNER) throw ApiException.forbidden("only an OWNER can remove an OWNER");
        lastOwner(tx, workspaceId, member, "remove");
      }
      tx.update("DELETE FROM members WHERE id = ?", memberId);
      return member;
    });
  }

  /** CONFLICT when {@code member} is the workspace's only active OWNER. */
  private static void lastOwner(Database.Tx tx, String workspaceId, Member member, String verb) {
    long others = tx.count("SELECT COUNT(*) FROM members WHERE workspace_id = ? AND role = 'OWNER' AND status = 'ACTIVE' AND id <> ?",
        workspaceId, member.id());
    if (others == 0) {
      throw ApiException.conflict("cannot " + verb + " the last OWNER of workspace " + workspaceId
          + "; make another member OWNER first");
    }
  }

  static Workspace insert(Database.Tx tx, String tenantId, String name, Instant now) {
    String id = Ids.next("ws");
    tx.update("INSERT INTO workspaces (id, tenant_id, name, created_at) VALUES (?, ?, ?, ?)", id, tenantId, name, now.toEpochMilli());
    return new Workspace(id, tenantId, name, Instant.ofEpochMilli(now.toEpochMilli()));
  }

  static Member addMember(Database.Tx tx, String workspaceId, String email, Role role, String status, Instant now) {
    String id = Ids.next("mem");
    tx.update("INSERT INTO members (id, workspace_id, email, role, status, invited_at) VALUES (?, ?, ?, ?, ?, ?)",
        id, workspaceId, email, role.name(), status, now.toEpochMilli());
    return new Member(id, workspaceId, email, role.name(), status, Instant.ofEpochMilli(now.toEpochMilli()));
  }

  private static Workspace find(Database.Tx tx, Caller caller, String id) {
    return tx.one(WORKSPACE + "WHERE id = ? AND tenant_id = ?", Workspaces::workspace, id, caller.tenantId())
        .orElseThrow(() -> ApiException.notFound("workspace " + id));
  }

  private static Member member(Database.Tx tx, String workspaceId, String memberId) {
    return tx.one(MEMBER + "WHERE id = ? AND workspace_id = ?", Workspaces::member, memberId, workspaceId)
        .orElseThrow(() -> ApiException.notFound("member " + memberId));
  }

  private static void unique(Database.Tx tx, Caller caller, String name, String exceptId) {
    long n = tx.count("SELECT COUNT(*) FROM workspaces WHERE tenant_id = ? AND name = ? AND id IS NOT ?",
        caller.tenantId(), name, exceptId);
    if (n > 0) throw ApiException.conflict("name", "the tenant already has a workspace named '" + name + "'; pick another name");
  }

  private static Role role(String field, String value) {
    try {
      return Role.valueOf(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ApiException.badInput(field, field + " must be OWNER, ADMIN, MEMBER or VIEWER");
    }
  }

  private static Workspace workspace(java.sql.ResultSet r) throws java.sql.SQLException {
    return new Workspace(r.getString("id"), r.getString("tenant_id"), r.getString("name"), Ids.instant(r, "created_at"));
  }

  private static Member member(java.sql.ResultSet r) throws java.sql.SQLException {
    return new Member(r.getString("id"), r.getString("workspace_id"), r.getString("email"), r.getString("role"),
        r.getString("status"), Ids.instant(r, "invited_at"));
  }
}
