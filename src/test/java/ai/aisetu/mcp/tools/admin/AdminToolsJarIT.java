package ai.aisetu.mcp.tools.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.admin.model.LoginResult;
import ai.aisetu.local.LocalControlPlane;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product as a client meets it: {@code java -jar target/ai-setu-mcp.jar --local} as a
 * subprocess, spoken to by the MCP Java SDK client over stdio. The embedded control plane keeps its
 * SQLite file under {@code XDG_STATE_HOME}; the test signs people up there first (through the OTP
 * flow on a plane over the same file), then calls every tool once successfully and once on an
 * error path. Runs in the integration-test phase, after the jar is packaged.
 */
final class AdminToolsJarIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path JAR = Path.of("target", "ai-setu-mcp.jar");

  @TempDir static Path home;
  private static LoginResult owner;
  private static LoginResult readOnly;
  private static LoginResult other;
  private static String otherWorkspace;

  private final Set<String> succeeded = new LinkedHashSet<>();
  private final Set<String> failed = new LinkedHashSet<>();

  @BeforeAll
  static void signUp() {
    Path state = home.resolve("state").resolve("ai-setu-mcp").resolve("local");
    try (LocalControlPlane plane = LocalControlPlane.builder().stateDir(state)
            .environment(Map.of()).build().start();
        AiSetuAdmin anonymous = AiSetuAdmin.builder().baseUrl(plane.baseUri().toString())
            .environment(Map.of()).maxRetries(0).build()) {
      owner = signIn(plane, anonymous, "owner@example.com", null);
      readOnly = signIn(plane, anonymous, "owner@example.com", List.of("admin:read"));
      other = signIn(plane, anonymous, "other@example.com", null);
      otherWorkspace = anonymous.withPat(other.secret()).workspaces().list().get(0).id();
      plane.seedUsage(owner.tenant().id(), 900, Instant.now());
    }
  }

  private static LoginResult signIn(
      LocalControlPlane plane, AiSetuAdmin anonymous, String email, List<String> scopes) {
    anonymous.requestLoginCode(email);
    return anonymous.verifyLoginCode(
        email, plane.latestLoginCode(email).orElseThrow(), "jar-test", scopes);
  }

  private static McpSyncClient start(String pat) {
    assertThat(JAR).as("run `mvn package` first").exists();
    Map<String, String> env = new HashMap<>();
    env.put("XDG_STATE_HOME", home.resolve("state").toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    ServerParameters parameters = ServerParameters.builder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString())
        .args("-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "--local", "--pat", pat,
            "--no-transcript", "--no-confirm")
        .env(env)
        .build();
    McpSyncClient client = McpClient.sync(
            new StdioClientTransport(parameters, new JacksonMcpJsonMapper(JSON)))
        .requestTimeout(Duration.ofSeconds(30))
        .build();
    client.initialize();
    return client;
  }

  private JsonNode ok(McpSyncClient client, String tool, Object... pairs) {
    McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, args(pairs)));
    assertThat(result.isError()).as("%s: %s", tool, result.content()).isFalse();
    succeeded.add(tool);
    return JSON.valueToTree(result.structuredContent());
  }

  private String error(McpSyncClient client, String tool, Object... pairs) {
    McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, args(pairs)));
    assertThat(result.isError()).as("%s should fail: %s", tool, result.content()).isTrue();
    failed.add(tool);
    return result.content().stream().map(c -> ((McpSchema.TextContent) c).text())
        .collect(Collectors.joining("\n"));
  }

  private static Map<String, Object> args(Object... pairs) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) map.put((String) pairs[i], pairs[i + 1]);
    return map;
  }

  @Test
  void everyToolSucceedsOnceAndFailsOnceThroughTheRealJar() throws Exception {
    // Two processes, started side by side.
    CompletableFuture<McpSyncClient> startingReader =
        CompletableFuture.supplyAsync(() -> start(readOnly.secret()));
    try (McpSyncClient writer = start(owner.secret()); McpSyncClient reader = startingReader.join()) {
      List<String> all = writer.listTools().tools().stream().map(McpSchema.Tool::name)
          .collect(Collectors.toList());
      assertThat(all).containsAll(new AdminCatalogue().tools().stream()
          .map(t -> t.name()).collect(Collectors.toList()));
      assertThat(reader.listTools().tools()).extracting(McpSchema.Tool::name)
          .doesNotContain("workspaces_create");

      // account and workspaces
      assertThat(ok(writer, "whoami").at("/user/email").asText()).isEqualTo("owner@example.com");
      assertThat(error(reader, "workspaces_create", "name", "x")).contains("admin:write");
      String ws = ok(writer, "workspaces_create", "name", "staging").get("id").asText();
      assertThat(error(writer, "workspaces_create", "name", "staging")).contains("conflict");
      assertThat(ok(writer, "workspaces_list").get("workspaces").toString()).contains(ws);
      assertThat(error(writer, "workspaces_get", "workspaceId", otherWorkspace)).contains("not found");
      assertThat(ok(writer, "workspaces_get", "workspaceId", ws).get("name").asText()).isEqualTo("staging");
      assertThat(ok(writer, "workspaces_rename", "workspaceId", ws, "name", "stage").get("name").asText())
          .isEqualTo("stage");
      assertThat(error(writer, "workspaces_rename", "workspaceId", ws, "name", "")).contains("name");
      assertThat(ok(writer, "workspaces_list_members", "workspaceId", ws).at("/members/0/role").asText())
          .isEqualTo("OWNER");
      error(writer, "workspaces_list_members", "workspaceId", otherWorkspace);
      String doomed = ok(writer, "workspaces_create", "name", "doomed").get("id").asText();
      assertThat(ok(writer, "workspaces_delete", "workspaceId", doomed).get("id").asText()).isEqualTo(doomed);
      assertThat(error(writer, "workspaces_delete", "workspaceId", otherWorkspace)).contains("not found");

      // api keys
      JsonNode key = ok(writer, "api_keys_create", "workspaceId", ws, "name", "ci");
      assertThat(key.toString()).doesNotContain("\"secret\"")
          .contains("tt_live_…" + key.at("/apiKey/keyHint").asText());
      error(reader, "api_keys_create", "workspaceId", ws, "name", "ci");
      String keyId = key.at("/apiKey/id").asText();
      assertThat(ok(writer, "api_keys_list", "workspaceId", ws).get("apiKeys").toString()).contains(keyId);
      error(writer, "api_keys_list", "workspaceId", otherWorkspace);
      String rotated = ok(writer, "api_keys_rotate", "apiKeyId", keyId).at("/apiKey/id").asText();
      assertThat(error(writer, "api_keys_rotate", "apiKeyId", rotated, "gracePeriodSeconds", -1))
          .contains("gracePeriodSeconds");
      assertThat(ok(writer, "api_keys_revoke", "apiKeyId", rotated).get("revokedAt").isNull()).isFalse();
      error(writer, "api_keys_revoke", "apiKeyId", "nope");

      // members
      String member = ok(writer, "members_invite", "workspaceId", ws, "email", "dev@example.com")
          .get("id").asText();
      error(writer, "members_invite", "workspaceId", ws, "email", "dev@example.com", "role", "KING");
      assertThat(ok(writer, "members_set_role", "workspaceId", ws, "memberId", member, "role", "VIEWER")
          .get("role").asText()).isEqualTo("VIEWER");
      error(writer, "members_set_role", "workspaceId", otherWorkspace, "memberId", member, "role", "ADMIN");
      ok(writer, "members_remove", "workspaceId", ws, "memberId", member);
      error(reader, "members_remove", "workspaceId", ws, "memberId", member);

      // billing and usage
      assertThat(ok(writer, "billing_credit_balance").get("tenantId").asText()).isEqualTo(owner.tenant().id());
      error(writer, "billing_credit_balance", "tenantId", other.tenant().id());
      String topUp = ok(writer, "billing_create_top_up_intent", "amountCents", 500).get("id").asText();
      error(writer, "billing_create_top_up_intent", "amountCents", 2_000_000);
      assertThat(ok(writer, "billing_top_ups").get("topUps").toString()).contains(topUp);
      error(writer, "billing_top_ups", "tenantId", other.tenant().id());
      assertThat(ok(writer, "usage_projection").get("spentToDateCents").asInt()).isEqualTo(900);
      error(writer, "usage_projection", "tenantId", other.tenant().id());

      // PATs
      assertThat(ok(writer, "pats_list").get("pats").toString()).contains(readOnly.token().id());
      JsonNode pat = ok(writer, "pats_create", "name", "ci", "scopes", List.of("admin:read"));
      assertThat(pat.toString()).contains("tt_pat_…" + pat.at("/pat/keyHint").asText());
      error(reader, "pats_create", "name", "ci", "scopes", List.of("admin:write"));
      ok(writer, "pats_revoke", "patId", pat.at("/pat/id").asText());
      error(writer, "pats_revoke", "patId", "nope");

      // provider credentials
      assertThat(ok(writer, "provider_credentials_availability").get("providers")).hasSize(3);
      String credential = ok(writer, "provider_credentials_upsert", "provider", "anthropic",
          "slug", "claude", "apiKey", "sk-ant-test-00000000000000000000").get("id").asText();
      error(writer, "provider_credentials_upsert", "provider", "bedrock", "slug", "aws",
          "apiKey", "sk-nope-0000000000");
      assertThat(ok(writer, "provider_credentials_list").get("credentials").toString()).contains(credential);
      assertThat(ok(writer, "provider_credentials_test", "credentialId", credential).get("id").asText())
          .isEqualTo(credential);
      error(writer, "provider_credentials_test", "credentialId", "nope");
      ok(writer, "provider_credentials_revoke", "credentialId", credential);
      error(reader, "provider_credentials_revoke", "credentialId", credential);

      // The tools without arguments fail only without a working credential.
      ok(writer, "pats_revoke", "patId", readOnly.token().id());
      for (String tool : List.of("whoami", "workspaces_list", "pats_list",
          "provider_credentials_availability", "provider_credentials_list")) {
        assertThat(error(reader, tool)).contains("rejected");
      }
    }
    List<String> catalogue = new AdminCatalogue().tools().stream().map(t -> t.name())
        .collect(Collectors.toList());
    assertThat(succeeded).containsExactlyInAnyOrderElementsOf(catalogue);
    assertThat(failed).containsExactlyInAnyOrderElementsOf(catalogue);
  }
}
