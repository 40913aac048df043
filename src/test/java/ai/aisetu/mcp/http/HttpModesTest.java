package ai.aisetu.mcp.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sidecar mode, rate limiting, readiness, the legacy SSE transport and the transcript hook. */
final class HttpModesTest {
  HttpFixture fixture;
  McpHttpServer server;

  @BeforeEach
  void setUp() {
    fixture = new HttpFixture();
  }

  @AfterEach
  void tearDown() {
    if (server != null) server.close();
    fixture.close();
  }

  @Test
  void sidecarCallersPresentTheAccessTokenAndUseTheServersPat() throws IOException {
    var owner = fixture.signUp("owner@sidecar.test");
    String token = "s".repeat(40);
    server = fixture.start(HttpFixture.config().accessToken(token).build(), owner.secret(),
        (s, in, json) -> {});

    JsonNode whoami = new McpHttpClient(server.port(), token).initialize().tool("whoami", Map.of());
    assertThat(whoami.at("/structuredContent/tenant/id").asText()).isEqualTo(owner.tenant().id());

    String otherPat = fixture.signUp("other@sidecar.test").secret();
    RawHttp.Response withPat = new McpHttpClient(server.port(), otherPat).initializeRaw();
    assertThat(withPat.status()).isEqualTo(401);
    assertThat(new McpHttpClient(server.port(), "t".repeat(40)).initializeRaw().status()).isEqualTo(401);
  }

  @Test
  void aShortOrEmptyAccessTokenIsRefusedAtStart() {
    assertThatThrownBy(() -> HttpFixture.config().accessToken("").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AI_SETU_MCP_HTTP_TOKEN");
    assertThatThrownBy(() -> HttpFixture.config().accessToken("short").build())
        .hasMessageContaining("32");
  }

  @Test
  void toolCallsBeyondTheRateAreRefusedWithRetryAfter() throws IOException {
    String pat = fixture.signUp("busy@rate.test").secret();
    server = fixture.start(HttpFixture.config().toolCallsPerMinute(3).build(), null, (s, in, j) -> {});
    McpHttpClient client = new McpHttpClient(server.port(), pat).initialize();
    for (int i = 0; i < 3; i++) client.tool("whoami", Map.of());

    RawHttp.Response limited = client.post(client.request("tools/call",
        RawHttp.JSON.readTree("{\"name\":\"whoami\",\"arguments\":{}}")).toString());
    assertThat(limited.status()).isEqualTo(429);
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
    assertThat(limited.json().at("/error/message").asText()).contains("3 tool calls per minute");

    // Other callers have their own bucket; listing is not a tool call.
    assertThat(client.call("tools/list", null).has("result")).isTrue();
    String other = fixture.signUp("calm@rate.test").secret();
    assertThat(new McpHttpClient(server.port(), other).initialize().tool("whoami", Map.of())
        .path("isError").asBoolean()).isFalse();
  }

  @Test
  void readinessFollowsTheControlPlane() throws IOException {
    server = fixture.start(HttpFixture.config().build(), null, (s, in, j) -> {});
    RawHttp http = new RawHttp(server.port());
    assertThat(http.send("GET", "/readyz", Map.of(), (String) null).status()).isEqualTo(200);
    fixture.plane.close();
    // The readiness answer is cached for 2 s; the liveness answer does not depend on the plane.
    assertThat(http.send("GET", "/healthz", Map.of(), (String) null).status()).isEqualTo(200);
    long deadline = System.nanoTime() + 10_000_000_000L;
    int status = 200;
    while (status == 200 && System.nanoTime() < deadline) {
      status = http.send("GET", "/readyz", Map.of(), (String) null).status();
    }
    assertThat(status).isEqualTo(503);
  }

  @Test
  void legacySseSessionsWorkAndAreBoundToTheirCaller() throws Exception {
    String pat = fixture.signUp("legacy@sse.test").secret();
    String otherPat = fixture.signUp("intruder@sse.test").secret();
    server = fixture.start(HttpFixture.config().build(), null, (s, in, j) -> {});
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/sse"))
        .header("Authorization", "Bearer " + pat)
        .header("Accept", "text/event-stream")
        .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    try (BufferedReader events = new BufferedReader(
        new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      String endpoint = nextData(events);
      assertThat(endpoint).startsWith("/message?sessionId=");

      RawHttp raw = new RawHttp(server.port());
      Map<String, String> headers = Map.of("Authorization", "Bearer " + pat,
          "Content-Type", "application/json");
      String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
          + "{\"protocolVersion\":\"2024-11-05\",\"capabilities\":{},\"clientInfo\":{\"name\":\"old\",\"version\":\"1\"}}}";
      assertThat(raw.send("POST", endpoint, headers, initialize).status()).isEqualTo(200);
      assertThat(RawHttp.JSON.readTree(nextData(events)).at("/result/serverInfo/name").asText())
          .isEqualTo("ai-setu-mcp");

      RawHttp.Response hijack = raw.send("POST", endpoint,
          Map.of("Authorization", "Bearer " + otherPat, "Content-Type", "application/json"),
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
      assertThat(hijack.status()).isEqualTo(404);

      raw.send("POST", endpoint, headers, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      raw.send("POST", endpoint, headers,
          "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\",\"arguments\":{}}}");
      JsonNode whoami = RawHttp.JSON.readTree(nextData(events));
      assertThat(whoami.at("/result/structuredContent/user/email").asText()).isEqualTo("legacy@sse.test");
    }
  }

  private static String nextData(BufferedReader events) throws IOException {
    String line;
    while ((line = events.readLine()) != null) {
      if (line.startsWith("data:")) return line.substring(5).strip();
    }
    throw new IOException("the event stream ended");
  }

  @Test
  void everyMessageInAndOutReachesTheObserverUnderItsSession() throws IOException {
    String pat = fixture.signUp("audit@transcript.test").secret();
    List<String> seen = new CopyOnWriteArrayList<>();
    server = fixture.start(HttpFixture.config().build(), null,
        (session, inbound, json) -> seen.add(session + (inbound ? " in " : " out ") + json));
    McpHttpClient client = new McpHttpClient(server.port(), pat).initialize();
    client.tool("whoami", Map.of());

    String s = client.sessionId;
    assertThat(seen).anySatisfy(line -> assertThat(line).startsWith(s + " in ").contains("\"initialize\""));
    assertThat(seen).anySatisfy(line -> assertThat(line).startsWith(s + " out ").contains("serverInfo"));
    assertThat(seen).anySatisfy(line -> assertThat(line).startsWith(s + " in ").contains("notifications/initialized"));
    assertThat(seen).anySatisfy(line -> assertThat(line).startsWith(s + " in ").contains("tools/call"));
    assertThat(seen).anySatisfy(line -> assertThat(line).startsWith(s + " out ").contains("audit@transcript.test"));
    assertThat(seen).allSatisfy(line -> assertThat(line).startsWith(s + " "));
  }

  @Test
  void outgoingMessagesReachTheClientRewrittenPerSession() throws IOException {
    String pat = fixture.signUp("secret@redaction.test").secret();
    List<String> observed = new CopyOnWriteArrayList<>();
    server = McpHttpServer.create(fixture.options(null), fixture.catalogue(), fixture.admin,
        HttpFixture.config().build(), (session, inbound, json) -> observed.add(json),
        (session, json) -> json.replace("secret@redaction.test", "s…@redaction.test")).start();
    McpHttpClient client = new McpHttpClient(server.port(), pat).initialize();

    JsonNode whoami = client.tool("whoami", Map.of());
    assertThat(whoami.toString()).doesNotContain("secret@redaction.test").contains("s…@redaction.test");
    assertThat(observed).anySatisfy(json -> assertThat(json).contains("secret@redaction.test"));
  }
}
