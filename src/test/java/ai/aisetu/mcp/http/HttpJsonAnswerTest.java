package ai.aisetu.mcp.http;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.admin.model.LoginResult;
import ai.aisetu.mcp.tools.Access;
import ai.aisetu.mcp.tools.ObjectSchema;
import ai.aisetu.mcp.tools.ToolCatalogue;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.mcp.tools.ToolResult;
import ai.aisetu.mcp.tools.Toolset;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A POSTed request whose stream would carry only its response is answered as {@code
 * application/json}; a stream that carries anything first (an elicitation, progress) stays SSE.
 */
final class HttpJsonAnswerTest {
  @Test
  void aPlainToolCallIsAnsweredWithItsResponseAsOneJsonObject() throws Exception {
    List<String> outbound = new CopyOnWriteArrayList<>();
    try (HttpFixture fixture = new HttpFixture()) {
      LoginResult caller = fixture.signUp("json@example.com");
      try (McpHttpServer server = fixture.start(HttpFixture.config().build(), null,
          (session, in, json) -> {
            if (!in) outbound.add(json);
          })) {
        McpHttpClient client = new McpHttpClient(server.port(), caller.secret()).initialize();
        ObjectNode request = client.request("tools/call",
            RawHttp.JSON.createObjectNode().put("name", "workspaces_list"));

        RawHttp.Response response = client.post(request.toString());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("application/json");
        assertThat(response.header("transfer-encoding")).isNull();
        assertThat(response.header("content-length"))
            .isEqualTo(Integer.toString(response.body().getBytes(StandardCharsets.UTF_8).length));
        JsonNode message = response.json();
        assertThat(message.get("id")).isEqualTo(request.get("id"));
        assertThat(message.path("result").path("isError").asBoolean()).isFalse();
        assertThat(message.path("result").path("structuredContent").has("workspaces")).isTrue();
        // Exactly the message the server wrote (the transcript's copy), without SSE framing.
        assertThat(response.body()).isEqualTo(outbound.get(outbound.size() - 1));
      }
    }
  }

  @Test
  void aCallThatElicitsStreamsTheElicitationRequestFirstAndItsResultLast() throws Exception {
    try (HttpFixture fixture = new HttpFixture()) {
      LoginResult caller = fixture.signUp("elicit@example.com");
      try (McpHttpServer server = fixture.start(HttpFixture.config().build(),
          fixture.options(null).toBuilder().confirm(true).build(), catalogue(confirmedWrite()),
          (session, in, json) -> {})) {
        McpHttpClient client = new McpHttpClient(server.port(), caller.secret());
        client.capabilities.putObject("elicitation");
        client.initialize();
        ObjectNode request = client.request("tools/call",
            RawHttp.JSON.createObjectNode().put("name", "confirmed_write"));

        try (SseCall call = new SseCall(server.port(), client.headers(), request.toString())) {
          assertThat(call.status).isEqualTo(200);
          assertThat(call.headers.get("content-type")).startsWith("text/event-stream");
          JsonNode first = call.nextMessage();
          assertThat(first.path("method").asText()).isEqualTo("elicitation/create");
          ObjectNode answer = RawHttp.JSON.createObjectNode().put("jsonrpc", "2.0");
          answer.set("id", first.get("id"));
          answer.putObject("result").put("action", "accept").putObject("content").put("confirm", true);
          assertThat(client.post(answer.toString()).status()).isEqualTo(202);

          JsonNode last = call.nextMessage();
          assertThat(last.get("id")).isEqualTo(request.get("id"));
          assertThat(last.at("/result/structuredContent/written").asBoolean()).isTrue();
          assertThat(call.nextMessage()).isNull(); // The stream ends with the response.
        }
      }
    }
  }

  @Test
  void progressBeforeTheResultKeepsTheEventStream() throws Exception {
    try (HttpFixture fixture = new HttpFixture()) {
      LoginResult caller = fixture.signUp("progress@example.com");
      try (McpHttpServer server = fixture.start(HttpFixture.config().build(), fixture.options(null),
          catalogue(reportsProgress()), (session, in, json) -> {})) {
        McpHttpClient client = new McpHttpClient(server.port(), caller.secret()).initialize();
        ObjectNode params = RawHttp.JSON.createObjectNode().put("name", "reports_progress");
        params.putObject("_meta").put("progressToken", "p1");
        ObjectNode request = client.request("tools/call", params);

        RawHttp.Response response = client.post(request.toString());

        assertThat(response.header("content-type")).startsWith("text/event-stream");
        List<JsonNode> messages = response.messages();
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).path("method").asText()).isEqualTo("notifications/progress");
        assertThat(messages.get(1).get("id")).isEqualTo(request.get("id"));
        assertThat(messages.get(1).at("/result/structuredContent/done").asBoolean()).isTrue();
      }
    }
  }

  @Test
  void aResponseIsRecognisedByItsIdAndItsResult() {
    JsonNode seven = RawHttp.JSON.getNodeFactory().numberNode(7);
    assertThat(GuardedResponse.isResponse("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}", seven)).isTrue();
    assertThat(GuardedResponse.isResponse("{\"result\":{\"a\":[1]},\"id\":7}", seven)).isTrue();
    assertThat(GuardedResponse.isResponse(
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-1,\"message\":\"x\"}}", seven)).isTrue();
    assertThat(GuardedResponse.isResponse(
        "{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"result\":{}}", seven)).isFalse();
    assertThat(GuardedResponse.isResponse("{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{}}", seven)).isFalse();
  }

  @Test
  void aRequestOrNotificationIsNotAResponse() {
    JsonNode id = RawHttp.JSON.getNodeFactory().textNode("a");
    assertThat(GuardedResponse.isResponse(
        "{\"jsonrpc\":\"2.0\",\"method\":\"elicitation/create\",\"id\":\"a\",\"params\":{}}", id)).isFalse();
    assertThat(GuardedResponse.isResponse(
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}", id)).isFalse();
    assertThat(GuardedResponse.isResponse("not json", id)).isFalse();
  }

  private static ToolCatalogue catalogue(ToolDefinition tool) {
    return () -> List.of(tool);
  }

  private static ToolDefinition confirmedWrite() {
    return ToolDefinition.builder("confirmed_write")
        .title("Confirmed write")
        .description("Changes nothing, after the user confirms.")
        .toolset(Toolset.ACCOUNT)
        .access(Access.NONE)
        .readOnly(false)
        .confirm(true)
        .outputSchema(ObjectSchema.builder().allowAdditionalProperties().build())
        .handler(call -> ToolResult.ok(Map.of("written", true), "Written."))
        .build();
  }

  private static ToolDefinition reportsProgress() {
    return ToolDefinition.builder("reports_progress")
        .title("Progress")
        .description("Reports progress once, then returns.")
        .toolset(Toolset.ACCOUNT)
        .access(Access.NONE)
        .readOnly(true)
        .outputSchema(ObjectSchema.builder().allowAdditionalProperties().build())
        .handler(call -> {
          call.progress(1, 2.0, "half way");
          return ToolResult.ok(Map.of("done", true), "Done.");
        })
        .build();
  }

  /** One POST whose SSE answer is read event by event, while the test answers in between. */
  private static final class SseCall implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    final int status;
    final Map<String, String> headers = new java.util.LinkedHashMap<>();
    final boolean chunked;
    private int chunkLeft;
    private boolean ended;

    SseCall(int port, Map<String, String> requestHeaders, String body) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(15_000);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      StringBuilder head = new StringBuilder("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
      requestHeaders.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      head.append("Connection: close\r\nContent-Length: ").append(bytes.length).append("\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
      out.flush();
      in = socket.getInputStream();
      status = Integer.parseInt(rawLine().split(" ")[1]);
      for (String line = rawLine(); !line.isEmpty(); line = rawLine()) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
      }
      chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
    }

    /** The next SSE event's data as JSON, or null at the end of the stream. */
    JsonNode nextMessage() throws IOException {
      List<String> data = new ArrayList<>();
      for (int lines = 0; lines < 10_000; lines++) {
        String line = bodyLine();
        if (line == null) return data.isEmpty() ? null : RawHttp.JSON.readTree(String.join("\n", data));
        if (line.isEmpty()) {
          if (!data.isEmpty()) return RawHttp.JSON.readTree(String.join("\n", data));
        } else if (line.startsWith("data:")) {
          data.add(line.substring(5).strip());
        }
      }
      throw new AssertionError("no event in 10,000 lines");
    }

    private String bodyLine() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = bodyByte()) != -1 && b != '\n') line.write(b);
      if (b == -1 && line.size() == 0) return null;
      String text = line.toString(StandardCharsets.UTF_8);
      return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private int bodyByte() throws IOException {
      if (!chunked) return in.read();
      if (ended) return -1;
      if (chunkLeft == 0) {
        String size = rawLine();
        if (size.isEmpty()) size = rawLine(); // The CRLF after the previous chunk.
        chunkLeft = Integer.parseInt(size.split(";")[0].strip(), 16);
        if (chunkLeft == 0) {
          ended = true;
          return -1;
        }
      }
      chunkLeft--;
      return in.read();
    }

    private String rawLine() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) != -1 && b != '\n') line.write(b);
      String text = line.toString(StandardCharsets.ISO_8859_1);
      return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
