package ai.aisetu.onboarding;

import static java.nio.charset.StandardCharsets.UTF_8;

import ai.aisetu.secrets.Redactor;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ai-setu-mcp demo}: a scripted session the server runs against itself, for a newcomer.
 * It starts the server as a subprocess on the embedded local control plane (a fresh temporary
 * state directory), connects to it over stdio as a real MCP client, and prints a walk-through:
 * onboarding with the code from the local outbox, a workspace, an API key, its rotation, and a
 * scan of the transcript showing it holds no secret. Its stdout is for people, not JSON-RPC.
 * Exits 0 when every step worked and the transcript holds no secret, 1 otherwise.
 */
public final class Demo {
  private static final String EMAIL = "demo@example.com";
  private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream out;
  private final List<String> secrets = new ArrayList<>();
  private int step;

  private Demo(PrintStream out) {
    this.out = out;
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    // The client's own chatter would drown the walk-through; slf4j-simple reads this once.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    if (args.length > 0) {
      err.println("ai-setu-mcp demo: takes no options (got " + args[0] + ")");
      return 2;
    }
    try {
      return new Demo(out).walkThrough();
    } catch (Exception e) {
      err.println("ai-setu-mcp demo failed: " + Redactor.global().redact(String.valueOf(e.getMessage())));
      return 1;
    }
  }

  private int walkThrough() throws Exception {
    Path state = Files.createTempDirectory("ai-setu-demo");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ServerParameters server = ServerParameters.builder(java.toString())
        .args("-cp", System.getProperty("java.class.path"), "ai.aisetu.cli.Main", "--local",
            "--log-level", "error")
        .env(Map.of(
            "XDG_STATE_HOME", state.resolve("state").toString(),
            "XDG_CONFIG_HOME", state.resolve("config").toString()))
        .build();
    StdioClientTransport transport =
        new StdioClientTransport(server, new JacksonMcpJsonMapper(JSON));
    transport.setStdErrorHandler(line -> {});

    out.println("ai-setu-mcp demo: a scripted MCP session against the embedded local control plane");
    out.println("(state in " + state + ")");
    out.println();
    McpSyncClient client = McpClient.sync(transport)
        .requestTimeout(Duration.ofSeconds(60))
        .clientInfo(new McpSchema.Implementation("ai-setu-mcp-demo", "1"))
        .build();
    try {
      McpSchema.InitializeResult init = client.initialize();
      heading("Connected to " + init.serverInfo().name() + " " + init.serverInfo().version()
          + " over stdio; " + client.listTools().tools().size() + " tools listed, no credential yet.");

      heading("onboarding_start: ask the control plane to send a sign-in code to " + EMAIL);
      McpSchema.CallToolResult started = call(client, "onboarding_start", Map.of("email", EMAIL));
      String folder = structured(started).path("localOutbox").path("folder").asText();
      say("the local plane sends no email; its outbox is " + folder);
      String code = latestCode(Path.of(folder));
      say("read the code from the newest message there: " + code);

      heading("onboarding_verify: the person tells the agent the code");
      McpSchema.CallToolResult verified =
          call(client, "onboarding_verify", Map.of("email", EMAIL, "code", code));
      say("the model reads: " + modelText(verified));
      say("the person alone sees the new PAT once: " + surfaced(verified, "tt_pat_"));
      say("now " + client.listTools().tools().size() + " tools are listed (the write tools appeared)");

      heading("workspaces_create: a workspace for an app");
      McpSchema.CallToolResult workspace =
          call(client, "workspaces_create", Map.of("name", "demo-app"));
      String workspaceId = structured(workspace).path("id").asText();
      say("the model reads: " + modelText(workspace));

      heading("api_keys_create: an inference key for that workspace");
      McpSchema.CallToolResult created =
          call(client, "api_keys_create", Map.of("workspaceId", workspaceId, "name", "ci"));
      String apiKeyId = structured(created).path("apiKey").path("id").asText();
      say("the model reads: " + modelText(created));
      say("the person alone sees the key once: " + surfaced(created, "tt_live_"));

      heading("api_keys_rotate: replace it by a successor");
      McpSchema.CallToolResult rotated =
          call(client, "api_keys_rotate", Map.of("apiKeyId", apiKeyId));
      say("the model reads: " + modelText(rotated));
      say("the person alone sees the new key once: " + surfaced(rotated, "tt_live_"));
    } finally {
      client.closeGracefully();
    }

    heading("The transcript: what the agent did, without any secret");
    List<Path> transcripts = transcripts(state.resolve("state"));
    int found = 0;
    long lines = 0;
    for (Path file : transcripts) {
      String text = Files.readString(file, UTF_8);
      lines += text.lines().count();
      for (String secret : secrets) found += occurrences(text, secret);
      say(file + ": " + text.lines().count() + " lines");
      text.lines().filter(l -> l.contains("tt_live_…") || l.contains("tt_pat_…")).findFirst()
          .ifPresent(l -> say("e.g. " + (l.length() > 160 ? l.substring(0, 160) + "…" : l)));
    }
    say("searched " + lines + " lines for the " + secrets.size() + " secrets minted (raw, base64,"
        + " URL-encoded): " + found + " found");
    out.println();
    out.println(found == 0 && !transcripts.isEmpty()
        ? "Done: every secret was shown once to the person and nowhere else."
        : "Something is wrong: see above.");
    return found == 0 && !transcripts.isEmpty() ? 0 : 1;
  }

  private McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
    McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, args));
    if (Boolean.TRUE.equals(result.isError())) {
      throw new IllegalStateException(tool + " failed: " + modelText(result));
    }
    return result;
  }

  private static com.fasterxml.jackson.databind.JsonNode structured(McpSchema.CallToolResult result) {
    return JSON.valueToTree(result.structuredContent());
  }

  /** The text blocks the model reads (not the user-only one), joined, without the JSON copy. */
  private static String modelText(McpSchema.CallToolResult result) {
    List<String> texts = new ArrayList<>();
    for (McpSchema.Content content : result.content()) {
      if (!(content instanceof McpSchema.TextContent text) || isForUser(text)) continue;
      if (!text.text().startsWith("{")) texts.add(text.text());
    }
    return String.join(" ", texts);
  }

  /** Keeps the surfaced secret for the transcript scan, and shows only its redacted form here. */
  private String surfaced(McpSchema.CallToolResult result, String prefix) {
    for (McpSchema.Content content : result.content()) {
      if (content instanceof McpSchema.TextContent text && isForUser(text)) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "[A-Za-z0-9]+").matcher(text.text());
        if (m.find()) {
          secrets.add(m.group());
          return Redactor.redactedForm(m.group()) + " (in a block marked audience [\"user\"])";
        }
      }
    }
    throw new IllegalStateException("no user-only block with a secret");
  }

  private static boolean isForUser(McpSchema.TextContent text) {
    return text.annotations() != null && text.annotations().audience() != null
        && text.annotations().audience().equals(List.of(McpSchema.Role.USER));
  }

  private static String latestCode(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      Optional<Path> newest = files.filter(f -> f.toString().endsWith(".txt"))
          .max(Comparator.comparing(Path::getFileName));
      String text = Files.readString(newest.orElseThrow(
          () -> new IllegalStateException("no message in " + folder)), UTF_8);
      Matcher m = CODE.matcher(text.substring(text.indexOf("\n\n") + 2));
      if (!m.find()) throw new IllegalStateException("no code in the newest message");
      return m.group(1);
    }
  }

  private static List<Path> transcripts(Path stateHome) throws IOException {
    Path dir = stateHome.resolve("ai-setu-mcp").resolve("transcripts");
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
    }
  }

  /** Occurrences of {@code secret} raw, base64 (standard and URL-safe) and URL-encoded. */
  static int occurrences(String text, String secret) {
    byte[] bytes = secret.getBytes(UTF_8);
    int count = 0;
    for (String form : new String[] {secret, Base64.getEncoder().encodeToString(bytes),
        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
        URLEncoder.encode(secret, UTF_8)}) {
      for (int at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) count++;
    }
    return count;
  }

  private void heading(String text) {
    out.println();
    out.println(++step + ". " + text);
  }

  private void say(String text) {
    out.println("   " + text);
  }
}
