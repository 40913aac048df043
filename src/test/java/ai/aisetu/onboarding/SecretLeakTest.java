package ai.aisetu.onboarding;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leak test: full scripted sessions against the real server process over stdio on the local
 * control plane, then every byte the server wrote is scanned for every secret of the session.
 */
final class SecretLeakTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FORM_TOKEN = Pattern.compile("name=token value=\"([^\"]+)\"");
  private static final Pattern SHOWN = Pattern.compile("<code id=secret>([^<]+)</code>");
  private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");
  private static final Set<PosixFilePermission> OWNER_ONLY =
      Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  @TempDir Path home;

  /** Secrets by name; each is scanned for everywhere. */
  private final Map<String, String> secrets = new LinkedHashMap<>();
  /** Secrets the server may write once, in the one response that surfaces it. */
  private final Set<String> surfacedInConversation = new java.util.HashSet<>();
  private final List<String> pageFailures = new CopyOnWriteArrayList<>();

  private Map<String, String> env(String byokKey, String awsSecret) {
    return Map.of(
        "XDG_STATE_HOME", home.resolve("state").toString(),
        "XDG_CONFIG_HOME", home.resolve("config").toString(),
        "HOME", home.toString(),
        "AI_SETU_PAT", "",
        "DEMO_OPENAI_KEY", byokKey,
        "DEMO_AWS_SECRET", awsSecret);
  }

  private Path outbox() {
    return home.resolve("state/ai-setu-mcp/local/outbox");
  }

  private String latestCode() throws Exception {
    try (Stream<Path> files = Files.list(outbox())) {
      Path newest = files.max(Comparator.comparing(Path::getFileName)).orElseThrow();
      String text = Files.readString(newest, UTF_8);
      Matcher m = CODE.matcher(text.substring(text.indexOf("\n\n")));
      assertThat(m.find()).isTrue();
      return m.group(1);
    }
  }

  private static String random(String prefix, int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    SecureRandom random = new SecureRandom();
    StringBuilder out = new StringBuilder(prefix);
    for (int i = 0; i < length; i++) out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    return out.toString();
  }

  /** A person in a browser: opens the one-time page, types the code if asked, reads the secret. */
  private McpSchema.ElicitResult person(McpSchema.ElicitUrlRequest request, String name) {
    try {
      assertThat(request.url()).startsWith("http://127.0.0.1:");
      HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
      URI url = URI.create(request.url());
      String page = browser.send(HttpRequest.newBuilder(url).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Matcher token = FORM_TOKEN.matcher(page);
      assertThat(token.find()).as(page).isTrue();
      String form = "token=" + URLEncoder.encode(token.group(1), UTF_8)
          + (page.contains("name=code") ? "&code=" + latestCode() : "");
      String shown = browser.send(HttpRequest.newBuilder(url)
              .header("Origin", url.getScheme() + "://" + url.getAuthority())
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Matcher secret = SHOWN.matcher(shown);
      assertThat(secret.find()).as(shown).isTrue();
      secrets.put(name, secret.group(1));
      return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, null);
    } catch (Throwable e) {
      pageFailures.add(String.valueOf(e));
      return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.CANCEL, null);
    }
  }

  private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Object... kv) {
    Map<String, Object> args = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) args.put((String) kv[i], kv[i + 1]);
    return client.callTool(new McpSchema.CallToolRequest(tool, args));
  }

  private static String text(McpSchema.CallToolResult result) {
    StringBuilder out = new StringBuilder();
    for (McpSchema.Content content : result.content()) {
      if (content instanceof McpSchema.TextContent text && !forUser(text)) out.append(text.text()).append('\n');
    }
    return out.toString();
  }

  private static boolean forUser(McpSchema.TextContent text) {
    return text.annotations() != null && List.of(McpSchema.Role.USER).equals(text.annotations().audience());
  }

  /** The secret in the result's user-only block; remembered as surfaced in the conversation. */
  private String surfaced(McpSchema.CallToolResult result, String name, String prefix) {
    assertThat(result.isError()).as(text(result)).isFalse();
    for (McpSchema.Content content : result.content()) {
      if (content instanceof McpSchema.TextContent text && forUser(text)) {
        assertThat(text.text()).contains("store it now");
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "[A-Za-z0-9]+").matcher(text.text());
        assertThat(m.find()).isTrue();
        secrets.put(name, m.group());
        surfacedInConversation.add(m.group());
        return m.group();
      }
    }
    throw new AssertionError("no user-only block in " + text(result));
  }

  private static JsonNode structured(McpSchema.CallToolResult result) {
    return JSON.valueToTree(result.structuredContent());
  }

  @Test
  void aFullSessionWritesNoSecretAnywhereButWhereItBelongs() throws Exception {
    String byokInline = random("sk-proj-", 48);
    String byokEnv = random("sk-proj-", 48);
    String awsSecret = random("", 40);
    secrets.put("byok inline apiKey", byokInline);
    secrets.put("byok env apiKey", byokEnv);
    secrets.put("byok env awsSecretAccessKey", awsSecret);
    Path work = Files.createDirectories(home.resolve("work"));
    Map<String, String> env = env(byokEnv, awsSecret);
    List<ServerProcess> processes = new ArrayList<>();

    // Session 1: a client with URL elicitation and roots.
    ServerProcess first = new ServerProcess(work, env, "--local", "--log-level", "debug");
    processes.add(first);
    McpSyncClient client = McpClient.sync(first)
        .requestTimeout(Duration.ofSeconds(30))
        .capabilities(McpSchema.ClientCapabilities.builder().elicitation(false, true).roots(true).build())
        .roots(new McpSchema.Root(work.toUri().toString(), "work"))
        .urlElicitation(request -> person(request, "page " + request.elicitationId()))
        .build();
    client.initialize();

    McpSchema.CallToolResult start = call(client, "onboarding_start", "email", "ada@example.com");
    assertThat(pageFailures).isEmpty();
    assertThat(structured(start).path("signedIn").asBoolean()).as(text(start)).isTrue();
    assertThat(text(start)).contains("Signed in as ada@example.com").contains("tt_pat_…");
    String onboardingPat = secrets.values().stream().filter(s -> s.startsWith("tt_pat_")).findFirst().orElseThrow();
    assertThat(call(client, "whoami").isError()).isFalse();

    surfaced(call(client, "pats_create", "name", "dashboard", "scopes", List.of("admin:read")),
        "pats_create conversation", "tt_pat_");

    String workspaceId = structured(call(client, "workspaces_create", "name", "app")).path("id").asText();
    McpSchema.CallToolResult toFile = call(client, "api_keys_create", "workspaceId", workspaceId,
        "name", "file-key", "destination", Map.of("type", "file", "path", ".env"));
    assertThat(toFile.isError()).as(text(toFile)).isFalse();
    assertThat(toFile.content()).noneMatch(c -> c instanceof McpSchema.TextContent t && forUser(t));
    String envFile = Files.readString(work.resolve(".env"), UTF_8);
    assertThat(envFile).matches("AI_SETU_API_KEY=tt_live_[A-Za-z0-9]+\n");
    assertThat(Files.getPosixFilePermissions(work.resolve(".env"))).isEqualTo(OWNER_ONLY);
    secrets.put("api_keys_create file", envFile.substring("AI_SETU_API_KEY=".length()).strip());
    String fileKeyId = structured(toFile).path("apiKey").path("id").asText();

    McpSchema.CallToolResult toPage = call(client, "api_keys_rotate", "apiKeyId", fileKeyId,
        "destination", Map.of("type", "reveal_page"));
    assertThat(toPage.isError()).as(text(toPage)).isFalse();
    assertThat(pageFailures).isEmpty();
    assertThat(toPage.content()).noneMatch(c -> c instanceof McpSchema.TextContent t && forUser(t));
    String rotatedKeyId = structured(toPage).path("apiKey").path("id").asText();

    surfaced(call(client, "api_keys_rotate", "apiKeyId", rotatedKeyId),
        "api_keys_rotate conversation", "tt_live_");
    surfaced(call(client, "api_keys_create", "workspaceId", workspaceId, "name", "chat-key"),
        "api_keys_create conversation", "tt_live_");

    McpSchema.CallToolResult inline = call(client, "provider_credentials_upsert",
        "provider", "openai", "slug", "openai-inline", "apiKey", byokInline);
    assertThat(inline.isError()).as(text(inline)).isFalse();
    McpSchema.CallToolResult fromEnv = call(client, "provider_credentials_upsert",
        "provider", "openai", "slug", "openai-env", "apiKeyEnv", "DEMO_OPENAI_KEY");
    assertThat(fromEnv.isError()).as(text(fromEnv)).isFalse();
    assertThat(structured(fromEnv).path("keyHint").asText()).isEqualTo(byokEnv.substring(byokEnv.length() - 4));
    McpSchema.CallToolResult missing = call(client, "provider_credentials_upsert",
        "provider", "openai", "slug", "openai-missing", "apiKeyEnv", "NOT_SET_ANYWHERE");
    assertThat(missing.isError()).isTrue();
    assertThat(text(missing)).contains("apiKeyEnv").contains("NOT_SET_ANYWHERE");
    McpSchema.CallToolResult both = call(client, "provider_credentials_upsert",
        "provider", "openai", "slug", "openai-both", "apiKey", byokInline, "apiKeyEnv", "DEMO_OPENAI_KEY");
    assertThat(both.isError()).isTrue();
    assertThat(text(both)).contains("apiKeyEnv").contains("apiKey");
    McpSchema.CallToolResult bedrock = call(client, "provider_credentials_upsert",
        "provider", "bedrock", "slug", "bedrock-env", "awsAccessKeyId", "AKIAEXAMPLE000000001",
        "awsSecretAccessKeyEnv", "DEMO_AWS_SECRET", "awsRegion", "us-east-1");
    assertThat(bedrock.isError()).as(text(bedrock)).isFalse();

    // The model echoes secrets back in arguments, and error paths quote arguments.
    call(client, "workspaces_create", "name", onboardingPat);
    call(client, "workspaces_rename", "workspaceId", secrets.get("api_keys_create conversation"), "name", "x");
    call(client, "api_keys_rotate", "apiKeyId", byokInline);
    McpSchema.CallToolResult escape = call(client, "api_keys_create", "workspaceId", workspaceId,
        "name", "bad", "destination", Map.of("type", "file", "path", "../outside.env"));
    assertThat(escape.isError()).isTrue();
    assertThat(text(escape)).contains("destination.path");
    assertThat(home.resolve("outside.env")).doesNotExist();
    client.closeGracefully();
    assertThat(first.awaitExit()).isZero();

    // Session 2: a client without elicitation: the fallback path.
    ServerProcess second = new ServerProcess(work, env, "--local", "--log-level", "debug");
    processes.add(second);
    McpSyncClient plain = McpClient.sync(second).requestTimeout(Duration.ofSeconds(30)).build();
    plain.initialize();
    McpSchema.CallToolResult fallback = call(plain, "onboarding_start", "email", "bob@example.com");
    assertThat(structured(fallback).path("signedIn").asBoolean()).isFalse();
    assertThat(structured(fallback).path("localOutbox").path("folder").asText()).isEqualTo(outbox().toString());
    McpSchema.CallToolResult wrong = call(plain, "onboarding_verify", "email", "bob@example.com", "code", "12345");
    assertThat(wrong.isError()).isTrue();
    assertThat(text(wrong)).contains("code");
    String bobPat = surfaced(call(plain, "onboarding_verify", "email", "bob@example.com", "code", latestCode()),
        "onboarding_verify conversation", "tt_pat_");
    McpSchema.CallToolResult refused = call(plain, "api_keys_create", "workspaceId", "ws_x",
        "name", "k", "destination", Map.of("type", "reveal_page"));
    assertThat(refused.isError()).isTrue();
    assertThat(text(refused)).contains("destination.type").contains("URL elicitation");
    McpSchema.CallToolResult patToFile = call(plain, "pats_create", "name", "ci", "scopes",
        List.of("admin:read"), "destination", Map.of("type", "file", "path", "ci.env", "variable", "CI_PAT"));
    assertThat(patToFile.isError()).as(text(patToFile)).isFalse();
    String ciEnv = Files.readString(work.resolve("ci.env"), UTF_8);
    assertThat(ciEnv).matches("CI_PAT=tt_pat_[A-Za-z0-9]+\n");
    assertThat(Files.getPosixFilePermissions(work.resolve("ci.env"))).isEqualTo(OWNER_ONLY);
    secrets.put("pats_create file", ciEnv.substring("CI_PAT=".length()).strip());
    plain.closeGracefully();
    assertThat(second.awaitExit()).isZero();

    // The credential file holds exactly the last PAT minted by onboarding, for the local plane.
    Path credentials = home.resolve("config/ai-setu/credentials.json");
    assertThat(Files.getPosixFilePermissions(credentials)).isEqualTo(OWNER_ONLY);
    JsonNode saved = JSON.readTree(credentials.toFile());
    assertThat(saved.path("controlPlanes").size()).isEqualTo(1);
    assertThat(saved.path("controlPlanes").path("local").path("pat").asText()).isEqualTo(bobPat);

    // Every byte the server wrote.
    assertThat(secrets).hasSizeGreaterThanOrEqualTo(10);
    Path transcripts = home.resolve("state/ai-setu-mcp/transcripts");
    List<Path> transcriptFiles;
    try (Stream<Path> files = Files.list(transcripts)) {
      transcriptFiles = files.toList();
    }
    assertThat(transcriptFiles).hasSize(2);
    List<String> leaks = new ArrayList<>();
    for (Path file : transcriptFiles) {
      assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OWNER_ONLY);
      String text = Files.readString(file, UTF_8);
      assertThat(text).contains("tt_pat_…").contains("tt_live_…");
      scan("transcript " + file.getFileName(), text, leaks);
    }
    for (ServerProcess process : processes) {
      assertThat(process.stderr).isNotEmpty();
      scan("stderr", String.join("\n", process.stderr), leaks);
      for (String line : process.stdout) {
        String surfacedHere = null;
        for (String secret : surfacedInConversation) {
          if (line.contains(secret)) {
            assertThat(surfacedHere).as("two secrets surfaced in one line").isNull();
            surfacedHere = secret;
          }
        }
        if (surfacedHere != null) {
          // The one surfacing response: the secret once, in the user-only block, nowhere else.
          assertThat(countOf(line, surfacedHere)).isEqualTo(1);
          assertThat(surfacedInConversation.remove(surfacedHere)).as("surfaced a second time").isTrue();
          JsonNode content = JSON.readTree(line).path("result").path("content");
          for (JsonNode block : content) {
            boolean userOnly = block.path("annotations").path("audience").toString().equals("[\"user\"]");
            assertThat(block.path("text").asText().contains(surfacedHere)).isEqualTo(userOnly);
          }
          scan("stdout", line.replace(surfacedHere, "SURFACED"), leaks);
        } else {
          scan("stdout", line, leaks);
        }
      }
    }
    assertThat(surfacedInConversation).as("every conversation secret surfaced once").isEmpty();
    assertThat(leaks).isEmpty();
  }

  private void scan(String where, String text, List<String> leaks) {
    for (Map.Entry<String, String> secret : secrets.entrySet()) {
      for (String form : forms(secret.getValue())) {
        if (text.contains(form)) {
          int at = text.indexOf(form);
          leaks.add(secret.getKey() + " in " + where + ": "
              + text.substring(Math.max(0, at - 200), at).replace(secret.getValue(), "<SECRET>"));
        }
      }
    }
  }

  private static List<String> forms(String secret) {
    byte[] bytes = secret.getBytes(UTF_8);
    return List.of(secret,
        Base64.getEncoder().encodeToString(bytes),
        Base64.getEncoder().withoutPadding().encodeToString(bytes),
        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
        URLEncoder.encode(secret, UTF_8),
        secret.substring(0, secret.length() - 4)); // a prefix long enough to be the secret
  }

  private static int countOf(String text, String needle) {
    int count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) count++;
    return count;
  }
}
