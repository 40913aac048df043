package ai.aisetu.mcp.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A minimal Streamable HTTP client over {@link RawHttp}: initialize, then requests by id. */
final class McpHttpClient {
  final RawHttp http;
  final String bearer;
  String sessionId;
  /** What {@code initialize} declares; none unless a test adds some (e.g. elicitation). */
  final ObjectNode capabilities = RawHttp.JSON.createObjectNode();
  private final AtomicInteger ids = new AtomicInteger();

  McpHttpClient(int port, String bearer) {
    this.http = new RawHttp(port);
    this.bearer = bearer;
  }

  Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Accept", "application/json, text/event-stream");
    if (bearer != null) headers.put("Authorization", "Bearer " + bearer);
    if (sessionId != null) headers.put("Mcp-Session-Id", sessionId);
    headers.put("MCP-Protocol-Version", "2025-06-18");
    return headers;
  }

  RawHttp.Response initializeRaw() throws IOException {
    ObjectNode params = RawHttp.JSON.createObjectNode();
    params.put("protocolVersion", "2025-06-18");
    params.set("capabilities", capabilities);
    params.putObject("clientInfo").put("name", "http-test").put("version", "1");
    return http.send("POST", "/mcp", headers(), request("initialize", params).toString());
  }

  McpHttpClient initialize() throws IOException {
    RawHttp.Response response = initializeRaw();
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    sessionId = response.header("mcp-session-id");
    assertThat(sessionId).isNotBlank();
    RawHttp.Response initialized = http.send("POST", "/mcp", headers(),
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    assertThat(initialized.status()).isEqualTo(202);
    return this;
  }

  ObjectNode request(String method, JsonNode params) {
    ObjectNode request = RawHttp.JSON.createObjectNode();
    request.put("jsonrpc", "2.0").put("id", ids.incrementAndGet()).put("method", method);
    if (params != null) request.set("params", params);
    return request;
  }

  RawHttp.Response post(String json) throws IOException {
    return http.send("POST", "/mcp", headers(), json);
  }

  /** Sends a request and returns the response message with its id. */
  JsonNode call(String method, JsonNode params) throws IOException {
    ObjectNode request = request(method, params);
    RawHttp.Response response = post(request.toString());
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    for (JsonNode message : response.messages()) {
      if (message.path("id").equals(request.get("id"))) return message;
    }
    throw new AssertionError("no response to " + request + " in " + response.body());
  }

  /** tools/call; the JSON-RPC result (with isError, structuredContent). */
  JsonNode tool(String name, Map<String, ?> arguments) throws IOException {
    ObjectNode params = RawHttp.JSON.createObjectNode().put("name", name);
    params.set("arguments", RawHttp.JSON.valueToTree(arguments));
    JsonNode response = call("tools/call", params);
    assertThat(response.has("result")).as(response.toString()).isTrue();
    return response.get("result");
  }
}
