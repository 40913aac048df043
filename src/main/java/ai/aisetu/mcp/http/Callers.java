package ai.aisetu.mcp.http;

import static java.util.Objects.requireNonNull;

import ai.aisetu.admin.AdminGraphQLError;
import ai.aisetu.admin.AdminHttpError;
import ai.aisetu.admin.AdminTransportError;
import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.admin.Cancellation;
import ai.aisetu.admin.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates the bearer token of each HTTP request. In sidecar mode the token must equal the
 * access token (compared in constant time); otherwise it must be a PAT the control plane accepts,
 * asked once and trusted for {@code credentialTtl}. A caller is known by the SHA-256 of its token,
 * never by the token itself.
 */
final class Callers {
  private static final Logger log = LoggerFactory.getLogger(Callers.class);
  private static final int MAX_CACHED = 10_000;
  /** One digest per thread: looking the algorithm up costs more than hashing a token. */
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  });

  /** Who is calling: the hash of its credential, and the PAT its sessions use (null in sidecar mode). */
  record Caller(String credentialId, String pat) {
    @Override
    public String toString() {
      return "Caller[" + credentialId.substring(0, 12) + "…]";
    }
  }

  enum Outcome { OK, MISSING, INVALID, UNAVAILABLE }

  record Result(Outcome outcome, Caller caller) {}

  private final AiSetuAdmin baseClient;
  private final byte[] accessToken;
  private final long ttlNanos;
  private final Map<String, Long> verifiedUntil = new ConcurrentHashMap<>();

  Callers(AiSetuAdmin baseClient, String accessToken, Duration credentialTtl) {
    this.baseClient = requireNonNull(baseClient, "baseClient == null");
    this.accessToken = accessToken == null ? null : sha256(accessToken.strip());
    this.ttlNanos = credentialTtl.toNanos();
  }

  Result authenticate(String authorization) {
    String token = bearer(authorization);
    if (token == null) return new Result(Outcome.MISSING, null);
    byte[] hash = sha256(token);
    String id = HexFormat.of().formatHex(hash);
    if (accessToken != null) {
      return MessageDigest.isEqual(hash, accessToken)
          ? new Result(Outcome.OK, new Caller(id, null))
          : new Result(Outcome.INVALID, null);
    }
    Long until = verifiedUntil.get(id);
    if (until != null && until - System.nanoTime() > 0) return new Result(Outcome.OK, new Caller(id, token));
    Outcome outcome = verify(token);
    if (outcome == Outcome.OK) {
      if (verifiedUntil.size() >= MAX_CACHED) verifiedUntil.clear();
      verifiedUntil.put(id, System.nanoTime() + ttlNanos);
      return new Result(Outcome.OK, new Caller(id, token));
    }
    verifiedUntil.remove(id);
    return new Result(outcome, null);
  }

  /** Asks the control plane whose PAT this is: a refusal is INVALID, no answer UNAVAILABLE. */
  private Outcome verify(String pat) {
    AiSetuAdmin client;
    try {
      client = baseClient.withPat(pat);
    } catch (IllegalArgumentException e) {
      return Outcome.INVALID; // Not a well-formed PAT.
    }
    try {
      client.viewer(Cancellation.create());
      return Outcome.OK;
    } catch (AdminGraphQLError e) {
      return e.code() == ErrorCode.UNAUTHENTICATED ? Outcome.INVALID : Outcome.OK;
    } catch (AdminHttpError e) {
      return e.status() == 401 || e.status() == 403 ? Outcome.INVALID : Outcome.UNAVAILABLE;
    } catch (AdminTransportError e) {
      log.warn("could not verify a caller's PAT: the control plane did not answer ({})", e.kind());
      return Outcome.UNAVAILABLE;
    }
  }

  /** The token of {@code Authorization: Bearer <token>}, or null. */
  static String bearer(String authorization) {
    if (authorization == null) return null;
    String value = authorization.strip();
    if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
    String token = value.substring(7).strip();
    return token.isEmpty() ? null : token;
  }

  static byte[] sha256(String value) {
    return SHA_256.get().digest(value.getBytes(StandardCharsets.UTF_8)); // digest() resets it.
  }
}
