package ai.aisetu.cli;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.local.LocalControlPlane;
import ai.aisetu.mcp.AiSetuMcpServer;
import ai.aisetu.mcp.InitializeAnswer;
import ai.aisetu.mcp.Prewarm;
import ai.aisetu.mcp.stdio.StdioPreface;
import ai.aisetu.mcp.ServerOptions;
import ai.aisetu.mcp.http.HttpServerConfig;
import ai.aisetu.mcp.http.McpHttpServer;
import ai.aisetu.onboarding.Demo;
import ai.aisetu.onboarding.ServerSecrets;
import ai.aisetu.mcp.tools.ToolCatalogue;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.secrets.CredentialStore;
import ai.aisetu.secrets.LogRedaction;
import ai.aisetu.secrets.Redactor;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code java -jar ai-setu-mcp.jar [options]}: wires the command line, the credential file, the
 * optional local control plane, the admin client and the tool catalogue into an {@link
 * AiSetuMcpServer} on stdin/stdout, and exits 0 at end of input (2 for a bad command line).
 *
 * <p>The catalogue is every {@link ToolCatalogue} registered in {@code
 * META-INF/services/ai.aisetu.mcp.tools.ToolCatalogue}, concatenated.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("demo")) {
      System.exit(Demo.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
    }
    LogRedaction.installOnStderr(Redactor.global()); // Before anything logs: no secret on stderr.
    PrintStream stdout = System.out;
    System.setOut(System.err); // Stray prints from any library must never corrupt the protocol.
    Map<String, String> env = System.getenv();
    int status = run(args, env, System.in, stdout, System.err, System.console() != null,
        storeCredentials(env));
    System.exit(status);
  }

  private static CredentialSource storeCredentials(Map<String, String> env) {
    return (baseUrl, local) -> {
      try {
        return CredentialStore.at(CredentialStore.defaultPath(env))
            .pat(CredentialStore.controlPlaneKey(baseUrl, local));
      } catch (RuntimeException e) {
        System.err.println("ai-setu-mcp: ignoring the credential file: " + e.getMessage());
        return Optional.empty();
      }
    };
  }

  static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out,
      PrintStream err, boolean interactive, CredentialSource credentials) {
    CommandLine.Parsed parsed;
    StdioPreface preface = null;
    Prewarm prewarm = null;
    try {
      // The log level must be set before the first logger exists (the credential file has one).
      CommandLine.Parsed early = CommandLine.parse(args, env, CredentialSource.NONE);
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", early.options().logLevel());
      System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
      if (early.http() == null && !early.help() && !early.version()) {
        // The client's initialize is answered while everything below is built.
        // The first calls' JSON mappings are then made on the other core.
        prewarm = Prewarm.create();
        preface = StdioPreface.start(in, out, InitializeAnswer::resultJson, prewarm::warmSession);
      }
      parsed = CommandLine.parse(args, env, credentials);
    } catch (UsageException e) {
      err.println("ai-setu-mcp: " + e.getMessage());
      return 2;
    }
    if (parsed.help()) {
      err.print(CommandLine.HELP);
      return 0;
    }
    if (parsed.version()) {
      err.println(AiSetuMcpServer.NAME + " " + AiSetuMcpServer.version());
      return 0;
    }
    ServerOptions options = parsed.options();

    LocalControlPlane localPlane = null;
    try {
      if (options.local()) {
        localPlane = LocalControlPlane.builder().build().start();
        options = options.toBuilder().baseUrl(localPlane.baseUri().toString()).build();
      }
      AiSetuAdmin admin;
      try {
        admin = AiSetuAdmin.builder()
            .baseUrl(options.baseUrl())
            .environment(Map.of())
            .userAgentSuffix(AiSetuMcpServer.NAME + "/" + AiSetuMcpServer.version())
            .build();
        if (options.pat() != null) admin.withPat(options.pat()); // Refuses a malformed PAT now.
      } catch (IllegalArgumentException e) {
        err.println("ai-setu-mcp: " + e.getMessage());
        return 2;
      }
      if (parsed.http() != null) {
        LocalControlPlane plane = localPlane;
        localPlane = null; // The HTTP server's shutdown hook closes it, after the sessions.
        return serveHttp(options, parsed.http(), env, admin, plane, err);
      }
      prewarm.prepare(admin); // Present: this is the stdio path, which started the preface.
      if (interactive) err.print(connectHint(options, localPlane));
      AtomicReference<AiSetuMcpServer> serving = new AtomicReference<>();
      try (ServerSecrets secrets = serverSecrets(options, env, localPlane);
          AiSetuMcpServer server = AiSetuMcpServer.stdio(options,
              secrets.catalogue(Main::catalogue), admin, preface, prewarm.jsonMapper(),
              secrets.stdout(out, () -> serving.get() == null ? null : serving.get().sessionId()),
              secrets.observer())) {
        serving.set(server);
        server.serve();
      } catch (IllegalArgumentException e) {
        err.println("ai-setu-mcp: " + e.getMessage());
        return 2;
      } finally {
        admin.close();
      }
      return 0;
    } finally {
      if (localPlane != null) localPlane.close();
    }
  }

  /**
   * MCP over HTTP until SIGTERM: then calls in flight finish, the transcript is flushed, and the
   * clients and the local plane close.
   */
  private static int serveHttp(ServerOptions options, HttpServerConfig config,
      Map<String, String> env, AiSetuAdmin admin, LocalControlPlane localPlane, PrintStream err) {
    ServerSecrets secrets = serverSecrets(options, env, localPlane);
    Runnable release = () -> {
      secrets.close();
      admin.close();
      if (localPlane != null) localPlane.close();
    };
    McpHttpServer server;
    try {
      server = McpHttpServer.create(options, secrets.catalogue(Main::catalogue), admin, config,
          secrets.observer(), secrets.sessions()::redactOutbound).start();
    } catch (IllegalArgumentException | IllegalStateException e) {
      release.run();
      err.println("ai-setu-mcp: " + e.getMessage());
      return 2;
    }
    err.println("ai-setu-mcp " + AiSetuMcpServer.version() + " serving MCP on " + server.uri()
        + " (legacy SSE on /sse; health on /healthz); callers authenticate with "
        + (config.sidecar() ? "the sidecar access token" : "their own PAT")
        + (localPlane != null ? "; control plane " + options.baseUrl() : ""));
    try {
      server.serveUntilShutdown(release);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Onboarding, secret destinations, redaction and the transcript, from the options. */
  private static ServerSecrets serverSecrets(
      ServerOptions options, Map<String, String> env, LocalControlPlane localPlane) {
    ServerSecrets.Builder builder = ServerSecrets.builder(env)
        .initialPat(options.pat())
        .transcript(options.transcriptEnabled(), options.transcript());
    if (options.saveCredentials()) {
      builder.credentialStore(CredentialStore.at(CredentialStore.defaultPath(env)),
          CredentialStore.controlPlaneKey(options.baseUrl(), options.local()));
    }
    if (localPlane != null) builder.localOutbox(localPlane.outboxUri(), localPlane.outboxDir());
    return builder.build();
  }

  private static List<ToolDefinition> catalogue() {
    List<ToolDefinition> tools = new ArrayList<>();
    for (ToolCatalogue catalogue : ServiceLoader.load(ToolCatalogue.class)) {
      tools.addAll(catalogue.tools());
    }
    return tools;
  }

  /** What to tell a person who started the server in a terminal. */
  static String connectHint(ServerOptions options, LocalControlPlane localPlane) {
    String jar = jarPath();
    String flags = options.local() ? " --local" : "";
    return "ai-setu-mcp " + AiSetuMcpServer.version() + " is waiting for an MCP client on stdin/stdout.\n"
        + "Control plane: " + options.baseUrl()
        + (localPlane != null ? " (embedded; sign-in codes in " + localPlane.outboxDir() + ")" : "") + "\n"
        + "Credential: " + (options.pat() != null ? "a PAT from " + options.patSource()
            : "none (onboard in the chat, or set AI_SETU_PAT)") + "\n\n"
        + "Connect it instead of typing here:\n"
        + "  Claude Code:  claude mcp add ai-setu -- java -jar " + jar + flags + "\n"
        + "  Cursor (.cursor/mcp.json):\n"
        + "    {\"mcpServers\": {\"ai-setu\": {\"command\": \"java\", \"args\": [\"-jar\", \""
        + jar + "\"" + (options.local() ? ", \"--local\"" : "") + "]}}}\n"
        + "Press Ctrl-D (end of input) to stop.\n";
  }

  private static String jarPath() {
    try {
      Path location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return location.toString().endsWith(".jar") ? location.toString() : "target/ai-setu-mcp.jar";
    } catch (Exception e) {
      return "target/ai-setu-mcp.jar";
    }
  }
}
