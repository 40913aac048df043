package ai.aisetu.local;

import java.security.SecureRandom;
import java.time.Instant;

/** Object ids ({@code ws_…}, {@code key_…}) and the epoch-millisecond instants the store keeps. */
final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

  private Ids() {}

  static String next(String prefix) {
    return prefix + "_" + random(20);
  }

  /** Random lowercase base36, for ids and unguessable form tokens. */
  static String random(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    return new String(out);
  }

  static Long ms(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  static Instant instant(java.sql.ResultSet row, String column) throws java.sql.SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : Instant.ofEpochMilli(value);
  }
}
