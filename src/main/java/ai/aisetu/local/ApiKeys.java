package ai.aisetu.local;

import ai.aisetu.local.token.TokenFormat;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Workspace inference keys ({@code tt_live_…}): stored as SHA-256, shown once. */
final class ApiKeys {
  record ApiKey(String id, String workspaceId, String name, String keyHint, Instant createdAt, Instant lastUsedAt,
      Instant revokedAt) {}

  record CreatedApiKey(ApiKey apiKey, String secret) {
    @Override
    public String toString() {
      return "CreatedApiKey[apiKey=" + apiKey + ", secret=" + TokenFormat.redact(secret) + "]";
    }
  }

  record RotatedApiKey(ApiKey apiKey, String secret, ApiKey previous) {
    @Override
    public String toString() {
      return "RotatedApiKey[apiKey=" + apiKey + ", secret=" + TokenFormat.redact(secret) + ", previous=" + previous + "]";
    }
  }

  static final int MAX_GRACE_SECONDS = 86_400;
  private static final String KEY =
      "SELECT id, workspace_id, name, key_hint, created_at, last_used_at, revoked_at FROM api_keys ";

  private final Database db;
  private final Clock clock;

  ApiKeys(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  List<ApiKey> list(Caller caller, String workspaceId) {
    return db.transaction(tx -> {
      Access.workspace(tx, caller, workspaceId);
      return tx.list(KEY + "WHERE workspace_id = ? AND tenant_id = ? ORDER BY created_at DESC, rowid DESC",
          ApiKeys::apiKey, workspaceId, caller.tenantId());
    });
  }

  CreatedApiKey create(Caller caller, String workspaceId, String rawName) {
    return db.transaction(tx -> {
      Access.require(tx, caller, workspaceId, Role.ADMIN, "creating an API key");
      String name = Validation.name("name", rawName);
      String secret = TokenFormat.mint(TokenFormat.API_KEY_PREFIX);
      return new CreatedApiKey(insert(tx, caller.tenantId(), workspaceId, name, secret), secret);
    });
  }

  RotatedApiKey rotate(Caller caller, String id, Integer gracePeriodSeconds) {
    return db.transaction(tx -> {
      ApiKey old = find(tx, caller, id);
      Access.require(tx, caller, old.workspaceId(), Role.ADMIN, "rotating an API key");
      int grace = gracePeriodSeconds == null ? 0
          : Validation.range("gracePeriodSeconds", gracePeriodSeconds, 0, MAX_GRACE_SECONDS);
      if (old.revokedAt() != null) {
        throw ApiException.conflict("API key " + id + " is already revoked or rotated; rotate its successor or create a new key");
      }
      String secret = TokenFormat.mint(TokenFormat.API_KEY_PREFIX);
      ApiKey successor = insert(tx, caller.tenantId(), old.workspaceId(), old.name(), secret);
      tx.update("UPDATE api_keys SET revoked_at = ? WHERE id = ?", clock.millis() + grace * 1000L, id);
      return new RotatedApiKey(successor, secret, find(tx, caller, id));
    });
  }

  ApiKey revoke(Caller caller, String id) {
    return db.transaction(tx -> {
      ApiKey key = find(tx, caller, id);
      Access.require(tx, caller, key.workspaceId(), Role.ADMIN, "revoking an API key");
      long now = clock.millis();
      // Idempotent: a revoked key stays as it is; a key in a rotation's grace period stops now.
      tx.update("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND (revoked_at IS NULL OR revoked_at > ?)", now, id, now);
      return find(tx, caller, id);
    });
  }

  private ApiKey insert(Database.Tx tx, String tenantId, String workspaceId, String name, String secret) {
    String id = Ids.next("key");
    long now = clock.millis();
    tx.update("INSERT INTO api_keys (id, tenant_id, workspace_id, name, secret_sha256, key_hint, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?)", id, tenantId, workspaceId, name, TokenFormat.sha256Hex(secret),
        TokenFormat.keyHint(secret), now);
    return new ApiKey(id, workspaceId, name, TokenFormat.keyHint(secret), Instant.ofEpochMilli(now), null, null);
  }

  /** A key of a live workspace of the caller's tenant. */
  private static ApiKey find(Database.Tx tx, Caller caller, String id) {
    return tx.one(KEY + "WHERE id = ? AND tenant_id = ? AND workspace_id IN (SELECT id FROM workspaces)",
        ApiKeys::apiKey, id, caller.tenantId()).orElseThrow(() -> ApiException.notFound("API key " + id));
  }

  private static ApiKey apiKey(java.sql.ResultSet r) throws java.sql.SQLException {
    return new ApiKey(r.getString("id"), r.getString("workspace_id"), r.getString("name"), r.getString("key_hint"),
        Ids.instant(r, "created_at"), Ids.instant(r, "last_used_at"), Ids.instant(r, "revoked_at"));
  }
}
