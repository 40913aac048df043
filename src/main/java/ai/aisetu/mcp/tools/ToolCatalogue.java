package ai.aisetu.mcp.tools;

import java.util.List;

/**
 * Every tool the server can offer, as one flat list of values. The server applies the command-line
 * filters ({@code --toolsets}, {@code --tools}, {@code --exclude-tools}, {@code --read-only}) and
 * the session's PAT scopes on top of it; a catalogue never filters itself.
 *
 * <pre>{@code
 * ToolCatalogue catalogue = () -> List.of(Whoami.definition(), WorkspacesList.definition());
 * }</pre>
 */
@FunctionalInterface
public interface ToolCatalogue {
  List<ToolDefinition> tools();
}
