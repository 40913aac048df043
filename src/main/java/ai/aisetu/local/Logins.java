package ai.aisetu.local;

import ai.aisetu.local.token.TokenFormat;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sign-in by one-time code. A code is 6 digits from {@link SecureRandom}, stored as a salted
 * SHA-256, valid 10 minutes, and dies after 5 wrong attempts; a new request supersedes older
 * codes. At most 5 requests per email per 10 minutes. Answers never tell whether an email is known.
 */
final class Logins {
  record LoginCodeRequest(boolean sent, int expiresInSeconds) {}

  record LoginResult(Accounts.User user, Accounts.Tenant tenant, Pats.PersonalAccessToken token, String secret) {
    @Override
    public String toString() {
      return "LoginResult[user=" + user + ", tenant=" + tenant + ", token=" + token + ", secret="
          + TokenFormat.redact(secret) + "]";
    }
  }

  static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
  static final int MAX_ATTEMPTS = 5;
  static final int MAX_REQUESTS = 5;
  static final Duration REQUEST_WINDOW = Duration.ofMinutes(10);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database db;
  private final Clock clock;
  private final Outbox outbox;

  Logins(Database db, Clock clock, Outbox outbox) {
    this.db = db;
    this.clock = clock;
    this.outbox = outbox;
  }

  LoginCodeRequest request(String rawEmail) {
    String email = Validation.email("email", rawEmail);
    Instant now = clock.instant();
    return db.transaction(tx -> {
      List<Long> recent = tx.list("SELECT created_at FROM login_codes WHERE email = ? AND created_at > ? ORDER BY created_at",
          r -> r.getLong(1), email, now.minus(REQUEST_WINDOW).toEpochMilli());
      if (recent.size() >= MAX_REQUESTS) {
        long retry = Duration.between(now, Instant.ofEpochMilli(recent.get(0)).plus(REQUEST_WINDOW)).toSeconds() + 1;
        throw ApiException.rateLimited("too many sign-in codes requested for this email; wait " + retry
            + " seconds and ask again", retry);
      }
      tx.update("UPDATE login_codes SET dead_at = ? WHERE email = ? AND dead_at IS NULL", now.toEpochMilli(), email);
      String id = Ids.next("otp");
      String code = String.format("%06d", RANDOM.nextInt(1_000_000));
      tx.update("INSERT INTO login_codes (id, email, code_sha256, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
          id, email, hash(id, code), now.toEpochMilli(), now.plus(CODE_LIFETIME).toEpochMilli());
      outbox.deliverLoginCode(email, code, now, CODE_LIFETIME.toSeconds());
      return new LoginCodeRequest(true, (int) CODE_LIFETIME.toSeconds());
    });
  }

  LoginResult verify(String rawEmail, String code, String rawPatName, List<String> rawScopes) {
    String email = Validation.email("email", rawEmail);
    String patName = rawPatName == null ? Pats.DEFAULT_NAME : Validation.name("patName", rawPatName);
    List<String> scopes = rawScopes == null ? Validation.SCOPES : Validation.scopes("scopes", rawScopes);
    if (code == null || !code.strip().matches("\\d{6}")) {
      throw ApiException.badInput("code", "code is the 6 digits from the sign-in message");
    }
    Instant now = clock.instant();
    // The attempt counter must survive a wrong code, so the transaction commits before the error is thrown.
    Attempt attempt = db.transaction(tx -> {
      Optional<Code> latest = tx.one("SELECT id, code_sha256, expires_at, attempts, dead_at FROM login_codes "
              + "WHERE email = ? ORDER BY created_at DESC, rowid DESC LIMIT 1",
          r -> new Code(r.getString("id"), r.getString("code_sha256"), Ids.instant(r, "expires_at"),
              r.getInt("attempts"), Ids.instant(r, "dead_at")), email);
      if (latest.isEmpty() || !now.isBefore(latest.get().expiresAt())) return new Attempt(Outcome.NO_CODE, 0, null);
      Code live = latest.get();
      if (live.attempts() >= MAX_ATTEMPTS) return new Attempt(Outcome.EXHAUSTED, 0, null);
      if (live.deadAt() != null) return new Attempt(Outcome.NO_CODE, 0, null);
      if (!TokenFormat.constantTimeEquals(live.hash(), hash(live.id(), code.strip()))) {
        int attempts = live.attempts() + 1;
        tx.update("UPDATE login_codes SET attempts = ?, dead_at = ? WHERE id = ?", attempts,
            attempts >= MAX_ATTEMPTS ? now.toEpochMilli() : null, live.id());
        return new Attempt(attempts >= MAX_ATTEMPTS ? Outcome.EXHAUSTED : Outcome.WRONG, MAX_ATTEMPTS - attempts, null);
      }
      tx.update("UPDATE login_codes SET dead_at = ? WHERE id = ?", now.toEpochMilli(), live.id());
      Accounts.User user = Accounts.signIn(tx, email, now);
      Pats.CreatedPersonalAccessToken pat = Pats.mint(tx, user.id(), patName, scopes, null, now);
      return new Attempt(Outcome.OK, 0,
          new LoginResult(user, Accounts.tenantOf(tx, user.id()), pat.token(), pat.secret()));
    });
    switch (attempt.outcome()) {
      case OK:
        return attempt.result();
      case WRONG:
        throw ApiException.badInput("code", "wrong code; " + attempt.attemptsLeft() + " attempt"
            + (attempt.attemptsLeft() == 1 ? "" : "s") + " left");
      case EXHAUSTED:
        throw ApiException.rateLimited("too many wrong attempts: this code no longer works; request a new one", 1);
      default:
        throw ApiException.badInput("code", "no valid code for this email (expired, used, or never sent); "
            + "request a new one with requestLoginCode");
    }
  }

  private static String hash(String codeId, String code) {
    return TokenFormat.sha256Hex(codeId + ":" + code);
  }

  private enum Outcome { OK, WRONG, EXHAUSTED, NO_CODE }

  private record Attempt(Outcome outcome, int attemptsLeft, LoginResult result) {}

  private record Code(String id, String hash, Instant expiresAt, int attempts, Instant deadAt) {}
}
