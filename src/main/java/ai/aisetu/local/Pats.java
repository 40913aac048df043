package ai.aisetu.local;

import ai.aisetu.local.token.TokenFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Personal access tokens ({@code tt_pat_…}): minting, listing, revoking, and authenticating a
 * presented token. Stored as SHA-256 only; the hash found by lookup is re-compared in constant time.
 */
final class Pats {
  record PersonalAccessToken(String id, String name, List<String> scopes, String keyHint, Instant createdAt,
      Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {}

  record CreatedPersonalAccessToken(PersonalAccessToken token, String secret) {
    @Override
    public String toString() {
      return "CreatedPersonalAccessToken[token=" + token + ", secret=" + TokenFormat.redact(secret) + "]";
    }
  }

  static final String DEFAULT_NAME = "ai-setu-mcp";
  private static final String PAT =
      "SELECT id, name, scopes, key_hint, created_at, expires_at, last_used_at, revoked_at FROM pats ";

  private final Database db;
  private final Clock clock;

  Pats(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  List<PersonalAccessToken> list(Caller caller) {
    return db.transaction(tx -> tx.list(PAT + "WHERE user_id = ? ORDER BY created_at DESC, rowid DESC",
        Pats::pat, caller.userId()));
  }

  CreatedPersonalAccessToken create(Caller caller, String rawName, List<String> rawScopes, Integer expiresInDays) {
    String name = Validation.name("name", rawName);
    List<String> scopes = Validation.scopes("scopes", rawScopes);
    if (expiresInDays != null) Validation.range("expiresInDays", expiresInDays, 1, 365);
    for (String scope : scopes) {
      if (!caller.has(scope)) {
        throw ApiException.unauthorized("a PAT cannot mint a PAT with scope " + scope + " it does not hold");
      }
    }
    return db.transaction(tx -> mint(tx, caller.userId(), name, scopes, expiresInDays, clock.instant()));
  }

  PersonalAccessToken revoke(Caller caller, String id) {
    return db.transaction(tx -> {
      find(tx, caller, id);
      tx.update("UPDATE pats SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", clock.millis(), id);
      return find(tx, caller, id);
    });
  }

  /** Mints and stores a PAT for {@code userId}; the secret is only in the returned value. */
  static CreatedPersonalAccessToken mint(Database.Tx tx, String userId, String name, List<String> scopes,
      Integer expiresInDays, Instant now) {
    String secret = TokenFormat.mint(TokenFormat.PAT_PREFIX);
    String id = Ids.next("pat");
    Long expiresAt = expiresInDays == null ? null : now.plus(Duration.ofDays(expiresInDays)).toEpochMilli();
    tx.update("INSERT INTO pats (id, user_id, name, scopes, secret_sha256, key_hint, created_at, expires_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, userId, name, String.join(" ", scopes), TokenFormat.sha256Hex(secret),
        TokenFormat.keyHint(secret), now.toEpochMilli(), expiresAt);
    PersonalAccessToken token = tx.one(PAT + "WHERE id = ?", Pats::pat, id).orElseThrow();
    return new CreatedPersonalAccessToken(token, secret);
  }

  /**
   * The caller behind {@code authorization} (an HTTP {@code Authorization} header value), or
   * {@code UNAUTHENTICATED} saying what to do. Updates the PAT's {@code lastUsedAt}.
   */
  Caller authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw ApiException.unauthenticated(
          "missing token: send Authorization: Bearer tt_pat_… (sign in with requestLoginCode / verifyLoginCode to get one)");
    }
    String token = authorization.strip();
    if (!token.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiException.unauthenticated("malformed Authorization header: use 'Bearer tt_pat_…'");
    }
    token = token.substring(7).strip();
    if (token.startsWith(TokenFormat.API_KEY_PREFIX)) {
      throw ApiException.unauthenticated(
          "workspace API keys are for inference; use a personal access token (tt_pat_…)");
    }
    if (!TokenFormat.isWellFormed(token, TokenFormat.PAT_PREFIX)) {
      throw ApiException.unauthenticated("malformed token: a PAT looks like tt_pat_… with a valid checksum; check for a typo");
    }
    String hash = TokenFormat.sha256Hex(token);
    return db.transaction(tx -> {
      Stored pat = tx.one("SELECT p.id, p.secret_sha256, p.scopes, p.expires_at, p.revoked_at, u.id AS user_id, "
              + "u.tenant_id, u.email FROM pats p JOIN users u ON u.id = p.user_id WHERE p.secret_sha256 = ?",
          r -> new Stored(r.getString("id"), r.getString("secret_sha256"), r.getString("scopes"),
              Ids.instant(r, "expires_at"), Ids.instant(r, "revoked_at"), r.getString("user_id"),
              r.getString("tenant_id"), r.getString("email")), hash)
          .filter(r -> TokenFormat.constantTimeEquals(r.hash(), hash))
          .orElseThrow(() -> ApiException.unauthenticated("unknown token: sign in again to mint a new PAT"));
      Instant now = clock.instant();
      if (pat.revokedAt() != null) throw ApiException.unauthenticated("this PAT was revoked: sign in again to mint a new one");
      if (pat.expiresAt() != null && !now.isBefore(pat.expiresAt())) {
        throw ApiException.unauthenticated("this PAT expired: sign in again to mint a new one");
      }
      tx.update("UPDATE pats SET last_used_at = ? WHERE id = ?", now.toEpochMilli(), pat.id());
      return new Caller(pat.userId(), pat.tenantId(), pat.email(), pat.id(), Arrays.asList(pat.scopes().split(" ")));
    });
  }

  private record Stored(String id, String hash, String scopes, Instant expiresAt, Instant revokedAt, String userId,
      String tenantId, String email) {}

  private static PersonalAccessToken find(Database.Tx tx, Caller caller, String id) {
    return tx.one(PAT + "WHERE id = ? AND user_id = ?", Pats::pat, id, caller.userId())
        .orElseThrow(() -> ApiException.notFound("personal access token " + id));
  }

  private static PersonalAccessToken pat(java.sql.ResultSet r) throws java.sql.SQLException {
    return new PersonalAccessToken(r.getString("id"), r.getString("name"), Arrays.asList(r.getString("scopes").split(" ")),
        r.getString("key_hint"), Ids.instant(r, "created_at"), Ids.instant(r, "expires_at"),
        Ids.instant(r, "last_used_at"), Ids.instant(r, "revoked_at"));
  }
}
