package ai.aisetu.cli;

import ai.aisetu.mcp.ServerOptions;
import java.nio.file.Path;
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

      The AI Setu MCP server, speaking MCP over stdio (stdin/stdout).

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

        --help                  show this help
        --version               show the version
      """;

  /** What the command line asks for. */
  record Parsed(ServerOptions options, boolean help, boolean version) {}

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
    return new Parsed(options.build(), help, version);
  }

  private static boolean takesValue(String name) {
    return Set.of("--pat", "--base-url", "--toolsets", "--tools", "--exclude-tools",
        "--transcript", "--log-level").contains(name);
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
