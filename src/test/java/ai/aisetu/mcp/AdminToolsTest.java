package ai.aisetu.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.admin.model.LoginResult;
import ai.aisetu.local.LocalControlPlane;
import ai.aisetu.local.byok.Upstreams;
import ai.aisetu.local.fakes.FakeOpenAi;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.mcp.tools.admin.AdminCatalogue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every admin tool, called by the MCP SDK client through the real server and its stdio transport,
 * against a real local control plane over HTTP: for each tool at least one success (its
 * structuredContent checked against the data and against the tool's output schema) and one error
 * path (wrong scope, not found, bad input, or no credential).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class AdminToolsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OPENAI_KEY = "sk-test-valid-openai-key-0123456789";
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final Map<String, ToolDefinition> tools = new AdminCatalogue().tools().stream()
      .collect(Collectors.toMap(ToolDefinition::name, t -> t));
  private final JsonSchemaValidator validator = new DefaultJsonSchemaValidator();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<McpSchema.ProgressNotification> progress = new ArrayList<>();

  private FakeOpenAi openAi;
  private LocalControlPlane plane;
  private AiSetuAdmin anonymous;
  private LoginResult owner;
  private LoginResult other;
  private McpSyncClient writer;
  private McpSyncClient reader;
  private McpSyncClient stranger;
  private McpSyncClient nobody;

  @BeforeAll
  void start() {
    openAi = new FakeOpenAi(OPENAI_KEY);
    openAi.start();
    closeables.add(openAi);
    plane = LocalControlPlane.builder().inMemory().environment(Map.of())
        .upstreams(Upstreams.defaults().withOpenai(openAi.baseUri()))
        .build().start();
    closeables.add(plane);
    anonymous = AiSetuAdmin.builder().baseUrl(plane.baseUri().toString())
        .environment(Map.of()).maxRetries(0).build();
    closeables.add(anonymous);

    String ownerEmail = email("owner");
    owner = signIn(ownerEmail, null);
    LoginResult readOnly = signIn(ownerEmail, List.of("admin:read"));
    other = signIn(email("other"), null);

    writer = client(owner.secret());
    reader = client(readOnly.secret());
    stranger = client(other.secret());
    nobody = client(null);
  }

  @AfterAll
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) closeables.get(i).close();
  }

  private static String email(String who) {
    return who + "-" + SEQUENCE.incrementAndGet() + "@example.com";
  }

  /** Through the OTP flow, as a person would: request a code, read the outbox, verify it. */
  private LoginResult signIn(String email, List<String> scopes) {
    anonymous.requestLoginCode(email);
    String code = plane.latestLoginCode(email).orElseThrow();
    return anonymous.verifyLoginCode(email, code, "tools-test", scopes);
  }

  private McpSyncClient client(String pat) {
    ServerOptions.Builder options = ServerOptions.builder().baseUrl(plane.baseUri().toString());
    if (pat != null) options.pat(pat, "--pat");
    InProcessServer server = new InProcessServer(options.build(), new AdminCatalogue(), anonymous);
    closeables.add(server);
    return server.client(spec -> spec.progressConsumer(this::progressed));
  }

  private void progressed(McpSchema.ProgressNotification notification) {
    synchronized (progress) {
      progress.add(notification);
      progress.notifyAll();
    }
  }

  /**
   * The progress values sent for {@code token}, once {@code count} have arrived (within 5 s): the
   * client hands notifications to its consumer asynchronously, possibly after the response.
   */
  private List<Double> awaitProgress(String token, int count) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    synchronized (progress) {
      while (true) {
        List<Double> values = progress.stream().filter(p -> p.progressToken().equals(token))
            .map(McpSchema.ProgressNotification::progress).collect(Collectors.toList());
        long left = deadline - System.nanoTime();
        if (values.size() >= count || left <= 0) return values;
        progress.wait(left / 1_000_000 + 1);
      }
    }
  }

  // Calling and checking.

  private McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
    return client.callTool(new McpSchema.CallToolRequest(tool, args));
  }

  /** Calls, expects success, checks the result against the tool's output schema, returns it. */
  private JsonNode ok(McpSyncClient client, String tool, Map<String, Object> args) {
    McpSchema.CallToolResult result = call(client, tool, args);
    assertThat(result.isError()).as("%s failed: %s", tool, texts(result)).isFalse();
    assertThat(result.structuredContent()).as(tool).isNotNull();
    assertMatchesOutputSchema(tool, result);
    assertThat(texts(result)).as(tool + " summary").anySatisfy(t -> assertThat(t).doesNotContain("\n"));
    return JSON.valueToTree(result.structuredContent());
  }

  @SuppressWarnings("unchecked")
  private void assertMatchesOutputSchema(String tool, McpSchema.CallToolResult result) {
    Map<String, Object> schema = JSON.convertValue(tools.get(tool).outputSchema(), Map.class);
    JsonSchemaValidator.ValidationResponse validation =
        validator.validate(schema, result.structuredContent());
    assertThat(validation.valid()).as("%s: %s", tool, validation.errorMessage()).isTrue();
  }

  private String error(McpSyncClient client, String tool, Map<String, Object> args) {
    McpSchema.CallToolResult result = call(client, tool, args);
    assertThat(result.isError()).as("%s should fail: %s", tool, texts(result)).isTrue();
    assertThat(result.structuredContent()).isNull();
    String text = String.join("\n", texts(result));
    assertThat(text).doesNotContain("\tat ").doesNotContain("Exception");
    return text;
  }

  private static List<String> texts(McpSchema.CallToolResult result) {
    return result.content().stream().map(c -> ((McpSchema.TextContent) c).text())
        .collect(Collectors.toList());
  }

  private static Map<String, Object> args(Object... pairs) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) map.put((String) pairs[i], pairs[i + 1]);
    return map;
  }

  private String newWorkspace(McpSyncClient client) {
    return ok(client, "workspaces_create", args("name", "ws-" + SEQUENCE.incrementAndGet()))
        .get("id").asText();
  }

  /** A key named ci in a new workspace of the writer; returns the key's id. */
  private String newApiKey() {
    String ws = newWorkspace(writer);
    return ok(writer, "api_keys_create", args("workspaceId", ws, "name", "ci")).at("/apiKey/id").asText();
  }

  private static List<String> values(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.path(field).asText()));
    return values;
  }

  /**
   * The once-only secret is in exactly one content block, for the user's eyes; structured content
   * and the model's text carry only the redacted form, whose last four match the key hint.
   */
  private static String assertShownOnceToTheUser(
      McpSchema.CallToolResult result, String prefix, String keyHint) {
    List<McpSchema.TextContent> blocks = result.content().stream()
        .map(c -> (McpSchema.TextContent) c).collect(Collectors.toList());
    List<McpSchema.TextContent> withSecret = blocks.stream()
        .filter(b -> b.text().matches("(?s).*" + prefix + "[A-Za-z0-9]{8,}.*"))
        .collect(Collectors.toList());
    assertThat(withSecret).hasSize(1);
    McpSchema.TextContent userBlock = withSecret.get(0);
    assertThat(userBlock.annotations().audience()).containsExactly(McpSchema.Role.USER);
    assertThat(userBlock.text()).contains("will not be shown again");
    String secret = userBlock.text().replaceFirst("(?s).*(" + prefix + "[A-Za-z0-9]+).*", "$1");
    assertThat(secret).endsWith(keyHint);
    assertThat(result.structuredContent().toString()).doesNotContain(secret)
        .contains(prefix + "…" + keyHint);
    return secret;
  }

  // The catalogue as the client sees it.

  @Test
  void listingShowsEveryToolWithAllFourHintsAndItsSnapshot() throws Exception {
    List<McpSchema.Tool> listed = writer.listTools().tools();
    assertThat(listed).extracting(McpSchema.Tool::name)
        .containsExactlyElementsOf(new AdminCatalogue().tools().stream()
            .map(ToolDefinition::name).collect(Collectors.toList()));
    for (McpSchema.Tool tool : listed) {
      McpSchema.ToolAnnotations hints = tool.annotations();
      assertThat(List.of(hints.readOnlyHint(), hints.destructiveHint(), hints.idempotentHint(),
          hints.openWorldHint())).as(tool.name()).doesNotContainNull();
      JsonNode wire = JSON.valueToTree(tool);
      JsonNode snapshot = JSON.readTree(Files.readString(
          Path.of("src/test/resources/__toolsnaps__", tool.name() + ".snap")));
      for (String field : List.of("name", "title", "description", "inputSchema", "outputSchema",
          "annotations")) {
        assertThat(wire.get(field)).as(tool.name() + "." + field).isEqualTo(snapshot.get(field));
      }
    }
  }

  @Test
  void readOnlyPatListsNoWriteTool() {
    assertThat(reader.listTools().tools()).extracting(McpSchema.Tool::name)
        .contains("workspaces_list").doesNotContain("workspaces_create", "api_keys_rotate");
  }

  @Nested
  final class Account {
    @Test
    void whoamiShowsTheUserTenantAndScopes() {
      JsonNode me = ok(writer, "whoami", Map.of());
      assertThat(me.at("/user/email").asText()).isEqualTo(owner.user().email());
      assertThat(me.at("/tenant/id").asText()).isEqualTo(owner.tenant().id());
      assertThat(me.at("/patId").asText()).isEqualTo(owner.token().id());
      assertThat(me.get("scopes").toString()).isEqualTo("[\"admin:read\",\"admin:write\"]");
    }

    @Test
    void whoamiWithoutACredentialSaysHowToSignIn() {
      assertThat(error(nobody, "whoami", Map.of())).contains("not signed in").contains("AI_SETU_PAT");
    }
  }

  @Nested
  final class Workspaces {
    @Test
    void listIncludesTheDefaultAndACreatedWorkspace() {
      String id = newWorkspace(writer);
      JsonNode list = ok(writer, "workspaces_list", Map.of());
      assertThat(values(list.get("workspaces"), "id")).contains(id);
      assertThat(values(list.get("workspaces"), "name")).contains("default");
    }

    @Test
    void listWithoutACredentialSaysHowToSignIn() {
      assertThat(error(nobody, "workspaces_list", Map.of())).contains("not signed in");
    }

    @Test
    void getReturnsTheWorkspace() {
      String id = newWorkspace(writer);
      JsonNode workspace = ok(writer, "workspaces_get", args("workspaceId", id));
      assertThat(workspace.get("id").asText()).isEqualTo(id);
      assertThat(workspace.get("tenantId").asText()).isEqualTo(owner.tenant().id());
    }

    @Test
    void getOfAnotherTenantsWorkspaceIsNotFound() {
      String id = newWorkspace(writer);
      assertThat(error(stranger, "workspaces_get", args("workspaceId", id))).contains("not found");
    }

    @Test
    void createMakesTheCallerOwner() {
      JsonNode created = ok(writer, "workspaces_create", args("name", "staging-" + SEQUENCE.incrementAndGet()));
      JsonNode members = ok(writer, "workspaces_list_members", args("workspaceId", created.get("id").asText()));
      assertThat(values(members.get("members"), "role")).containsExactly("OWNER");
    }

    @Test
    void createWithAReadOnlyPatAsksForAdminWrite() {
      assertThat(error(reader, "workspaces_create", args("name", "nope"))).contains("admin:write");
    }

    @Test
    void createWithATakenNameIsAConflict() {
      assertThat(error(writer, "workspaces_create", args("name", "default"))).contains("conflict");
    }

    @Test
    void renameChangesTheName() {
      String id = newWorkspace(writer);
      String name = "renamed-" + SEQUENCE.incrementAndGet();
      assertThat(ok(writer, "workspaces_rename", args("workspaceId", id, "name", name))
          .get("name").asText()).isEqualTo(name);
      assertThat(ok(writer, "workspaces_get", args("workspaceId", id)).get("name").asText())
          .isEqualTo(name);
    }

    @Test
    void renameToAnOverlongNameNamesTheField() {
      String id = newWorkspace(writer);
      assertThat(error(writer, "workspaces_rename", args("workspaceId", id, "name", "x".repeat(65))))
          .contains("name");
    }

    @Test
    void deleteRevokesKeysAndRemovesTheWorkspace() {
      String id = newWorkspace(writer);
      ok(writer, "api_keys_create", args("workspaceId", id, "name", "ci"));
      JsonNode deleted = ok(writer, "workspaces_delete", args("workspaceId", id));
      assertThat(deleted.get("id").asText()).isEqualTo(id);
      assertThat(deleted.get("revokedApiKeys").asInt()).isEqualTo(1);
      assertThat(deleted.get("removedMembers").asInt()).isEqualTo(1);
      assertThat(values(ok(writer, "workspaces_list", Map.of()).get("workspaces"), "id"))
          .doesNotContain(id);
    }

    @Test
    void deleteOfAnotherTenantsWorkspaceIsNotFound() {
      String id = newWorkspace(writer);
      assertThat(error(stranger, "workspaces_delete", args("workspaceId", id))).contains("not found");
      ok(writer, "workspaces_get", args("workspaceId", id));
    }

    @Test
    void listMembersShowsTheOwnerAndInvitees() {
      String id = newWorkspace(writer);
      ok(writer, "members_invite", args("workspaceId", id, "email", "dev@example.com"));
      JsonNode members = ok(writer, "workspaces_list_members", args("workspaceId", id));
      assertThat(values(members.get("members"), "email"))
          .containsExactly(owner.user().email(), "dev@example.com");
    }

    @Test
    void listMembersOfAnUnknownWorkspaceIsNotFound() {
      assertThat(error(writer, "workspaces_list_members", args("workspaceId", "ws_nope")))
          .contains("not found");
    }
  }

  @Nested
  final class ApiKeys {
    @Test
    void listShowsCreatedKeysWithoutSecrets() {
      String ws = newWorkspace(writer);
      String keyId = ok(writer, "api_keys_create", args("workspaceId", ws, "name", "ci"))
          .at("/apiKey/id").asText();
      JsonNode list = ok(writer, "api_keys_list", args("workspaceId", ws));
      assertThat(values(list.get("apiKeys"), "id")).containsExactly(keyId);
      assertThat(list.toString()).doesNotContain("tt_live_");
    }

    @Test
    void listOfAnotherTenantsWorkspaceIsNotFound() {
      String ws = newWorkspace(writer);
      assertThat(error(stranger, "api_keys_list", args("workspaceId", ws))).contains("not found");
    }

    @Test
    void createShowsTheSecretOnceToTheUserAndItIsARealKey() {
      String ws = newWorkspace(writer);
      McpSchema.CallToolResult result =
          call(writer, "api_keys_create", args("workspaceId", ws, "name", "ci"));
      assertThat(result.isError()).as("%s", texts(result)).isFalse();
      assertMatchesOutputSchema("api_keys_create", result);
      JsonNode created = ok(writer, "api_keys_list", args("workspaceId", ws));
      JsonNode structured = JSON.valueToTree(result.structuredContent());
      String hint = structured.at("/apiKey/keyHint").asText();
      assertThat(structured.get("secretRedacted").asText()).isEqualTo("tt_live_…" + hint);
      assertShownOnceToTheUser(result, "tt_live_", hint);
      assertThat(values(created.get("apiKeys"), "keyHint")).containsExactly(hint);
    }

    @Test
    void createWithAReadOnlyPatAsksForAdminWrite() {
      String ws = newWorkspace(writer);
      assertThat(error(reader, "api_keys_create", args("workspaceId", ws, "name", "ci")))
          .contains("admin:write");
    }

    @Test
    void rotateReplacesTheKeyAndShowsTheNewSecretOnce() {
      String oldId = newApiKey();
      McpSchema.CallToolResult result =
          call(writer, "api_keys_rotate", args("apiKeyId", oldId, "gracePeriodSeconds", 60));
      assertThat(result.isError()).as("%s", texts(result)).isFalse();
      JsonNode rotated = JSON.valueToTree(result.structuredContent());
      assertThat(rotated.at("/previous/id").asText()).isEqualTo(oldId);
      assertThat(Instant.parse(rotated.at("/previous/revokedAt").asText())).isAfter(Instant.now());
      assertThat(rotated.at("/apiKey/name").asText()).isEqualTo("ci");
      assertShownOnceToTheUser(result, "tt_live_", rotated.at("/apiKey/keyHint").asText());
      assertMatchesOutputSchema("api_keys_rotate", result);
    }

    @Test
    void rotateWithTooLongAGracePeriodNamesTheField() {
      String id = newApiKey();
      assertThat(error(writer, "api_keys_rotate", args("apiKeyId", id, "gracePeriodSeconds", 90_000)))
          .contains("gracePeriodSeconds");
    }

    @Test
    void revokeIsIdempotent() {
      String id = newApiKey();
      JsonNode first = ok(writer, "api_keys_revoke", args("apiKeyId", id));
      JsonNode second = ok(writer, "api_keys_revoke", args("apiKeyId", id));
      assertThat(first.get("revokedAt").isNull()).isFalse();
      assertThat(second.get("revokedAt")).isEqualTo(first.get("revokedAt"));
    }

    @Test
    void revokeOfAnUnknownKeyIsNotFound() {
      assertThat(error(writer, "api_keys_revoke", args("apiKeyId", "key_nope"))).contains("not found");
    }
  }

  @Nested
  final class Members {
    @Test
    void inviteAddsAnInvitedMemberWithTheRole() {
      String ws = newWorkspace(writer);
      JsonNode member = ok(writer, "members_invite",
          args("workspaceId", ws, "email", "ann@example.com", "role", "ADMIN"));
      assertThat(member.get("role").asText()).isEqualTo("ADMIN");
      assertThat(member.get("status").asText()).isEqualTo("INVITED");
      assertThat(member.get("workspaceId").asText()).isEqualTo(ws);
    }

    @Test
    void inviteWithAnUnknownRoleNamesTheField() {
      String ws = newWorkspace(writer);
      assertThat(error(writer, "members_invite",
          args("workspaceId", ws, "email", "ann@example.com", "role", "BOSS"))).contains("role");
    }

    @Test
    void setRoleChangesTheRole() {
      String ws = newWorkspace(writer);
      String id = ok(writer, "members_invite", args("workspaceId", ws, "email", "bo@example.com"))
          .get("id").asText();
      JsonNode member = ok(writer, "members_set_role",
          args("workspaceId", ws, "memberId", id, "role", "VIEWER"));
      assertThat(member.get("role").asText()).isEqualTo("VIEWER");
    }

    @Test
    void demotingTheLastOwnerIsAConflict() {
      String ws = newWorkspace(writer);
      String ownerId = ok(writer, "workspaces_list_members", args("workspaceId", ws))
          .at("/members/0/id").asText();
      assertThat(error(writer, "members_set_role",
          args("workspaceId", ws, "memberId", ownerId, "role", "MEMBER"))).contains("conflict");
    }

    @Test
    void removeReturnsTheMembershipAsItWas() {
      String ws = newWorkspace(writer);
      String id = ok(writer, "members_invite", args("workspaceId", ws, "email", "cy@example.com"))
          .get("id").asText();
      assertThat(ok(writer, "members_remove", args("workspaceId", ws, "memberId", id))
          .get("email").asText()).isEqualTo("cy@example.com");
      assertThat(values(ok(writer, "workspaces_list_members", args("workspaceId", ws))
          .get("members"), "id")).doesNotContain(id);
    }

    @Test
    void removingTheLastOwnerIsAConflict() {
      String ws = newWorkspace(writer);
      String ownerId = ok(writer, "workspaces_list_members", args("workspaceId", ws))
          .at("/members/0/id").asText();
      assertThat(error(writer, "members_remove", args("workspaceId", ws, "memberId", ownerId)))
          .contains("conflict");
    }
  }

  @Nested
  final class Billing {
    @Test
    void creditBalanceDefaultsToTheCallersTenant() {
      JsonNode balance = ok(writer, "billing_credit_balance", Map.of());
      assertThat(balance.get("tenantId").asText()).isEqualTo(owner.tenant().id());
      assertThat(balance.get("currency").asText()).isEqualTo("USD");
    }

    @Test
    void creditBalanceOfAnotherTenantIsNotFound() {
      assertThat(error(writer, "billing_credit_balance", args("tenantId", other.tenant().id())))
          .contains("not found");
    }

    @Test
    void topUpIntentIsPendingWithACheckoutUrlAndIdempotent() {
      String key = "topup-" + SEQUENCE.incrementAndGet();
      JsonNode first = ok(writer, "billing_create_top_up_intent",
          args("amountCents", 2_500, "idempotencyKey", key));
      JsonNode again = ok(writer, "billing_create_top_up_intent",
          args("amountCents", 2_500, "idempotencyKey", key));
      assertThat(first.get("status").asText()).isEqualTo("PENDING");
      assertThat(first.get("amountCents").asInt()).isEqualTo(2_500);
      assertThat(first.get("checkoutUrl").asText()).startsWith(plane.baseUri().toString());
      assertThat(again.get("id")).isEqualTo(first.get("id"));
    }

    @Test
    void topUpBelowTheMinimumNamesTheField() {
      assertThat(error(writer, "billing_create_top_up_intent", args("amountCents", 100)))
          .contains("amountCents");
    }

    @Test
    void topUpsListsTheIntents() {
      String id = ok(writer, "billing_create_top_up_intent", args("amountCents", 500))
          .get("id").asText();
      assertThat(values(ok(writer, "billing_top_ups", Map.of()).get("topUps"), "id")).contains(id);
    }

    @Test
    void topUpsOfAnotherTenantIsNotFound() {
      assertThat(error(stranger, "billing_top_ups", args("tenantId", owner.tenant().id())))
          .contains("not found");
    }
  }

  @Nested
  final class Usage {
    @Test
    void projectionReflectsSeededSpend() {
      LoginResult spender = signIn(email("spender"), null);
      plane.seedUsage(spender.tenant().id(), 1_250, Instant.now());
      JsonNode projection = ok(client(spender.secret()), "usage_projection", Map.of());
      assertThat(projection.get("tenantId").asText()).isEqualTo(spender.tenant().id());
      assertThat(projection.get("spentToDateCents").asInt()).isEqualTo(1_250);
      assertThat(projection.get("dailyBurnCents").asInt()).isPositive();
    }

    @Test
    void projectionOfAnotherTenantIsNotFound() {
      assertThat(error(stranger, "usage_projection", args("tenantId", owner.tenant().id())))
          .contains("not found");
    }
  }

  @Nested
  final class Pats {
    @Test
    void listShowsTheSessionsPat() {
      JsonNode list = ok(writer, "pats_list", Map.of());
      assertThat(values(list.get("pats"), "id")).contains(owner.token().id());
      assertThat(list.toString()).doesNotContain(owner.secret());
    }

    @Test
    void listWithoutACredentialSaysHowToSignIn() {
      assertThat(error(nobody, "pats_list", Map.of())).contains("not signed in");
    }

    @Test
    void createShowsTheSecretOnceAndItWorks() {
      McpSchema.CallToolResult result = call(writer, "pats_create",
          args("name", "dashboard", "scopes", List.of("admin:read"), "expiresInDays", 30));
      assertThat(result.isError()).as("%s", texts(result)).isFalse();
      assertMatchesOutputSchema("pats_create", result);
      JsonNode created = JSON.valueToTree(result.structuredContent());
      assertThat(created.at("/pat/scopes").toString()).isEqualTo("[\"admin:read\"]");
      assertThat(created.at("/pat/expiresAt").isNull()).isFalse();
      String secret = assertShownOnceToTheUser(result, "tt_pat_", created.at("/pat/keyHint").asText());
      assertThat(anonymous.withPat(secret).viewer().patId()).isEqualTo(created.at("/pat/id").asText());
    }

    @Test
    void createWithAReadOnlyPatAsksForAdminWrite() {
      assertThat(error(reader, "pats_create", args("name", "x", "scopes", List.of("admin:write"))))
          .contains("admin:write");
    }

    @Test
    void revokeMakesThePatUnusable() {
      McpSchema.CallToolResult created =
          call(writer, "pats_create", args("name", "temp", "scopes", List.of("admin:read")));
      JsonNode pat = JSON.valueToTree(created.structuredContent()).get("pat");
      JsonNode revoked = ok(writer, "pats_revoke", args("patId", pat.get("id").asText()));
      assertThat(revoked.get("revokedAt").isNull()).isFalse();
    }

    @Test
    void revokeOfAnUnknownPatIsNotFound() {
      assertThat(error(writer, "pats_revoke", args("patId", "pat_nope"))).contains("not found");
    }
  }

  @Nested
  final class ProviderCredentials {
    private String upsertOpenAi(McpSyncClient client, String slug, String key) {
      return ok(client, "provider_credentials_upsert",
          args("provider", "openai", "slug", slug, "apiKey", key)).get("id").asText();
    }

    @Test
    void availabilityNamesTheFieldsPerProvider() {
      JsonNode providers = ok(writer, "provider_credentials_availability", Map.of()).get("providers");
      assertThat(values(providers, "provider")).containsExactlyInAnyOrder("OPENAI", "ANTHROPIC", "BEDROCK");
      assertThat(providers.toString()).contains("awsSecretAccessKey");
    }

    @Test
    void availabilityWithoutACredentialSaysHowToSignIn() {
      assertThat(error(nobody, "provider_credentials_availability", Map.of())).contains("not signed in");
    }

    @Test
    void listShowsTheConnectionWithoutItsSecret() {
      String slug = "openai-" + SEQUENCE.incrementAndGet();
      String id = upsertOpenAi(writer, slug, OPENAI_KEY);
      JsonNode list = ok(writer, "provider_credentials_list", Map.of());
      assertThat(values(list.get("credentials"), "id")).contains(id);
      assertThat(values(list.get("credentials"), "slug")).contains(slug);
      assertThat(list.toString()).doesNotContain(OPENAI_KEY);
    }

    @Test
    void listIsPerTenant() {
      String id = upsertOpenAi(writer, "openai-" + SEQUENCE.incrementAndGet(), OPENAI_KEY);
      assertThat(values(ok(stranger, "provider_credentials_list", Map.of()).get("credentials"), "id"))
          .doesNotContain(id);
    }

    @Test
    void upsertBySlugReplacesTheSecret() {
      String slug = "openai-" + SEQUENCE.incrementAndGet();
      String first = upsertOpenAi(writer, slug, "sk-first-key-000000000000001111");
      McpSchema.CallToolResult second = call(writer, "provider_credentials_upsert",
          args("provider", "openai", "slug", slug, "apiKey", "sk-second-key-00000000000002222"));
      assertMatchesOutputSchema("provider_credentials_upsert", second);
      JsonNode credential = JSON.valueToTree(second.structuredContent());
      assertThat(credential.get("id").asText()).isEqualTo(first);
      assertThat(credential.get("keyHint").asText()).isEqualTo("2222");
      assertThat(credential.get("provider").asText()).isEqualTo("OPENAI");
      assertThat(texts(second).toString()).doesNotContain("sk-second-key");
    }

    @Test
    void upsertOfBedrockWithAnApiKeyNamesTheField() {
      assertThat(error(writer, "provider_credentials_upsert",
          args("provider", "bedrock", "slug", "bedrock-x", "apiKey", "sk-nope-000000000000")))
          .contains("apiKey").doesNotContain("sk-nope");
    }

    @Test
    void testReachesTheProviderAndReportsProgress() throws Exception {
      String id = upsertOpenAi(writer, "openai-" + SEQUENCE.incrementAndGet(), OPENAI_KEY);
      McpSchema.CallToolResult result = writer.callTool(new McpSchema.CallToolRequest(
          "provider_credentials_test", args("credentialId", id), Map.of("progressToken", "t-" + id)));
      assertThat(result.isError()).as("%s", texts(result)).isFalse();
      assertMatchesOutputSchema("provider_credentials_test", result);
      JsonNode test = JSON.valueToTree(result.structuredContent());
      assertThat(test.get("ok").asBoolean()).as(test.toString()).isTrue();
      assertThat(test.get("id").asText()).isEqualTo(id);
      assertThat(awaitProgress("t-" + id, 2)).containsExactly(0.0, 1.0);
    }

    @Test
    void testOfAWrongKeyIsOkFalseNotAnError() {
      String id = upsertOpenAi(writer, "openai-" + SEQUENCE.incrementAndGet(),
          "sk-wrong-key-0000000000000000000");
      JsonNode test = ok(writer, "provider_credentials_test", args("credentialId", id));
      assertThat(test.get("ok").asBoolean()).isFalse();
      assertThat(test.toString()).doesNotContain("sk-wrong-key-0000000000000000000");
    }

    @Test
    void testOfAnUnknownConnectionIsNotFound() {
      assertThat(error(writer, "provider_credentials_test", args("credentialId", "pc_nope")))
          .contains("not found");
    }

    @Test
    void revokeMarksTheConnectionRevoked() {
      String id = upsertOpenAi(writer, "openai-" + SEQUENCE.incrementAndGet(), OPENAI_KEY);
      assertThat(ok(writer, "provider_credentials_revoke", args("credentialId", id))
          .get("revokedAt").isNull()).isFalse();
    }

    @Test
    void revokeWithAReadOnlyPatAsksForAdminWrite() {
      String id = upsertOpenAi(writer, "openai-" + SEQUENCE.incrementAndGet(), OPENAI_KEY);
      assertThat(error(reader, "provider_credentials_revoke", args("credentialId", id)))
          .contains("admin:write");
    }
  }
}
