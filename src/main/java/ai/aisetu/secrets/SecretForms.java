package ai.aisetu.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The encodings under which a secret may appear in text the server writes: raw, JSON-escaped,
 * URL-encoded and base64 (standard and URL-safe, padded or not, alone or at any of the three byte
 * alignments inside a longer base64 stream).
 */
final class SecretForms {
  /** Shortest encoded form worth matching; shorter fragments would redact innocent text. */
  static final int MIN_FORM_LENGTH = 8;

  private static final Pattern PERCENT_HEX = Pattern.compile("%[0-9A-F]{2}");

  private SecretForms() {}

  static Set<String> of(String secret) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(secret);

    String json = new String(JsonStringEncoder.getInstance().quoteAsString(secret));
    forms.add(json);
    forms.add(json.replace("/", "\\/"));

    String form = URLEncoder.encode(secret, UTF_8);
    String percent = form.replace("+", "%20");
    for (String url : new String[] {form, percent}) {
      forms.add(url);
      forms.add(lowercaseHex(url));
    }

    byte[] bytes = secret.getBytes(UTF_8);
    Base64.Encoder encoder = Base64.getEncoder();
    addBase64(forms, encoder.encodeToString(bytes));
    addBase64(forms, encoder.withoutPadding().encodeToString(bytes));
    for (int offset = 0; offset < 3; offset++) {
      addBase64(forms, embeddedCore(bytes, offset));
    }
    forms.removeIf(f -> f.length() < MIN_FORM_LENGTH);
    return forms;
  }

  /**
   * The base64 characters that depend only on the secret when it starts {@code offset} bytes past
   * a 3-byte boundary of a longer stream: the characters whose 6 bits all come from the secret.
   */
  static String embeddedCore(byte[] secret, int offset) {
    byte[] shifted = new byte[offset + secret.length];
    System.arraycopy(secret, 0, shifted, offset, secret.length);
    String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
    int start = (8 * offset + 5) / 6;
    int end = 8 * (offset + secret.length) / 6;
    return start < end ? encoded.substring(start, end) : "";
  }

  private static void addBase64(Set<String> forms, String standard) {
    forms.add(standard);
    forms.add(standard.replace('+', '-').replace('/', '_'));
  }

  private static String lowercaseHex(String url) {
    Matcher m = PERCENT_HEX.matcher(url);
    StringBuilder out = new StringBuilder();
    while (m.find()) m.appendReplacement(out, m.group().toLowerCase(Locale.ROOT));
    m.appendTail(out);
    return out.toString();
  }
}
