package ai.aisetu.local.token;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * The format of the secrets this control plane issues: personal access tokens ({@code tt_pat_…})
 * and workspace API keys ({@code tt_live_…}), shaped like GitHub's tokens.
 *
 * <pre>{@code
 * tt_pat_ 4QGq0w2cT7Yb9kLm1nPz3xR5sV8uA6dE 1x2Y3z
 * prefix  30 random base62 characters      6-char base62 CRC32 of prefix+random
 * }</pre>
 *
 * <p>The random part carries 30 × log2(62) ≈ 178.6 bits from {@link SecureRandom}. The checksum
 * lets a server reject a mistyped or truncated token before touching the database, and lets
 * secret scanners recognise real tokens. Tokens are stored only as {@link #sha256Hex SHA-256} and
 * compared with {@link #constantTimeEquals}; only {@link #keyHint the last four characters} are
 * ever shown again.
 *
 * <pre>{@code
 * String secret = TokenFormat.mint(TokenFormat.PAT_PREFIX);   // show once
 * String stored = TokenFormat.sha256Hex(secret);              // persist
 * String hint = TokenFormat.keyHint(secret);                  // persist, show freely
 *
 * if (!TokenFormat.isWellFormed(presented, TokenFormat.PAT_PREFIX)) reject();
 * if (!TokenFormat.constantTimeEquals(TokenFormat.sha256Hex(presented), stored)) reject();
 * }</pre>
 */
public final class TokenFormat {
  /** Prefix of personal access tokens, which authenticate to the control plane. */
  public static final String PAT_PREFIX = "tt_pat_";
  /** Prefix of workspace API keys, which authenticate inference only. */
  public static final String API_KEY_PREFIX = "tt_live_";

  static final int RANDOM_LENGTH = 30;
  static final int CHECKSUM_LENGTH = 6;
  static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenFormat() {}

  /** Returns a fresh token with {@code prefix}, which must be {@link #PAT_PREFIX} or {@link #API_KEY_PREFIX}. */
  public static String mint(String prefix) {
    checkPrefix(prefix);
    StringBuilder token = new StringBuilder(prefix.length() + RANDOM_LENGTH + CHECKSUM_LENGTH);
    token.append(prefix);
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      token.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    token.append(checksum(token));
    return token.toString();
  }

  /**
   * Returns true if {@code token} has {@code expectedPrefix}, the right length, only base62
   * characters after the prefix, and a matching checksum. Says nothing about whether the token
   * was ever issued: that takes a lookup of its hash.
   */
  public static boolean isWellFormed(String token, String expectedPrefix) {
    checkPrefix(expectedPrefix);
    if (token == null
        || token.length() != expectedPrefix.length() + RANDOM_LENGTH + CHECKSUM_LENGTH
        || !token.startsWith(expectedPrefix)) {
      return false;
    }
    for (int i = expectedPrefix.length(); i < token.length(); i++) {
      if (ALPHABET.indexOf(token.charAt(i)) < 0) return false;
    }
    int bodyEnd = token.length() - CHECKSUM_LENGTH;
    return checksum(token.subSequence(0, bodyEnd)).equals(token.substring(bodyEnd));
  }

  /** Returns the lowercase hex SHA-256 of the token's UTF-8 bytes: the only form that is stored. */
  public static String sha256Hex(String token) {
    requireNonNull(token, "token == null");
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }

  /**
   * Compares two hashes in time that does not depend on where they differ. A null on either side
   * is unequal.
   */
  public static boolean constantTimeEquals(String aHex, String bHex) {
    if (aHex == null || bHex == null) return false;
    return MessageDigest.isEqual(aHex.getBytes(UTF_8), bHex.getBytes(UTF_8));
  }

  /** Returns the last four characters of the token: safe to store and to show. */
  public static String keyHint(String token) {
    requireNonNull(token, "token == null");
    if (token.length() < 8) {
      throw new IllegalArgumentException("token is too short to take a hint from");
    }
    return token.substring(token.length() - 4);
  }

  /**
   * Returns the token with everything but its known prefix and its hint elided, like {@code
   * tt_pat_…abcd}, for logs and error messages. An unknown prefix is elided too.
   */
  public static String redact(String token) {
    requireNonNull(token, "token == null");
    String prefix = "";
    if (token.startsWith(PAT_PREFIX)) {
      prefix = PAT_PREFIX;
    } else if (token.startsWith(API_KEY_PREFIX)) {
      prefix = API_KEY_PREFIX;
    }
    if (token.length() < prefix.length() + 8) return prefix + "…";
    return prefix + "…" + keyHint(token);
  }

  /** Base62 of the CRC32 of {@code body}, left-padded to six characters (62^6 > 2^32). */
  static String checksum(CharSequence body) {
    CRC32 crc = new CRC32();
    crc.update(body.toString().getBytes(UTF_8));
    long value = crc.getValue();
    char[] digits = new char[CHECKSUM_LENGTH];
    for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
      digits[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
      value /= ALPHABET.length();
    }
    return new String(digits);
  }

  private static void checkPrefix(String prefix) {
    requireNonNull(prefix, "prefix == null");
    if (!prefix.equals(PAT_PREFIX) && !prefix.equals(API_KEY_PREFIX)) {
      throw new IllegalArgumentException(
          "prefix must be \"" + PAT_PREFIX + "\" or \"" + API_KEY_PREFIX + "\", was \"" + prefix + "\"");
    }
  }
}
