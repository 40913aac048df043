package ai.aisetu.mcp.http;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.admin.model.LoginResult;
import ai.aisetu.mcp.stdio.MessageObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a Streamable HTTP session holds is freed when it ends: after {@code DELETE}, and after the
 * idle timeout with no request; the gate's binding, the server's session state and the observer's
 * (transcript, redactor) all go, and the id is refused with 404 from then on.
 */
final class HttpSessionLifecycleTest {
  private HttpFixture fixture;
  private LoginResult caller;
  private final List<String> ended = new CopyOnWriteArrayList<>();
  private final MessageObserver observer = new MessageObserver() {
    @Override
    public void onMessage(String sessionId, boolean inbound, String json) {}

    @Override
    public void sessionEnded(String sessionId) {
      ended.add(sessionId);
    }
  };

  @BeforeEach
  void start() {
    fixture = new HttpFixture();
    caller = fixture.signUp("lifecycle@example.com");
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void deleteFreesTheSessionEverywhere() throws Exception {
    try (McpHttpServer server = fixture.start(HttpFixture.config().build(), null, observer)) {
      McpHttpClient client = new McpHttpClient(server.port(), caller.secret()).initialize();
      client.tool("whoami", Map.of());
      assertThat(server.sessionCount()).isEqualTo(1);
      assertThat(server.sessionStateCount()).isEqualTo(1);
      assertThat(server.sdkSessionCount()).isEqualTo(1);

      RawHttp.Response deleted = client.http.send("DELETE", "/mcp", client.headers(), (byte[]) null);

      assertThat(deleted.status()).isLessThan(300);
      assertThat(server.sessionCount()).isZero();
      assertThat(server.sessionStateCount()).isZero();
      assertThat(server.sdkSessionCount()).isZero();
      assertThat(ended).containsExactly(client.sessionId);
      assertThat(client.post("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}").status()).isEqualTo(404);
    }
  }

  @Test
  void anIdleSessionExpiresAndIsFreed() throws Exception {
    HttpServerConfig config = HttpFixture.config().sessionIdleTimeout(Duration.ofMillis(300)).build();
    try (McpHttpServer server = fixture.start(config, null, observer)) {
      McpHttpClient client = new McpHttpClient(server.port(), caller.secret()).initialize();
      client.tool("whoami", Map.of());

      awaitZero(server::sessionCount, Duration.ofSeconds(5));

      assertThat(server.sessionStateCount()).isZero();
      assertThat(server.sdkSessionCount()).isZero();
      assertThat(ended).containsExactly(client.sessionId);
      assertThat(client.post("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}").status()).isEqualTo(404);
      McpHttpClient again = new McpHttpClient(server.port(), caller.secret()).initialize();
      assertThat(again.tool("whoami", Map.of()).path("isError").asBoolean()).isFalse();
    }
  }

  @Test
  void aSessionInUseDoesNotExpire() throws Exception {
    HttpServerConfig config = HttpFixture.config().sessionIdleTimeout(Duration.ofMillis(400)).build();
    try (McpHttpServer server = fixture.start(config, null, observer)) {
      McpHttpClient client = new McpHttpClient(server.port(), caller.secret()).initialize();
      long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
      while (System.nanoTime() < end) {
        assertThat(client.call("ping", null).has("result")).isTrue();
        Thread.sleep(100); // Use the session well within its idle timeout.
      }
      assertThat(server.sessionCount()).isEqualTo(1);
      assertThat(ended).isEmpty();
    }
  }

  @Test
  void sweepPeriodIsAQuarterOfTheTimeoutWithinBounds() {
    assertThat(McpHttpServer.sweepPeriod(Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(1));
    assertThat(McpHttpServer.sweepPeriod(Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(500));
    assertThat(McpHttpServer.sweepPeriod(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(50));
  }

  private static void awaitZero(IntSupplier count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count.getAsInt() != 0 && System.nanoTime() < deadline) Thread.sleep(25);
    assertThat(count.getAsInt()).as("sessions left after %s", timeout).isZero();
  }
}
