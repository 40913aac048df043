package ai.aisetu.admin.model;

/** Renders a secret as a hint that is safe to print: its known prefix and last four characters. */
final class SecretHint {
  private static final String[] PREFIXES = {"tt_pat_", "tt_live_", "sk-ant-", "sk-"};

  private SecretHint() {}

  static String of(String secret) {
    if (secret == null) return "null";
    String prefix = "";
    for (String p : PREFIXES) {
      if (secret.startsWith(p)) {
        prefix = p;
        break;
      }
    }
    // Short secrets would be mostly revealed by their last four characters.
    if (secret.length() - prefix.length() < 12) return prefix + "…";
    return prefix + "…" + secret.substring(secret.length() - 4);
  }
}
