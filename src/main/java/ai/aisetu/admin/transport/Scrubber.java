package ai.aisetu.admin.transport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that may reach an exception message: the PAT, the values of variables
 * whose names look secret, and anything shaped like an AI Setu token.
 */
final class Scrubber {
  private static final Pattern TOKEN = Pattern.compile("(tt_(?:pat|live)_)[A-Za-z0-9]+");
  private static final Pattern SECRET_NAME =
      Pattern.compile("secret|apikey|api_key|password|passphrase|token|credential|privatekey");
  private static final int MIN_SECRET_LENGTH = 4;

  private final List<String> secrets;

  private Scrubber(List<String> secrets) {
    this.secrets = secrets;
  }

  /** Scrubs {@code pat} (nullable) and every secret-named string in {@code variables}. */
  static Scrubber of(String pat, JsonNode variables) {
    List<String> secrets = new ArrayList<>();
    if (pat != null) secrets.add(pat);
    collect(null, variables, secrets);
    // Longest first, so a secret that contains another is removed whole.
    secrets.sort((a, b) -> Integer.compare(b.length(), a.length()));
    return new Scrubber(secrets);
  }

  static boolean looksSecret(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals("pat") || lower.equals("code") || SECRET_NAME.matcher(lower).find();
  }

  private static void collect(String name, JsonNode node, List<String> secrets) {
    if (node == null) return;
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> i = node.fields(); i.hasNext(); ) {
        Map.Entry<String, JsonNode> field = i.next();
        collect(field.getKey(), field.getValue(), secrets);
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) collect(name, element, secrets);
    } else if (name != null && looksSecret(name)) {
      String value = node.asText();
      if (value.length() >= MIN_SECRET_LENGTH) secrets.add(value);
    }
  }

  /** Returns {@code text} with every secret replaced; null stays null. */
  String scrub(String text) {
    if (text == null) return null;
    String result = text;
    for (String secret : secrets) result = result.replace(secret, "[redacted]");
    return TOKEN.matcher(result).replaceAll("$1…");
  }
}
