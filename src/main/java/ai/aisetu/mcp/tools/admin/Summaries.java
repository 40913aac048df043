package ai.aisetu.mcp.tools.admin;

import ai.aisetu.mcp.tools.ToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one-line texts the model reads beside the structured results. */
final class Summaries {
  private Summaries() {}

  /** "3 workspaces: default, staging, prod", "1 member: a@b.c (OWNER)", "No API keys." */
  static String count(int n, String noun, List<String> names) {
    if (n == 0) return "No " + noun + "s.";
    return n + " " + noun + (n == 1 ? "" : "s") + ": " + String.join(", ", names);
  }

  /**
   * A result whose once-only {@code secret} goes to the user alone (a text block with audience
   * user); {@code structured} and {@code summary} must carry only its redacted form.
   */
  static ToolResult shownOnce(Object structured, String summary, String what, String secret) {
    return ToolResult.ok(structured, summary).withUserOnlyText(
        what + ": store it now, it will not be shown again: " + secret);
  }

  /** {@code {<name>: record, secretRedacted: redacted}}, in that order. */
  static Map<String, Object> withRedactedSecret(String name, Object record, String redacted) {
    Map<String, Object> structured = new LinkedHashMap<>();
    structured.put(name, record);
    structured.put("secretRedacted", redacted);
    return structured;
  }

  /** The redacted form of a secret: its prefix and the last four characters the API calls keyHint. */
  static String redacted(String prefix, String keyHint) {
    return prefix + "…" + keyHint;
  }
}
