package ai.aisetu.mcp.tools;

import static java.util.Objects.requireNonNull;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's tool table, generated from a catalogue so that the two cannot drift: one row per
 * tool with its toolset, the first sentence of its description, and whether it is read-only or
 * destructive.
 *
 * <pre>{@code
 * String table = ToolTable.markdown(new AdminCatalogue());
 * }</pre>
 */
public final class ToolTable {
  private static final Pattern FIRST_SENTENCE =
      Pattern.compile("^(.+?(?<!\\be\\.g|\\bi\\.e)[.!?])(\\s|$)", Pattern.DOTALL);

  private ToolTable() {}

  /** A GitHub-flavoured markdown table, ending with a newline, in the catalogue's order. */
  public static String markdown(ToolCatalogue catalogue) {
    requireNonNull(catalogue, "catalogue == null");
    StringBuilder out = new StringBuilder()
        .append("| tool | toolset | what it does | read-only | destructive |\n")
        .append("|---|---|---|---|---|\n");
    for (ToolDefinition tool : catalogue.tools()) {
      out.append("| `").append(tool.name()).append("` | ")
          .append(tool.toolset().id()).append(" | ")
          .append(cell(firstSentence(tool.description()))).append(" | ")
          .append(tool.readOnlyHint() ? "yes" : "no").append(" | ")
          .append(tool.destructiveHint() ? "yes" : "no").append(" |\n");
    }
    return out.toString();
  }

  static String firstSentence(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    Matcher matcher = FIRST_SENTENCE.matcher(flat);
    return matcher.find() ? matcher.group(1) : flat;
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
