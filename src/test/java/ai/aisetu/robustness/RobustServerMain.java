package ai.aisetu.robustness;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.mcp.AiSetuMcpServer;
import ai.aisetu.mcp.ServerOptions;
import ai.aisetu.mcp.stdio.MessageObserver;
import ai.aisetu.mcp.tools.ToolCatalogue;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.mcp.tools.admin.AdminCatalogue;
import ai.aisetu.secrets.LogRedaction;
import ai.aisetu.secrets.Redactor;
import ai.aisetu.secrets.TranscriptWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The MCP server as a process on stdin/stdout, wired like {@code ai.aisetu.cli.Main} but with
 * timeouts short enough for tests and a transcript that rotates at a small size:
 *
 * <pre>
 * AI_SETU_PAT=tt_pat_… java -cp … ai.aisetu.robustness.RobustServerMain \
 *     --base-url http://127.0.0.1:N [--read-timeout-ms 1500] [--transcript FILE --transcript-max-bytes N]
 * </pre>
 *
 * <p>The catalogue is every registered {@link ToolCatalogue} (as {@code Main} loads it), plus the
 * {@link AdminCatalogue}'s tools if it is not registered yet.
 */
public final class RobustServerMain {
  private RobustServerMain() {}

  public static void main(String[] args) throws Exception {
    LogRedaction.installOnStderr(Redactor.global()); // As Main does.
    PrintStream stdout = System.out;
    System.setOut(System.err);
    Map<String, String> options = parse(args);
    String pat = System.getenv("AI_SETU_PAT");
    Duration readTimeout = Duration.ofMillis(Long.parseLong(options.getOrDefault("--read-timeout-ms", "1500")));

    AiSetuAdmin admin = AiSetuAdmin.builder()
        .baseUrl(options.get("--base-url"))
        .environment(Map.of())
        .connectTimeout(readTimeout)
        .readTimeout(readTimeout)
        .callTimeout(readTimeout.multipliedBy(2))
        .build();
    ServerOptions serverOptions = ServerOptions.builder()
        .pat(pat, "AI_SETU_PAT")
        .baseUrl(admin.baseUrl())
        .saveCredentials(false)
        .drainTimeout(Duration.ofSeconds(5))
        .build();

    TranscriptWriter transcript = TranscriptWriter.disabled();
    if (options.containsKey("--transcript")) {
      Redactor redactor = Redactor.forSession();
      if (pat != null) redactor.register(pat);
      transcript = TranscriptWriter.open(Path.of(options.get("--transcript")), redactor,
          Long.parseLong(options.getOrDefault("--transcript-max-bytes",
              String.valueOf(TranscriptWriter.DEFAULT_MAX_BYTES))), TranscriptWriter.DEFAULT_KEEP);
    }
    TranscriptWriter writer = transcript;
    MessageObserver observer = (session, inbound, json) -> writer.record(session,
        inbound ? TranscriptWriter.Direction.IN : TranscriptWriter.Direction.OUT, json);

    try (AiSetuMcpServer server = AiSetuMcpServer.stdio(serverOptions, RobustServerMain::catalogue,
        admin, System.in, stdout, observer)) {
      server.serve();
    } finally {
      writer.close();
      admin.close();
    }
    System.exit(0);
  }

  static List<ToolDefinition> catalogue() {
    List<ToolDefinition> tools = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ToolCatalogue catalogue : ServiceLoader.load(ToolCatalogue.class)) {
      for (ToolDefinition tool : catalogue.tools()) {
        if (names.add(tool.name())) tools.add(tool);
      }
    }
    for (ToolDefinition tool : new AdminCatalogue().tools()) {
      if (names.add(tool.name())) tools.add(tool);
    }
    return tools;
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) options.put(args[i], args[i + 1]);
    if (!options.containsKey("--base-url")) throw new IllegalArgumentException("--base-url is required");
    return options;
  }
}
