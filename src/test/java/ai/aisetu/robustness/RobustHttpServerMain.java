package ai.aisetu.robustness;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.mcp.ServerOptions;
import ai.aisetu.mcp.http.HttpServerConfig;
import ai.aisetu.mcp.http.McpHttpServer;
import ai.aisetu.onboarding.ServerSecrets;
import ai.aisetu.secrets.LogRedaction;
import ai.aisetu.secrets.Redactor;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The MCP server over HTTP as a process, wired like {@code ai.aisetu.cli.Main --transport http}
 * (onboarding secrets, per-session redaction and transcripts under {@code XDG_STATE_HOME}) but with
 * a tool-call rate and a session idle timeout a test can set; it serves until its stdin ends:
 *
 * <pre>
 * AI_SETU_PAT=tt_pat_… XDG_STATE_HOME=… java -cp … ai.aisetu.robustness.RobustHttpServerMain \
 *     --base-url http://127.0.0.1:N [--idle-timeout-ms 1800000] [--calls-per-minute 1000000]
 * </pre>
 *
 * <p>Prints {@code serving MCP on http://127.0.0.1:PORT/mcp} on stderr once it listens.
 */
public final class RobustHttpServerMain {
  private RobustHttpServerMain() {}

  public static void main(String[] args) throws Exception {
    LogRedaction.installOnStderr(Redactor.global());
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) options.put(args[i], args[i + 1]);
    String pat = System.getenv("AI_SETU_PAT");
    Duration timeout = Duration.ofMillis(1500);
    AiSetuAdmin admin = AiSetuAdmin.builder()
        .baseUrl(options.get("--base-url"))
        .environment(Map.of())
        .connectTimeout(timeout)
        .readTimeout(timeout)
        .callTimeout(timeout.multipliedBy(2))
        .build();
    ServerOptions serverOptions = ServerOptions.builder()
        .pat(pat, "AI_SETU_PAT")
        .baseUrl(admin.baseUrl())
        .saveCredentials(false)
        .confirm(false)
        .build();
    HttpServerConfig config = HttpServerConfig.builder()
        .port(0)
        .toolCallsPerMinute(Integer.parseInt(options.getOrDefault("--calls-per-minute", "1000000")))
        .sessionIdleTimeout(Duration.ofMillis(Long.parseLong(options.getOrDefault("--idle-timeout-ms",
            String.valueOf(HttpServerConfig.DEFAULT_SESSION_IDLE_TIMEOUT.toMillis())))))
        .drainTimeout(Duration.ofSeconds(5))
        .build();
    Map<String, String> env = new HashMap<>(System.getenv());
    ServerSecrets secrets = ServerSecrets.builder(env)
        .initialPat(pat)
        .transcript(true, null)
        .build();
    McpHttpServer server = McpHttpServer.create(serverOptions,
        secrets.catalogue(RobustServerMain::catalogue), admin, config, secrets.observer(),
        secrets.sessions()::redactOutbound).start();
    System.err.println("serving MCP on " + server.uri());
    try {
      while (System.in.read() != -1) {
        // Serve until the test closes stdin.
      }
    } finally {
      server.close();
      secrets.close();
      admin.close();
    }
    System.exit(0);
  }
}
