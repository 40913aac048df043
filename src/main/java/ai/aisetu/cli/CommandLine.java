package ai.aisetu.cli;

import ai.aisetu.mcp.ServerOptions;
import ai.aisetu.mcp.http.HttpServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses the command line and the environment into {@link ServerOptions}. Precedence: {@code
 * --pat}, then {@code AI_SETU_PAT}, then the {@link CredentialSource} (the saved credential file),
 * then none; {@code --base-url}, then {@code AI_SETU_API_BASE_URL}, then production.
 */
final class CommandLine {
  static final String PAT_ENV = "AI_SETU_PAT";
  static final String BASE_URL_ENV = "AI_SETU_API_BASE_URL";
  private static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "trace", "off");

  static final String HELP = """
      Usage: java -jar ai-setu-mcp.jar [options]
             java -jar ai-setu-mcp.jar demo     (a guided session against the local control plane)

      The AI Setu MCP server, speaking MCP over stdio (stdin/stdout), or over HTTP.

      Control plane and credentials:
        --local                 start the embedded local control plane on a free loopback port and use it
        --base-url URL          control plane URL (else AI_SETU_API_BASE_URL, else https://api.aisetu.ai)
        --pat TOKEN             personal access token tt_pat_... (else AI_SETU_PAT, else the saved
                                credential file for this control plane, else none: onboard in the chat)
        --no-save-credentials   do not save a PAT minted by onboarding to the credential file

      Tools:
        --toolsets a,b          only these toolsets (workspaces, api_keys, members, billing, usage,
                                pats, provider_credentials, account, onboarding; or all)
        --tools x,y             also these tools, by name
        --exclude-tools z       never these tools
        --read-only             offer and allow read tools only
        --no-confirm            do not ask the user to confirm delete/revoke/remove/rotate

      Records:
        --transcript PATH       write the conversation transcript here
        --no-transcript         write no transcript
        --log-level LEVEL       stderr logging: error, warn (default), info, debug, trace, off

      Transport:
        --transport stdio|http  stdio (default), or HTTP: Streamable HTTP at /mcp, legacy SSE at
                                /sse, /healthz and /readyz. Each HTTP caller sends
                                Authorization: Bearer <its PAT>; with AI_SETU_MCP_HTTP_TOKEN set
                                (32+ characters) callers send that token instead and the server's
                                own PAT is used
        --host ADDRESS          HTTP: the address to bind (default 127.0.0.1)
        --port N                HTTP: the port (default 8080; 0 picks a free one)
        --allowed-origins a,b   HTTP: Origin values browsers may send (default the loopback origins)
        --allowed-hosts a,b     HTTP: Host values accepted (default the loopback names and --host)
        --tool-calls-per-minute N
                                HTTP: tool calls each caller may make per minute (default 120)

        --help                  show this help
        --version               show the version
      """;

  /** What the command line asks for; {@code http} is null for stdio. */
  record Parsed(ServerOptions options, boolean help, boolean version, HttpServerConfig http) {}

  private CommandLine() {}

  static Parsed parse(String[] args, Map<String, String> env, CredentialSource credentials)
      throws UsageException {
    ServerOptions.Builder options = ServerOptions.builder();
    String pat = null;
    String baseUrl = null;
    boolean local = false;
    boolean help = false;
    boolean version = false;
    boolean transcriptOff = false;
    Path transcript = null;
    String transport = "stdio";
    HttpServerConfig.Builder http = HttpServerConfig.builder();
    List<String> httpFlags = new ArrayList<>();

    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String inline = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        name = arg.substring(0, equals);
        inline = arg.substring(equals + 1);
      }
      switch (name) {
        case "--help", "-h" -> help = true;
        case "--version", "-V" -> version = true;
        case "--local" -> local = true;
        case "--read-only" -> options.readOnly(true);
        case "--no-confirm" -> options.confirm(false);
        case "--no-transcript" -> transcriptOff = true;
        case "--no-save-credentials" -> options.saveCredentials(false);
        case "--pat" -> pat = value(args, i, inline, name);
        case "--base-url" -> baseUrl = value(args, i, inline, name);
        case "--toolsets" -> options.toolsets(list(value(args, i, inline, name), name));
        case "--tools" -> options.tools(list(value(args, i, inline, name), name));
        case "--exclude-tools" -> options.excludeTools(list(value(args, i, inline, name), name));
        case "--transcript" -> transcript = Path.of(value(args, i, inline, name));
        case "--transport" -> {
          transport = value(args, i, inline, name).toLowerCase(Locale.ROOT);
          if (!transport.equals("stdio") && !transport.equals("http")) {
            throw new UsageException("--transport: unknown transport `" + transport + "`; use stdio or http");
          }
        }
        case "--host" -> {
          http.host(value(args, i, inline, name));
          httpFlags.add(name);
        }
        case "--port" -> {
          http.port(port(value(args, i, inline, name)));
          httpFlags.add(name);
        }
        case "--tool-calls-per-minute" -> {
          http.toolCallsPerMinute(positive(value(args, i, inline, name), name));
          httpFlags.add(name);
        }
        case "--allowed-origins" -> {
          http.allowedOrigins(List.copyOf(list(value(args, i, inline, name), name)));
          httpFlags.add(name);
        }
        case "--allowed-hosts" -> {
          http.allowedHosts(List.copyOf(list(value(args, i, inline, name), name)));
          httpFlags.add(name);
        }
        case "--log-level" -> {
          String level = value(args, i, inline, name).toLowerCase(Locale.ROOT);
          if (!LOG_LEVELS.contains(level)) {
            throw new UsageException("--log-level: unknown level `" + level + "`; use one of "
                + String.join(", ", LOG_LEVELS));
          }
          options.logLevel(level);
        }
        default -> throw new UsageException("unknown option `" + arg + "`; run with --help to see the options");
      }
      if (inline == null && takesValue(name)) i++;
      else if (inline != null && !takesValue(name)) {
        throw new UsageException(name + " takes no value; remove `=" + inline + "`");
      }
    }
    if (transcriptOff && transcript != null) {
      throw new UsageException("--transcript and --no-transcript contradict each other; keep one");
    }
    if (local && baseUrl != null) {
      throw new UsageException("--local and --base-url contradict each other; keep one");
    }

    String resolvedBaseUrl = firstNonBlank(baseUrl, local ? null : env.get(BASE_URL_ENV));
    if (resolvedBaseUrl == null) resolvedBaseUrl = ServerOptions.DEFAULT_BASE_URL;
    options.baseUrl(resolvedBaseUrl).local(local);

    if (nonBlank(pat) != null) {
      options.pat(pat.strip(), "--pat");
    } else if (nonBlank(env.get(PAT_ENV)) != null) {
      options.pat(env.get(PAT_ENV).strip(), PAT_ENV);
    } else if (!help && !version) {
      credentials.pat(resolvedBaseUrl, local).ifPresent(saved -> options.pat(saved, "the credential file"));
    }
    options.transcript(transcript).transcriptEnabled(!transcriptOff);
    return new Parsed(options.build(), help, version, httpConfig(transport, http, httpFlags, env));
  }

  /** The HTTP configuration, or null for stdio; never one that lets callers in unauthenticated. */
  private static HttpServerConfig httpConfig(String transport, HttpServerConfig.Builder http,
      List<String> httpFlags, Map<String, String> env) throws UsageException {
    if (!transport.equals("http")) {
      if (!httpFlags.isEmpty()) {
        throw new UsageException(httpFlags.get(0) + " only applies with --transport http");
      }
      return null;
    }
    String token = env.get(HttpServerConfig.ACCESS_TOKEN_ENV);
    if (token != null && token.isBlank()) {
      throw new UsageException(HttpServerConfig.ACCESS_TOKEN_ENV + " is set but empty; unset it "
          + "(callers then present their own PAT) or set a long random token");
    }
    try {
      return http.accessToken(token == null ? null : token.strip()).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static int positive(String value, String name) throws UsageException {
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1) return n;
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new UsageException(name + ": `" + value + "` is not a whole number of 1 or more; e.g. " + name + " 120");
  }

  private static int port(String value) throws UsageException {
    try {
      int port = Integer.parseInt(value.strip());
      if (port >= 0 && port <= 65535) return port;
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new UsageException("--port: `" + value + "` is not a port; use 0..65535 (0 picks a free one)");
  }

  private static boolean takesValue(String name) {
    return Set.of("--pat", "--base-url", "--toolsets", "--tools", "--exclude-tools",
        "--transcript", "--log-level", "--transport", "--host", "--port", "--allowed-origins",
        "--allowed-hosts", "--tool-calls-per-minute").contains(name);
  }

  private static String value(String[] args, int i, String inline, String name) throws UsageException {
    String value = inline != null ? inline : (i + 1 < args.length ? args[i + 1] : null);
    if (value == null || (inline == null && value.startsWith("--")) || value.isBlank()) {
      throw new UsageException(name + " needs a value; e.g. " + name + " " + example(name));
    }
    return value;
  }

  private static String example(String name) {
    return switch (name) {
      case "--pat" -> "tt_pat_...";
      case "--base-url" -> "http://127.0.0.1:8787";
      case "--toolsets" -> "workspaces,api_keys";
      case "--tools", "--exclude-tools" -> "workspaces_list";
      case "--transcript" -> "/tmp/transcript.jsonl";
      case "--transport" -> "http";
      case "--host" -> "0.0.0.0";
      case "--port" -> "8080";
      case "--allowed-origins" -> "https://app.example.com";
      case "--allowed-hosts" -> "mcp.internal:*";
      case "--tool-calls-per-minute" -> "120";
      default -> "warn";
    };
  }

  private static Set<String> list(String value, String name) throws UsageException {
    Set<String> items = new LinkedHashSet<>();
    for (String item : Arrays.asList(value.split(","))) {
      String trimmed = item.strip();
      if (!trimmed.isEmpty()) items.add(trimmed);
    }
    if (items.isEmpty()) throw new UsageException(name + " needs at least one name");
    return Set.copyOf(items);
  }

  private static String firstNonBlank(String first, String second) {
    return nonBlank(first) != null ? first.strip() : nonBlank(second);
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
