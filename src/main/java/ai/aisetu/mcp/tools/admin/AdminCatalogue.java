package ai.aisetu.mcp.tools.admin;

import ai.aisetu.mcp.tools.ToolCatalogue;
import ai.aisetu.mcp.tools.ToolDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin tools: one per control-plane operation, plus {@code whoami}, grouped by toolset in a
 * fixed order (account, workspaces, API keys, members, billing, usage, PATs, provider
 * credentials). The onboarding tools live in their own catalogue.
 *
 * <pre>{@code
 * ToolCatalogue catalogue = new AdminCatalogue();
 * catalogue.tools().forEach(tool -> System.out.println(tool.name()));
 * }</pre>
 */
public final class AdminCatalogue implements ToolCatalogue {
  private static final List<ToolDefinition> TOOLS = build();

  @Override
  public List<ToolDefinition> tools() {
    return TOOLS;
  }

  private static List<ToolDefinition> build() {
    List<ToolDefinition> tools = new ArrayList<>();
    tools.addAll(AccountTools.all());
    tools.addAll(WorkspaceTools.all());
    tools.addAll(ApiKeyTools.all());
    tools.addAll(MemberTools.all());
    tools.addAll(BillingTools.all());
    tools.addAll(UsageTools.all());
    tools.addAll(PatTools.all());
    tools.addAll(ProviderCredentialTools.all());
    return List.copyOf(tools);
  }
}
