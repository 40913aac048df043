package ai.aisetu.mcp.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP transport's security rules, each on the wire against the real local control plane. */
final class HttpSecurityTest {
  static HttpFixture fixture;
  static McpHttpServer server;
  static String alicePat;
  static String bobPat;
  static String aliceTenant;

  @BeforeAll
  static void start() {
    fixture = new HttpFixture();
    var alice = fixture.signUp("alice@security.test");
    alicePat = alice.secret();
    aliceTenant = alice.tenant().id();
    bobPat = fixture.signUp("bob@security.test").secret();
    server = fixture.start(HttpFixture.config().toolCallsPerMinute(1000).build(), null,
        (session, inbound, json) -> {});
  }

  @AfterAll
  static void stop() {
    server.close();
    fixture.close();
  }

  private static McpHttpClient client(String bearer) {
    return new McpHttpClient(server.port(), bearer);
  }

  @Test
  void bindsLoopbackUnlessTold() throws IOException {
    assertThat(InetAddress.getByName(server.address().getHostString()).isLoopbackAddress()).isTrue();
    InetAddress external = nonLoopbackAddress();
    if (external == null) return; // Only loopback here: nothing else to try.
    assertThatThrownBy(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(external, server.port()), 2_000);
      }
    }).isInstanceOf(IOException.class);
  }

  private static InetAddress nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) continue;
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address) return address;
      }
    }
    return null;
  }

  @Test
  void badOriginIsForbidden() throws IOException {
    McpHttpClient client = client(alicePat);
    Map<String, String> headers = client.headers();
    headers.put("Origin", "https://evil.example");
    RawHttp.Response response = client.http.send("POST", "/mcp", headers, "{}");
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.json().at("/error/message").asText()).contains("Origin");
  }

  @Test
  void loopbackOriginIsAllowed() throws IOException {
    McpHttpClient client = client(alicePat);
    Map<String, String> headers = client.headers();
    headers.put("Origin", "http://localhost:6274");
    client.sessionId = null;
    RawHttp.Response response = client.http.send("POST", "/mcp", headers,
        client.request("initialize", RawHttp.JSON.readTree(
            "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}")).toString());
    assertThat(response.status()).isEqualTo(200);
  }

  @Test
  void badHostIsForbiddenAgainstDnsRebinding() throws IOException {
    McpHttpClient client = client(alicePat);
    Map<String, String> headers = client.headers();
    headers.put("Host", "attacker.example:" + server.port());
    RawHttp.Response response = client.http.send("POST", "/mcp", headers, "{}");
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.json().at("/error/message").asText()).contains("Host");
  }

  @Test
  void missingBearerIsUnauthorizedWithChallenge() throws IOException {
    RawHttp.Response response = client(null).initializeRaw();
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer realm=");
  }

  @Test
  void unknownPatIsUnauthorized() throws IOException {
    RawHttp.Response response = client("tt_pat_" + "A".repeat(40)).initializeRaw();
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    assertThat(client("not-a-pat").initializeRaw().status()).isEqualTo(401);
  }

  @Test
  void anotherCallerCannotUseASession() throws IOException {
    McpHttpClient alice = client(alicePat).initialize();
    McpHttpClient mallory = client(bobPat);
    mallory.sessionId = alice.sessionId;

    RawHttp.Response post = mallory.post(mallory.request("tools/list", null).toString());
    assertThat(post.status()).isEqualTo(404);
    Map<String, String> get = mallory.headers();
    get.remove("Content-Type");
    get.put("Accept", "text/event-stream");
    assertThat(mallory.http.send("GET", "/mcp", get, (String) null).status()).isEqualTo(404);
    assertThat(mallory.http.send("DELETE", "/mcp", mallory.headers(), (String) null).status())
        .isEqualTo(404);

    JsonNode whoami = alice.tool("whoami", Map.of());
    assertThat(whoami.at("/structuredContent/tenant/id").asText()).isEqualTo(aliceTenant);
  }

  @Test
  void eachSessionUsesItsOwnCallersPat() throws IOException {
    JsonNode alice = client(alicePat).initialize().tool("whoami", Map.of());
    JsonNode bob = client(bobPat).initialize().tool("whoami", Map.of());
    assertThat(alice.at("/structuredContent/user/email").asText()).isEqualTo("alice@security.test");
    assertThat(bob.at("/structuredContent/user/email").asText()).isEqualTo("bob@security.test");
  }

  @Test
  void errorBodiesCarryNoInternals() throws IOException {
    McpHttpClient alice = client(alicePat).initialize();
    List<RawHttp.Response> responses = new ArrayList<>();
    responses.add(alice.post("{not json"));
    McpHttpClient noSession = client(alicePat);
    responses.add(noSession.post(noSession.request("tools/list", null).toString()));
    McpHttpClient unknown = client(alicePat);
    unknown.sessionId = "00000000-0000-0000-0000-000000000000";
    responses.add(unknown.post(unknown.request("tools/list", null).toString()));
    Map<String, String> wrongAccept = alice.headers();
    wrongAccept.put("Accept", "text/html");
    responses.add(alice.http.send("POST", "/mcp", wrongAccept, alice.request("tools/list", null).toString()));
    Map<String, String> wrongAcceptInit = client(alicePat).headers();
    wrongAcceptInit.put("Accept", "text/plain");
    responses.add(alice.http.send("POST", "/mcp", wrongAcceptInit, alice.request("initialize",
        RawHttp.JSON.readTree("{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}")).toString()));
    Map<String, String> wrongType = alice.headers();
    wrongType.put("Content-Type", "text/plain");
    responses.add(alice.http.send("POST", "/mcp", wrongType, alice.request("tools/list", null).toString()));
    responses.add(alice.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}"));
    responses.add(alice.post("{\"jsonrpc\":\"2.0\",\"id\":{\"x\":[1]},\"method\":\"tools/list\",\"params\":7}"));
    responses.add(alice.http.send("PUT", "/mcp", alice.headers(), "{}"));
    responses.add(alice.http.send("GET", "/nowhere", alice.headers(), (String) null));
    responses.add(alice.http.send("POST", "/message", alice.headers(), "{}"));

    for (RawHttp.Response response : responses) {
      assertThat(response.status()).as(response.body()).isBetween(400, 499);
      assertThat(response.body())
          .as("status %s", response.status())
          .doesNotContain("Exception", "stackTrace", "\tat ", "java.", "io.modelcontextprotocol",
              "jackson", "Unrecognized", "jetty");
      assertThat(response.header("content-type")).startsWith("application/json");
      assertThat(response.json().at("/error/message").asText()).isNotBlank();
      assertThat(response.header("server")).isNull();
    }
  }

  @Test
  void malformedHttpGetsNoServerDetail() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write("GARBAGE /\u0001 HTTP/9\r\n\r\n".getBytes());
      String answer = new String(socket.getInputStream().readAllBytes());
      assertThat(answer).startsWith("HTTP/1.1 4");
      assertThat(answer).doesNotContain("Exception", "jetty", "Jetty", "<html");
    }
  }

  @Test
  void oversizedBodyIsRefused() throws IOException {
    McpHttpClient alice = client(alicePat).initialize();
    String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"pad\":\""
        + "x".repeat(1024 * 1024 + 10) + "\"}}";
    RawHttp.Response response = alice.post(big);
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.json().at("/error/message").asText()).contains("1048576 bytes");
  }

  @Test
  void healthNeedsNoCredentialAndSaysNothing() throws IOException {
    RawHttp.Response health = new RawHttp(server.port()).send("GET", "/healthz", Map.of(), (String) null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
    RawHttp.Response ready = new RawHttp(server.port()).send("GET", "/readyz", Map.of(), (String) null);
    assertThat(ready.status()).isEqualTo(200);
  }

  @Test
  void cancellationAbortsTheCallInFlight() throws Exception {
    fixture.waiting = new java.util.concurrent.CountDownLatch(1);
    fixture.release = new java.util.concurrent.CountDownLatch(1);
    McpHttpClient alice = client(alicePat).initialize();
    var request = alice.request("tools/call", RawHttp.JSON.readTree(
        "{\"name\":\"wait_for_test\",\"arguments\":{}}"));
    var pending = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return alice.post(request.toString());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertThat(fixture.waiting.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    RawHttp.Response cancel = alice.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
        + "\"params\":{\"requestId\":" + request.get("id") + ",\"reason\":\"test\"}}");
    assertThat(cancel.status()).isEqualTo(202);
    fixture.release.countDown();
    RawHttp.Response done = pending.get(15, java.util.concurrent.TimeUnit.SECONDS);
    JsonNode result = done.messages().get(done.messages().size() - 1).get("result");
    assertThat(result.at("/structuredContent/cancelled").asBoolean()).isTrue();
  }

  static Map<String, String> headers(String bearer) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + bearer);
    return headers;
  }
}
