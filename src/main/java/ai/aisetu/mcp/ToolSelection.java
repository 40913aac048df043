package ai.aisetu.mcp;

import ai.aisetu.mcp.tools.Toolset;
import ai.aisetu.mcp.tools.ToolDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which tools of the catalogue this server offers, from {@code --toolsets}, {@code --tools},
 * {@code --exclude-tools} and {@code --read-only}. Fixed for the life of the process; the scope
 * filter of each session comes on top.
 */
final class ToolSelection {
  private final Set<String> enabled;
  private final boolean readOnly;
  private final Set<String> excluded;

  private ToolSelection(Set<String> enabled, Set<String> excluded, boolean readOnly) {
    this.enabled = enabled;
    this.excluded = excluded;
    this.readOnly = readOnly;
  }

  /**
   * @throws IllegalArgumentException naming an unknown toolset or tool and listing the valid ones
   */
  static ToolSelection of(List<ToolDefinition> catalogue, ServerOptions options) {
    Set<String> names = new TreeSet<>();
    for (ToolDefinition tool : catalogue) names.add(tool.name());
    Set<String> toolsetIds = new TreeSet<>();
    for (Toolset toolset : Toolset.values()) toolsetIds.add(toolset.id());

    for (String id : options.toolsets()) {
      if (!"all".equals(id) && Toolset.byId(id) == null) {
        throw new IllegalArgumentException(
            "--toolsets: unknown toolset `" + id + "`; valid toolsets: " + String.join(",", toolsetIds));
      }
    }
    List<String> unknown = new ArrayList<>();
    for (String name : options.tools()) if (!names.contains(name)) unknown.add("--tools " + name);
    for (String name : options.excludeTools()) {
      if (!names.contains(name)) unknown.add("--exclude-tools " + name);
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown tool(s): " + String.join(", ", unknown)
          + "; valid tools: " + String.join(",", names));
    }

    boolean all = (options.toolsets().isEmpty() && options.tools().isEmpty())
        || options.toolsets().contains("all");
    Set<String> enabled = new HashSet<>();
    for (ToolDefinition tool : catalogue) {
      if (all || options.toolsets().contains(tool.toolset().id())
          || options.tools().contains(tool.name())) {
        enabled.add(tool.name());
      }
    }
    return new ToolSelection(Set.copyOf(enabled), options.excludeTools(), options.readOnly());
  }

  /** Null if {@code tool} is offered, else why not (for the model). */
  String refusal(ToolDefinition tool) {
    if (readOnly && tool.isWrite()) {
      return tool.name() + " changes data, and this server runs with --read-only: it offers"
          + " read tools only. Ask the user to restart it without --read-only to do this.";
    }
    if (excluded.contains(tool.name()) || !enabled.contains(tool.name())) {
      return tool.name() + " is not enabled on this server (see --toolsets, --tools,"
          + " --exclude-tools); use the tools it lists.";
    }
    return null;
  }

  boolean offers(ToolDefinition tool) {
    return refusal(tool) == null;
  }
}
