package ai.aisetu.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class StdioTransportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private ControlPlaneStub plane;
  private final ExampleTools tools = new ExampleTools();

  @BeforeEach
  void setUp() throws Exception {
    plane = new ControlPlaneStub();
  }

  @AfterEach
  void tearDown() {
    tools.release.countDown();
    plane.close();
  }

  private InProcessServer start(ServerOptions.Builder options) {
    return new InProcessServer(options.baseUrl(plane.baseUrl()).build(), tools, plane);
  }

  private static String ping(String id) {
    return "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"ping\"}";
  }

  private static String call(Object id, String tool, String arguments) {
    String idJson = id instanceof String ? "\"" + id + "\"" : String.valueOf(id);
    return "{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"method\":\"tools/call\",\"params\":"
        + "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}";
  }

  @Test
  void malformedJsonGetsParseErrorAndSessionGoesOn() throws Exception {
    try (InProcessServer server = start(ServerOptions.builder())) {
      RawClient client = server.raw();
      client.initialize();
      client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");
      JsonNode error = client.next();
      assertThat(error.get("id").isNull()).isTrue();
      assertThat(error.path("error").path("code").asInt()).isEqualTo(-32700);
      client.send(ping("after"));
      assertThat(client.next().path("id").asText()).isEqualTo("after");
    }
  }

  @Test
  void invalidUtf8GetsParseError() throws Exception {
    try (InProcessServer server = start(ServerOptions.builder())) {
      RawClient client = server.raw();
      client.initialize();
      client.sendBytes(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
      JsonNode error = client.next();
      assertThat(error.path("error").path("code").asInt()).isEqualTo(-32700);
      assertThat(error.path("error").path("message").asText()).contains("UTF-8");
      client.send(ping("after"));
      assertThat(client.next().path("id").asText()).isEqualTo("after");
    }
  }

  @Test
  void wrongShapesGetInvalidRequest() throws Exception {
    try (InProcessServer server = start(ServerOptions.builder())) {
      RawClient client = server.raw();
      client.initialize();
      for (String line : List.of("[1,2]", "42", "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
          "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\"}")) {
        client.send(line);
        JsonNode error = client.next();
        assertThat(error.path("error").path("code").asInt()).as(line).isEqualTo(-32600);
        assertThat(error.get("id").isNull()).as(line).isTrue();
      }
      client.send(ping("after"));
      assertThat(client.next().path("id").asText()).isEqualTo("after");
    }
  }

  @Test
  void overlongLineIsRejectedWithoutBufferingAndNextLineWorks() throws Exception {
    try (InProcessServer server = start(ServerOptions.builder())) {
      RawClient client = server.raw();
      client.initialize();
      byte[] huge = new byte[5 * 1024 * 1024];
      java.util.Arrays.fill(huge, (byte) 'x');
      client.sendBytes(huge);
      client.send("");
      JsonNode error = client.next();
      assertThat(error.path("error").path("code").asInt()).isEqualTo(-32600);
      assertThat(error.path("error").path("message").asText()).contains("longer than");
      client.send(ping("after"));
      assertThat(client.next().path("id").asText()).isEqualTo("after");
    }
  }

  @Test
  void endOfInputDrainsInFlightResponsesThenExits() throws Exception {
    try (InProcessServer server = start(ServerOptions.builder())) {
      server.toServer.onEndOfInput(tools.release::countDown);
      RawClient client = server.raw();
      client.initialize();
      client.send(call(7, "wait_for_test", "{}"));
      assertThat(tools.waiting.await(5, TimeUnit.SECONDS)).isTrue();
      client.endInput(); // The tool is released only once the server has read end of input.

      List<JsonNode> rest = client.rest();
      assertThat(rest).hasSize(1);
      assertThat(rest.get(0).path("id").asInt()).isEqualTo(7);
      assertThat(rest.get(0).path("result").path("structuredContent").path("released").asBoolean()).isTrue();
      assertThat(server.awaitExit(Duration.ofSeconds(5))).isTrue();
      for (String line : client.lines) assertThat(JSON.readTree(line).path("jsonrpc").asText()).isEqualTo("2.0");
    }
  }

  @Test
  void cancelledNotificationAbortsTheControlPlaneCallAndSuppressesTheResponse() throws Exception {
    java.util.concurrent.CountDownLatch unblock = new java.util.concurrent.CountDownLatch(1);
    plane.answer("Whoami", request -> {
      try {
        unblock.await(10, TimeUnit.SECONDS); // A control plane that hangs until the test ends.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ControlPlaneStub.data("{}");
    });
    try (InProcessServer server = start(ServerOptions.builder().pat(ControlPlaneStub.READ_PAT, "--pat"))) {
      RawClient client = server.raw();
      client.initialize();
      client.send(call(42, "whoami", "{}"));
      assertThat(plane.server.takeRequest(5, TimeUnit.SECONDS)).isNotNull(); // In flight.
      long start = System.nanoTime();
      client.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
          + "\"params\":{\"requestId\":42,\"reason\":\"user pressed stop\"}}");

      assertThat(tools.finished.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(tools.lastCallCancelled).isTrue();
      client.send(ping("after"));
      JsonNode next = client.next();
      assertThat(next.path("id").asText()).as("no response to the cancelled request").isEqualTo("after");
      // The call's bookkeeping ends just after its handler returns: wait for it, boundedly.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (server.server.callsInFlight() != 0 && System.nanoTime() < deadline) Thread.sleep(5);
      assertThat(server.server.callsInFlight()).isZero();
    } finally {
      unblock.countDown();
    }
  }

  @Test
  void observerSeesEveryMessageInAndOut() throws Exception {
    try (InProcessServer server = start(ServerOptions.builder())) {
      RawClient client = server.raw();
      client.initialize();
      client.send(ping("p"));
      client.next();
      assertThat(server.observed).anySatisfy(line -> assertThat(line).startsWith("> ").contains("\"ping\""));
      assertThat(server.observed).anySatisfy(line -> assertThat(line).startsWith("< ").contains("\"p\""));
    }
  }

  @Test
  void protocolFaultIsJsonRpcErrorButToolFailureIsResult() throws Exception {
    try (InProcessServer server = start(ServerOptions.builder())) {
      RawClient client = server.raw();
      client.initialize();
      client.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"no/such/method\"}");
      assertThat(client.next().path("error").path("code").asInt()).isEqualTo(-32601);
      client.send(call(4, "whoami", "{}"));
      JsonNode result = client.nextResponse();
      assertThat(result.path("result").path("isError").asBoolean()).isTrue();
    }
  }
}
