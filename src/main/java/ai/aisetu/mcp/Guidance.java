package ai.aisetu.mcp;

import ai.aisetu.admin.Cancellation;
import ai.aisetu.admin.model.Workspace;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server tells the model besides the tools: the {@code instructions} of {@code
 * initialize}, the runbook resource {@value #RUNBOOK_URI}, the prompts for the common flows, and
 * completion of their {@code workspaceId} argument from the session's workspaces.
 */
final class Guidance {
  static final String RUNBOOK_URI = "aisetu://runbook";

  static final String INSTRUCTIONS = """
      AI Setu control plane (workspaces, API keys, members, billing, usage, PATs, BYOK \
      provider credentials); no inference here.
      - Auth is a PAT (tt_pat_...), never a workspace key (tt_live_..., inference only). \
      Not signed in? onboarding_start(email), ask the user for the emailed code, then \
      onboarding_verify: the session uses the new PAT at once.
      - Scopes: admin:read reads; admin:write changes. whoami shows the tenant and scopes.
      - Secrets (new API keys, PATs) are shown once to the user: never repeat or store them.
      - tenantId is optional everywhere. Errors are isError results that say what to do.
      - Delete/revoke/remove/rotate may ask the user to confirm; say what will happen first.
      Full runbook: resource aisetu://runbook.""";

  private static final Logger log = LoggerFactory.getLogger(Guidance.class);

  private final Sessions sessions;

  Guidance(Sessions sessions) {
    this.sessions = sessions;
  }

  static String runbook() {
    try (InputStream in = Guidance.class.getResourceAsStream("runbook.md")) {
      if (in == null) throw new IllegalStateException("runbook.md missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  SyncResourceSpecification runbookResource() {
    McpSchema.Resource resource = McpSchema.Resource.builder()
        .uri(RUNBOOK_URI)
        .name("runbook")
        .title("AI Setu runbook")
        .description("How to use this server: credentials, scopes, once-only secrets, which tool for which job.")
        .mimeType("text/markdown")
        .build();
    return new SyncResourceSpecification(resource, (exchange, request) ->
        new McpSchema.ReadResourceResult(List.of(
            new McpSchema.TextResourceContents(RUNBOOK_URI, "text/markdown", runbook()))));
  }

  List<SyncPromptSpecification> prompts() {
    return List.of(
        prompt("onboard_new_user", "Onboard a new user",
            "Take a person from an email address to a working PAT and a first API key.",
            List.of(new McpSchema.PromptArgument("email", "The person's email address.", false)),
            args -> "Sign me up to AI Setu" + (args.containsKey("email")
                ? " with the email " + args.get("email") : "") + ". Use onboarding_start, ask me"
                + " for the code I receive, then onboarding_verify. Then show whoami, list my"
                + " workspaces and offer to create an API key for one of them; the key's secret"
                + " is shown to me once, so tell me to store it."),
        prompt("setup_byok", "Set up BYOK for a provider",
            "Connect the user's own provider account (OpenAI, Anthropic, AWS Bedrock).",
            List.of(new McpSchema.PromptArgument("provider", "openai, anthropic or bedrock.", true)),
            args -> "Set up bring-your-own-key for " + args.getOrDefault("provider", "a provider")
                + ". Check provider_credentials_availability, then provider_credentials_upsert;"
                + " take the key from an environment variable (apiKeyEnv /"
                + " awsSecretAccessKeyEnv) rather than from the chat, then"
                + " provider_credentials_test and report the model string to use."),
        prompt("rotate_workspace_keys", "Rotate every key of a workspace",
            "Rotate each active API key of one workspace, with the user's confirmation.",
            List.of(new McpSchema.PromptArgument("workspaceId", "The workspace (completion offers yours).", true)),
            args -> "Rotate every active API key of workspace " + args.getOrDefault("workspaceId", "?")
                + ". List them with api_keys_list, tell me which ones you will rotate, then call"
                + " api_keys_rotate for each. The new secrets are shown to me once; remind me to"
                + " update where they are used."),
        prompt("credit_runway", "Check credit runway and top up",
            "See how long the credit lasts at the current usage, and top up if it is short.",
            List.of(),
            args -> "Check my AI Setu credit: billing_credit_balance and usage_projection. Tell me"
                + " how many days it lasts. If fewer than 14, propose a top-up amount and, if I"
                + " agree, create it with billing_create_top_up_intent and give me the payment link."));
  }

  private interface PromptText {
    String text(Map<String, Object> arguments);
  }

  private static SyncPromptSpecification prompt(String name, String title, String description,
      List<McpSchema.PromptArgument> arguments, PromptText text) {
    McpSchema.Prompt prompt = new McpSchema.Prompt(name, title, description, arguments);
    return new SyncPromptSpecification(prompt, (exchange, request) -> {
      Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
      return new McpSchema.GetPromptResult(description, List.of(new McpSchema.PromptMessage(
          McpSchema.Role.USER, new McpSchema.TextContent(text.text(args)))));
    });
  }

  /** Completes {@code workspaceId} of {@code rotate_workspace_keys} from the session's workspaces. */
  SyncCompletionSpecification workspaceCompletion() {
    return new SyncCompletionSpecification(
        new McpSchema.PromptReference("rotate_workspace_keys"), (exchange, request) -> {
          List<String> values = new ArrayList<>();
          if ("workspaceId".equals(request.argument().name())) {
            Session session = sessions.forExchange(exchange);
            String prefix = request.argument().value() == null
                ? "" : request.argument().value().toLowerCase(Locale.ROOT);
            if (session.hasPat()) {
              try {
                for (Workspace workspace : session.admin().workspaces().list(Cancellation.create())) {
                  if (workspace.id().toLowerCase(Locale.ROOT).startsWith(prefix)
                      || workspace.name().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    values.add(workspace.id());
                  }
                }
              } catch (RuntimeException e) {
                log.debug("workspace completion failed", e);
              }
            }
          }
          List<String> page = values.size() > 100 ? values.subList(0, 100) : values;
          return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(
              List.copyOf(page), values.size(), values.size() > 100));
        });
  }
}
