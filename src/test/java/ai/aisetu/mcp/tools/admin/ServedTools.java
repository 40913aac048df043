package ai.aisetu.mcp.tools.admin;

import ai.aisetu.mcp.tools.ToolCatalogue;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.onboarding.ServerSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Every tool the server lists, assembled as {@code Main} does: the registered catalogues, plus the
 * onboarding tools, all behind the secret destinations.
 */
final class ServedTools {
  private ServedTools() {}

  static List<ToolDefinition> all() {
    List<ToolDefinition> registered = new ArrayList<>();
    ServiceLoader.load(ToolCatalogue.class).forEach(catalogue -> registered.addAll(catalogue.tools()));
    try (ServerSecrets secrets = ServerSecrets.builder(Map.of()).transcript(false, null).build()) {
      return List.copyOf(secrets.catalogue(() -> registered).tools());
    }
  }
}
