package ai.aisetu.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.admin.model.LoginResult;
import ai.aisetu.admin.model.Workspace;
import ai.aisetu.local.LocalControlPlane;
import ai.aisetu.robustness.FaultProxy.Fault;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The control plane misbehaves between the MCP server (a child process on real stdio, driven by
 * the SDK client) and the local control plane, through a {@link FaultProxy}. One session serves
 * every fault in turn, so each test also proves the session survived the one before.
 *
 * <p>For each fault: the tool result is an {@code isError} saying what to do; reads are retried
 * at most twice (three requests) on 502/503/504 and broken connections; a mutation reaches the
 * control plane at most once and is applied at most once (checked on the plane itself); the next
 * call succeeds; and nothing the server wrote holds the PAT or a stack trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class ControlPlaneFaultsTest {
  private static final Duration READ_TIMEOUT = Duration.ofMillis(1200);
  /** One attempt plus the admin transport's two retries. */
  private static final int MAX_READ_ATTEMPTS = 3;

  @TempDir static Path temp;
  private LocalControlPlane plane;
  private FaultProxy proxy;
  private McpServerProcess server;
  private McpSyncClient client;
  private LoginResult account;
  private AiSetuAdmin direct;
  private final AtomicInteger names = new AtomicInteger();
  private int faults;

  @BeforeAll
  void start() throws Exception {
    plane = LocalControlPlane.builder().inMemory().build().start();
    account = Accounts.signUp(plane, "faults@example.com");
    direct = Accounts.admin(plane.baseUri().toString(), account.secret());
    proxy = FaultProxy.start(plane.baseUri());
    server = McpServerProcess.builder(proxy.baseUri().toString())
        .pat(account.secret())
        .readTimeout(READ_TIMEOUT)
        .transcript(Files.createDirectories(temp.resolve("transcripts")).resolve("faults.jsonl"), 1 << 20)
        .start();
    client = server.client();
  }

  @BeforeEach
  void resetProxy() {
    proxy.clear();
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (client != null) client.closeGracefully();
      if (server != null) {
        server.close();
        String written = server.everythingWritten();
        assertThat(written).as("no PAT anywhere the server wrote").doesNotContain(account.secret());
        assertThat(McpServerProcess.STACK_TRACE.matcher(written).find())
            .as("no stack trace anywhere the server wrote:\n%s", written).isFalse();
      }
    } finally {
      if (proxy != null) proxy.close();
      if (direct != null) direct.close();
      if (plane != null) plane.close();
      RobustnessSummary.cases("control-plane faults", faults, 0);
      RobustnessSummary.note("control-plane faults: read timeout " + READ_TIMEOUT.toMillis()
          + " ms; reads at most " + MAX_READ_ATTEMPTS + " requests; mutations exactly 1 request");
      RobustnessSummary.write();
    }
  }

  @ParameterizedTest(name = "HTTP {0} on every attempt")
  @ValueSource(ints = {502, 503, 504})
  @Order(1)
  void readGivesUpAfterBoundedRetriesOnGatewayErrors(int status) {
    proxy.script(Fault.status(status), Fault.status(status), Fault.status(status), Fault.status(status));

    String error = callError("workspaces_list", Map.of());

    assertThat(error).contains("HTTP " + status).contains("try again");
    assertThat(proxy.count("WorkspacesList")).isEqualTo(MAX_READ_ATTEMPTS);
    assertNextCallSucceeds();
  }

  @ParameterizedTest(name = "{0} once")
  @ValueSource(strings = {"502", "503", "504", "reset", "truncate"})
  @Order(2)
  void readSucceedsWhenARetryGetsThrough(String once) {
    proxy.script(switch (once) {
      case "reset" -> Fault.resetMidBody();
      case "truncate" -> Fault.truncate();
      default -> Fault.status(Integer.parseInt(once));
    });

    McpSchema.CallToolResult result = call("workspaces_list", Map.of());

    assertThat(result.isError()).as(text(result)).isFalse();
    assertThat(proxy.count("WorkspacesList")).isEqualTo(2);
  }

  @Test
  @Order(3)
  void internalServerErrorIsNotRetried() {
    proxy.script(Fault.status(500), Fault.status(500));

    String error = callError("workspaces_list", Map.of());

    assertThat(error).contains("HTTP 500").contains("try again later");
    assertThat(proxy.count("WorkspacesList")).isEqualTo(1);
    assertNextCallSucceeds();
  }

  @Test
  @Order(4)
  void slowControlPlaneTimesOutWithinTheReadTimeout() {
    proxy.script(Fault.delay(READ_TIMEOUT.plusMillis(800)));
    long started = System.nanoTime();

    String error = callError("workspaces_list", Map.of());

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(error).contains("did not answer in time").contains("try again");
    assertThat(took).isLessThan(READ_TIMEOUT.multipliedBy(MAX_READ_ATTEMPTS).plusSeconds(2));
    assertThat(proxy.count("WorkspacesList")).isBetween(1, MAX_READ_ATTEMPTS);
    assertNextCallSucceeds();
  }

  @Test
  @Order(5)
  void brokenBodiesOnEveryAttemptGiveAClearError() {
    proxy.script(Fault.resetMidBody(), Fault.truncate(), Fault.resetMidBody(), Fault.truncate());

    String error = callError("workspaces_list", Map.of());

    assertThat(error).contains("control plane");
    assertThat(proxy.count("WorkspacesList")).isEqualTo(MAX_READ_ATTEMPTS);
    assertNextCallSucceeds();
  }

  @Test
  @Order(6)
  void nonJsonAnswerSaysTheBaseUrlMayBeWrong() {
    proxy.script(Fault.nonJson(), Fault.nonJson());

    String error = callError("workspaces_list", Map.of());

    assertThat(error).contains("not its GraphQL API").contains("base URL");
    assertThat(proxy.count("WorkspacesList")).isEqualTo(1);
    assertNextCallSucceeds();
  }

  @ParameterizedTest(name = "{0} after the commit")
  @ValueSource(strings = {"502", "503", "504", "500", "reset", "truncate", "timeout"})
  @Order(7)
  void mutationIsAppliedExactlyOnceWhenTheAnswerIsLost(String fault) throws Exception {
    proxy.script(switch (fault) {
      case "reset" -> Fault.resetMidBody();
      case "truncate" -> Fault.truncate();
      case "timeout" -> Fault.delay(READ_TIMEOUT.plusMillis(500));
      default -> Fault.statusAfterForward(Integer.parseInt(fault));
    });
    String name = "lost-answer-" + names.incrementAndGet();

    String error = callError("workspaces_create", Map.of("name", name));

    assertThat(error).containsAnyOf("control plane", "in time");
    assertThat(proxy.count("WorkspacesCreate")).as(proxy.operations().toString()).isEqualTo(1);
    awaitForwarded("WorkspacesCreate", 1);
    assertThat(workspacesNamed(name)).as("created exactly once").isEqualTo(1);
    // The model retries: the plane says the name is taken, and nothing is created twice.
    String retry = callError("workspaces_create", Map.of("name", name));
    assertThat(retry).contains("conflict");
    assertThat(workspacesNamed(name)).isEqualTo(1);
  }

  @ParameterizedTest(name = "HTTP {0} before the control plane")
  @ValueSource(ints = {502, 503, 504})
  @Order(8)
  void mutationIsNotRetriedWhenItFailsBeforeTheControlPlane(int status) {
    proxy.script(Fault.status(status));
    String name = "not-applied-" + names.incrementAndGet();

    String error = callError("workspaces_create", Map.of("name", name));

    assertThat(error).contains("HTTP " + status);
    assertThat(proxy.count("WorkspacesCreate")).isEqualTo(1);
    assertThat(workspacesNamed(name)).isZero();
    McpSchema.CallToolResult again = call("workspaces_create", Map.of("name", name));
    assertThat(again.isError()).as(text(again)).isFalse();
    assertThat(workspacesNamed(name)).isEqualTo(1);
  }

  @Test
  @Order(9)
  void refusedConnectionSaysTheControlPlaneIsUnreachable() throws Exception {
    proxy.refuseConnections();
    try {
      String error = callError("workspaces_list", Map.of());
      assertThat(error).contains("could not reach the control plane").contains("is it running");
      String mutation = callError("workspaces_create", Map.of("name", "refused-" + names.incrementAndGet()));
      assertThat(mutation).contains("could not reach the control plane");
    } finally {
      proxy.acceptConnections();
    }
    assertNextCallSucceeds();
  }

  /** Last: the session's PAT stays revoked. */
  @Test
  @Order(10)
  void patRevokedMidSessionAsksForANewOne() {
    assertNextCallSucceeds();
    direct.pats().revoke(account.token().id());
    proxy.clear();

    String error = callError("workspaces_list", Map.of());

    assertThat(error).contains("revoked or expired").contains("onboarding");
    assertThat(proxy.count("WorkspacesList")).isEqualTo(1);
    client.ping();
    assertThat(client.listTools().tools()).isNotEmpty();
    assertThat(callError("workspaces_create", Map.of("name", "after-revoke"))).contains("revoked or expired");
  }

  private McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
    faults++;
    McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    String text = text(result);
    assertThat(text).doesNotContain(account.secret());
    assertThat(McpServerProcess.STACK_TRACE.matcher(text).find()).as(text).isFalse();
    return result;
  }

  private String callError(String tool, Map<String, Object> arguments) {
    McpSchema.CallToolResult result = call(tool, arguments);
    assertThat(result.isError()).as("isError for %s: %s", tool, text(result)).isTrue();
    return text(result);
  }

  private void assertNextCallSucceeds() {
    proxy.clear();
    McpSchema.CallToolResult result = call("workspaces_list", Map.of());
    assertThat(result.isError()).as(text(result)).isFalse();
    assertThat(proxy.count("WorkspacesList")).isEqualTo(1);
  }

  private long workspacesNamed(String name) {
    return direct.workspaces().list().stream().map(Workspace::name).filter(name::equals).count();
  }

  private void awaitForwarded(String operation, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (proxy.forwardedCount(operation) < count && System.nanoTime() < deadline) Thread.sleep(20);
  }

  private static String text(McpSchema.CallToolResult result) {
    return result.content().stream()
        .filter(McpSchema.TextContent.class::isInstance)
        .map(c -> ((McpSchema.TextContent) c).text())
        .collect(Collectors.joining("\n"));
  }
}
