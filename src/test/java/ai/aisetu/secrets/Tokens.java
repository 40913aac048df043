package ai.aisetu.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Random;
import java.util.zip.CRC32;

/** Tokens in the control plane's format (prefix, 30 base62, 6 base62 CRC32), for tests. */
final class Tokens {
  static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final Random RANDOM = new Random(20240601);

  private Tokens() {}

  static synchronized String pat() {
    return mint("tt_pat_");
  }

  static synchronized String apiKey() {
    return mint("tt_live_");
  }

  static synchronized String mint(String prefix) {
    StringBuilder token = new StringBuilder(prefix);
    for (int i = 0; i < 30; i++) token.append(ALPHABET.charAt(RANDOM.nextInt(62)));
    CRC32 crc = new CRC32();
    crc.update(token.toString().getBytes(UTF_8));
    long value = crc.getValue();
    char[] digits = new char[6];
    for (int i = 5; i >= 0; i--) {
      digits[i] = ALPHABET.charAt((int) (value % 62));
      value /= 62;
    }
    return token.append(digits).toString();
  }

  /** An AWS-style secret access key: 40 characters that include '/' and '+'. */
  static synchronized String awsSecret() {
    String alphabet = ALPHABET + "/+";
    StringBuilder key = new StringBuilder("wJalr/XUt+");
    while (key.length() < 40) key.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    return key.toString();
  }
}
