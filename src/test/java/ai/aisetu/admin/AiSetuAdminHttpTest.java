package ai.aisetu.admin;

import static ai.aisetu.admin.AiSetuAdminConfigTest.OTHER_PAT;
import static ai.aisetu.admin.AiSetuAdminConfigTest.PAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.aisetu.admin.model.ApiKey;
import ai.aisetu.admin.model.Member;
import ai.aisetu.admin.model.MemberStatus;
import ai.aisetu.admin.model.Provider;
import ai.aisetu.admin.model.Role;
import ai.aisetu.admin.model.UpsertProviderCredentialInput;
import ai.aisetu.admin.model.Viewer;
import ai.aisetu.admin.model.Workspace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link AiSetuAdmin} over a real socket against MockWebServer. */
class AiSetuAdminHttpTest {
  static final String WORKSPACE_JSON = """
      {"id":"ws_1","tenantId":"tn_1","name":"default","createdAt":"2026-12-04T10:15:30Z"}""";
  static final String WORKSPACES = "{\"data\":{\"workspaces\":[" + WORKSPACE_JSON + "]}}";
  static final String CREATED_WORKSPACE = "{\"data\":{\"createWorkspace\":" + WORKSPACE_JSON + "}}";

  private final ObjectMapper json = new ObjectMapper();
  private MockWebServer server;
  private AiSetuAdmin admin;

  @BeforeEach
  void setUp() throws IOException {
    server = new MockWebServer();
    server.start();
    admin = client().build();
  }

  @AfterEach
  void tearDown() {
    admin.close();
    server.close();
  }

  private AiSetuAdmin.Builder client() {
    return AiSetuAdmin.builder()
        .environment(Map.of())
        .baseUrl(server.url("/").toString())
        .pat(PAT);
  }

  private static MockResponse ok(String body) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static MockResponse status(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a recorded request").isNotNull();
    return request;
  }

  private JsonNode body(RecordedRequest request) throws IOException {
    return json.readTree(request.getBody().utf8());
  }

  @Test
  void postsTheOperationAsJsonWithHeaders() throws Exception {
    server.enqueue(ok(CREATED_WORKSPACE));

    Workspace workspace = admin.workspaces().create("staging");

    assertThat(workspace).isEqualTo(
        new Workspace("ws_1", "tn_1", "default", Instant.parse("2026-12-04T10:15:30Z")));
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/graphql");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + PAT);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("User-Agent"))
        .matches("ai-setu-mcp/[^ ]+ \\(java/" + System.getProperty("java.version") + "\\)");
    JsonNode body = body(request);
    assertThat(body.get("operationName").asText()).isEqualTo("WorkspacesCreate");
    assertThat(body.get("query").asText())
        .isEqualTo(Operations.WORKSPACES_CREATE.document())
        .startsWith("mutation WorkspacesCreate($name: String!)");
    assertThat(body.get("variables")).isEqualTo(json.readTree("{\"name\":\"staging\"}"));
  }

  @Test
  void prepareSendsNothingAndTheFirstCallStillWorks() throws Exception {
    admin.prepare();
    admin.withPat(PAT).prepare(); // Shares the prepared client; again is harmless.
    assertThat(server.getRequestCount()).isZero();

    server.enqueue(ok(WORKSPACES));
    assertThat(admin.workspaces().list())
        .containsExactly(new Workspace("ws_1", "tn_1", "default", Instant.parse("2026-12-04T10:15:30Z")));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(take().getConnectionIndex()).isZero();
  }

  @Test
  void userAgentSuffixIsAppended() throws Exception {
    server.enqueue(ok(WORKSPACES));
    try (AiSetuAdmin suffixed = client().userAgentSuffix("claude-code/1.2").build()) {
      suffixed.workspaces().list();
    }
    assertThat(take().getHeaders().get("User-Agent")).endsWith(") claude-code/1.2");
  }

  @Test
  void noAuthorizationHeaderWithoutAPat() throws Exception {
    server.enqueue(ok("{\"data\":{\"requestLoginCode\":{\"sent\":true,\"expiresInSeconds\":600}}}"));

    assertThat(admin.withoutPat().requestLoginCode("a@example.com").expiresInSeconds()).isEqualTo(600);

    RecordedRequest request = take();
    assertThat(request.getHeaders().get("Authorization")).isNull();
    assertThat(body(request).get("variables")).isEqualTo(json.readTree("{\"email\":\"a@example.com\"}"));
  }

  @Test
  void nullArgumentsAreLeftOutSoSchemaDefaultsApply() throws Exception {
    server.enqueue(ok("""
        {"data":{"inviteMember":{"id":"m_1","workspaceId":"ws_1","email":"b@example.com",
        "role":"MEMBER","status":"INVITED","invitedAt":"2026-12-04T10:15:30Z"}}}"""));

    Member member = admin.members().invite("ws_1", "b@example.com", null);

    assertThat(member.role()).isEqualTo(Role.MEMBER);
    assertThat(member.status()).isEqualTo(MemberStatus.INVITED);
    assertThat(body(take()).get("variables"))
        .isEqualTo(json.readTree("{\"workspaceId\":\"ws_1\",\"email\":\"b@example.com\"}"));
  }

  @Test
  void inputObjectIsSentWithoutItsNullFields() throws Exception {
    server.enqueue(ok("""
        {"data":{"upsertProviderCredential":{"id":"pc_1","provider":"OPENAI","slug":"openai-prod",
        "keyHint":"wxyz","awsAccessKeyId":null,"awsRegion":null,"createdAt":"2026-12-04T10:15:30Z",
        "updatedAt":"2026-12-04T10:15:30Z","lastTestedAt":null,"revokedAt":null}}}"""));

    admin.providerCredentials().upsert(UpsertProviderCredentialInput.builder(Provider.OPENAI)
        .slug("openai-prod")
        .apiKey("sk-test-0123456789wxyz")
        .build());

    assertThat(body(take()).get("variables")).isEqualTo(json.readTree("""
        {"input":{"provider":"OPENAI","slug":"openai-prod","apiKey":"sk-test-0123456789wxyz"}}"""));
  }

  @Test
  void nestedRecordsAndNullableFieldsDecode() throws Exception {
    server.enqueue(ok("""
        {"data":{"viewer":{"user":{"id":"u_1","email":"a@example.com","createdAt":"2026-12-01T00:00:00Z"},
        "tenant":{"id":"tn_1","name":"Acme","createdAt":"2026-12-01T00:00:00Z"},
        "patId":"pat_1","scopes":["admin:read","admin:write"]}}}"""));
    server.enqueue(ok("""
        {"data":{"apiKeys":[{"id":"k_1","workspaceId":"ws_1","name":"CI","keyHint":"abcd",
        "createdAt":"2026-12-01T00:00:00Z","lastUsedAt":null,"revokedAt":null}]}}"""));

    Viewer viewer = admin.viewer();
    List<ApiKey> keys = admin.apiKeys().list("ws_1");

    assertThat(viewer.tenant().name()).isEqualTo("Acme");
    assertThat(viewer.scopes()).containsExactly("admin:read", "admin:write");
    assertThat(keys).singleElement().satisfies(k -> {
      assertThat(k.keyHint()).isEqualTo("abcd");
      assertThat(k.revokedAt()).isNull();
    });
  }

  @Test
  void http401IsAnHttpErrorWithTheServerMessage() {
    server.enqueue(status(401, """
        {"errors":[{"message":"The token is revoked. Mint a new PAT.","extensions":{"code":"UNAUTHENTICATED"}}]}"""));

    AdminHttpError error = catchThrowableOfType(AdminHttpError.class, () -> admin.workspaces().list());

    assertThat(error.status()).isEqualTo(401);
    assertThat(error.serverMessage()).isEqualTo("The token is revoked. Mint a new PAT.");
    assertThat(error.getMessage())
        .isEqualTo("WorkspacesList failed with HTTP 401: The token is revoked. Mint a new PAT.");
    assertThat(error.operationName()).isEqualTo("WorkspacesList");
  }

  @Test
  void nonJsonErrorBodyIsAnHttpErrorWithoutServerMessage() {
    server.enqueue(new MockResponse.Builder().code(500).body("<html>oops</html>").build());

    AdminHttpError error = catchThrowableOfType(AdminHttpError.class, () -> admin.workspaces().create("x"));

    assertThat(error.status()).isEqualTo(500);
    assertThat(error.serverMessage()).isNull();
  }

  @Test
  void graphQLErrorCarriesItsCodeMessageAndPath() {
    server.enqueue(ok("""
        {"data":null,"errors":[{"message":"This PAT has admin:read only; mint one with admin:write.",
        "path":["createWorkspace"],"extensions":{"code":"UNAUTHORIZED"}}]}"""));

    AdminGraphQLError error =
        catchThrowableOfType(AdminGraphQLError.class, () -> admin.workspaces().create("staging"));

    assertThat(error.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(error.message()).isEqualTo("This PAT has admin:read only; mint one with admin:write.");
    assertThat(error.path()).containsExactly("createWorkspace");
    assertThat(error.field()).isNull();
    assertThat(error.retryAfterSeconds()).isNull();
  }

  @Test
  void graphQLErrorCarriesFieldAndRetryAfter() {
    server.enqueue(ok("""
        {"errors":[{"message":"Too many attempts.","path":["verifyLoginCode"],
        "extensions":{"code":"RATE_LIMITED","retryAfterSeconds":42,"field":"code"}}]}"""));
    server.enqueue(ok("""
        {"errors":[{"message":"Odd.","extensions":{"code":"SOMETHING_NEW"}}]}"""));

    AdminGraphQLError limited = catchThrowableOfType(AdminGraphQLError.class,
        () -> admin.verifyLoginCode("a@example.com", "123456", null, null));
    AdminGraphQLError unknown = catchThrowableOfType(AdminGraphQLError.class, () -> admin.viewer());

    assertThat(limited.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(limited.retryAfterSeconds()).isEqualTo(42);
    assertThat(limited.field()).isEqualTo("code");
    assertThat(unknown.code()).isEqualTo(ErrorCode.UNKNOWN);
  }

  @Test
  void bodyThatIsNotJsonIsMalformed() {
    server.enqueue(ok("{\"data\": {\"workspaces\": [tt_live_"));

    AdminTransportError error =
        catchThrowableOfType(AdminTransportError.class, () -> admin.workspaces().list());

    assertThat(error.kind()).isEqualTo(AdminTransportError.Kind.MALFORMED_RESPONSE);
    assertThat(error.getMessage()).startsWith("WorkspacesList: the response body is not valid JSON");
  }

  @Test
  void bodyWithoutDataIsMalformed() {
    server.enqueue(ok("{\"extensions\":{}}"));

    assertThatThrownBy(() -> admin.workspaces().list())
        .isInstanceOfSatisfying(AdminTransportError.class,
            e -> assertThat(e.kind()).isEqualTo(AdminTransportError.Kind.MALFORMED_RESPONSE))
        .hasMessage("WorkspacesList: the response has no data");
  }

  @Test
  void bodyOfTheWrongShapeIsMalformed() {
    server.enqueue(ok("{\"data\":{\"workspaces\":[{\"id\":\"ws_1\",\"createdAt\":\"yesterday\"}]}}"));

    assertThatThrownBy(() -> admin.workspaces().list())
        .isInstanceOfSatisfying(AdminTransportError.class,
            e -> assertThat(e.kind()).isEqualTo(AdminTransportError.Kind.MALFORMED_RESPONSE))
        .hasMessageContaining("workspaces does not match Workspace")
        .hasMessageContaining("createdAt");
  }

  @Test
  void truncatedBodyIsATransportError() {
    server.enqueue(new MockResponse.Builder()
        .code(200)
        .body(WORKSPACES)
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
        .build());

    try (AiSetuAdmin noRetries = client().maxRetries(0).build()) {
      AdminTransportError error =
          catchThrowableOfType(AdminTransportError.class, () -> noRetries.workspaces().list());

      assertThat(error.kind()).isEqualTo(AdminTransportError.Kind.IO);
      assertThat(error.getMessage()).startsWith("WorkspacesList failed on the connection");
    }
  }

  @Test
  void refusedConnectionIsAConnectError() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (AiSetuAdmin unreachable = client().baseUrl("http://127.0.0.1:" + closedPort).maxRetries(1).build()) {
      long start = System.nanoTime();
      AdminTransportError error =
          catchThrowableOfType(AdminTransportError.class, () -> unreachable.workspaces().list());

      assertThat(error.kind()).isEqualTo(AdminTransportError.Kind.CONNECT);
      assertThat(error.getMessage()).startsWith("WorkspacesList could not connect to the control plane");
      // One retry, after the 100 ms backoff.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }
  }

  @Test
  void slowServerIsATimeout() {
    server.enqueue(new MockResponse.Builder().body(WORKSPACES).headersDelay(2, TimeUnit.SECONDS).build());

    try (AiSetuAdmin impatient = client().readTimeout(Duration.ofMillis(200)).maxRetries(0).build()) {
      AdminTransportError error =
          catchThrowableOfType(AdminTransportError.class, () -> impatient.workspaces().list());

      assertThat(error.kind()).isEqualTo(AdminTransportError.Kind.TIMEOUT);
      assertThat(error.getMessage()).startsWith("WorkspacesList timed out");
    }
  }

  @Test
  void callTimeoutIsATimeout() {
    server.enqueue(new MockResponse.Builder().body(WORKSPACES).headersDelay(2, TimeUnit.SECONDS).build());

    try (AiSetuAdmin impatient = client().callTimeout(Duration.ofMillis(200)).maxRetries(0).build()) {
      assertThatThrownBy(() -> impatient.workspaces().list())
          .isInstanceOfSatisfying(AdminTransportError.class,
              e -> assertThat(e.kind()).isEqualTo(AdminTransportError.Kind.TIMEOUT));
    }
  }

  @Test
  void twentySequentialCallsShareOneConnection() throws Exception {
    for (int i = 0; i < 20; i++) server.enqueue(ok(WORKSPACES));

    for (int i = 0; i < 20; i++) assertThat(admin.workspaces().list()).hasSize(1);

    for (int i = 0; i < 20; i++) {
      RecordedRequest request = take();
      assertThat(request.getConnectionIndex()).as("connection of call " + i).isZero();
      assertThat(request.getExchangeIndex()).isEqualTo(i);
    }
  }

  @Test
  void clientsWithOtherPatsShareTheConnection() throws Exception {
    server.enqueue(ok(WORKSPACES));
    server.enqueue(ok(WORKSPACES));

    admin.workspaces().list();
    admin.withPat(OTHER_PAT).workspaces().list();

    RecordedRequest first = take();
    RecordedRequest second = take();
    assertThat(second.getHeaders().get("Authorization")).isEqualTo("Bearer " + OTHER_PAT);
    assertThat(second.getConnectionIndex()).isEqualTo(first.getConnectionIndex());
    assertThat(second.getExchangeIndex()).isEqualTo(1);
  }

  @Test
  void cancellingStopsTheCallPromptly() {
    server.enqueue(new MockResponse.Builder().body(WORKSPACES).headersDelay(5, TimeUnit.SECONDS).build());
    Cancellation cancellation = Cancellation.create();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      scheduler.schedule(cancellation::cancel, 100, TimeUnit.MILLISECONDS);
      long start = System.nanoTime();

      Throwable thrown = catchThrowableOfType(AdminCancelledException.class,
          () -> admin.workspaces().list(cancellation));

      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      System.out.println("cancelled call returned after " + elapsed.toMillis() + " ms");
      assertThat(thrown).isInstanceOf(AdminTransportError.class);
      assertThat(((AdminTransportError) thrown).kind()).isEqualTo(AdminTransportError.Kind.CANCELLED);
      assertThat(elapsed).isLessThan(Duration.ofMillis(800));
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void callOnACancelledCancellationSendsNothing() {
    Cancellation cancellation = Cancellation.create();
    cancellation.cancel();

    assertThatThrownBy(() -> admin.workspaces().create("x", cancellation))
        .isInstanceOf(AdminCancelledException.class)
        .hasMessage("WorkspacesCreate was cancelled");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void queryIsRetriedOn503AndSucceeds() throws Exception {
    server.enqueue(status(503, "{}"));
    server.enqueue(ok(WORKSPACES));

    assertThat(admin.workspaces().list()).hasSize(1);

    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void queryRetriesAreBounded() {
    for (int i = 0; i < 5; i++) server.enqueue(status(502, "{}"));

    assertThatThrownBy(() -> admin.workspaces().list())
        .isInstanceOfSatisfying(AdminHttpError.class, e -> assertThat(e.status()).isEqualTo(502));
    assertThat(server.getRequestCount()).isEqualTo(3); // The call and two retries.
  }

  @Test
  void mutationIsNotRetriedOn503() {
    server.enqueue(status(503, "{}"));
    server.enqueue(ok(CREATED_WORKSPACE));

    assertThatThrownBy(() -> admin.workspaces().create("staging"))
        .isInstanceOfSatisfying(AdminHttpError.class, e -> assertThat(e.status()).isEqualTo(503));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void mutationIsNotRetriedWhenTheConnectionDropsAfterSending() {
    server.enqueue(new MockResponse.Builder()
        .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
        .build());
    server.enqueue(ok(CREATED_WORKSPACE));

    assertThatThrownBy(() -> admin.workspaces().create("staging"))
        .isInstanceOfSatisfying(AdminTransportError.class,
            e -> assertThat(e.kind()).isEqualTo(AdminTransportError.Kind.IO));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void queryIsRetriedWhenTheConnectionDrops() {
    server.enqueue(new MockResponse.Builder()
        .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
        .build());
    server.enqueue(ok(WORKSPACES));

    assertThat(admin.workspaces().list()).hasSize(1);
  }

  @Test
  void cancellingDuringTheBackoffStopsTheRetries() {
    server.enqueue(status(503, "{}"));
    server.enqueue(ok(WORKSPACES));
    Cancellation cancellation = Cancellation.create();

    try (AiSetuAdmin slowRetries = AiSetuAdmin.builder()
        .environment(Map.of("AI_SETU_PAT", PAT, "AI_SETU_API_BASE_URL", server.url("/").toString()))
        .build()) {
      // Cancel as soon as the first attempt has been answered: the backoff must end at once.
      server.setDispatcher(new mockwebserver3.Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          cancellation.cancel();
          return status(503, "{}");
        }
      });
      long start = System.nanoTime();
      assertThatThrownBy(() -> slowRetries.workspaces().list(cancellation))
          .isInstanceOf(AdminCancelledException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }
}
