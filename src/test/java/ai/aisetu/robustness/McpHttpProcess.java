package ai.aisetu.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.mcp.http.RawHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The MCP server over HTTP ({@link RobustHttpServerMain}) as a child process on a free loopback
 * port, with raw Streamable HTTP sessions against it.
 */
final class McpHttpProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("serving MCP on http://127\\.0\\.0\\.1:(\\d+)/mcp");

  final JavaProcess process;
  final int port;
  final RawHttp http;

  private McpHttpProcess(JavaProcess process, int port) {
    this.process = process;
    this.port = port;
    this.http = new RawHttp(port);
  }

  /** Starts the server; transcripts go under {@code stateHome}. */
  static McpHttpProcess start(String baseUrl, String pat, Path stateHome, Duration idleTimeout)
      throws IOException, InterruptedException {
    Map<String, String> env = new HashMap<>();
    env.put("AI_SETU_PAT", pat);
    env.put("XDG_STATE_HOME", stateHome.toString());
    JavaProcess process = JavaProcess.start(RobustHttpServerMain.class, List.of("--base-url", baseUrl,
        "--idle-timeout-ms", String.valueOf(idleTimeout.toMillis())), env, "128m", false);
    int port = Integer.parseInt(process.awaitStderr(SERVING, Duration.ofSeconds(20)));
    return new McpHttpProcess(process, port);
  }

  /** A new Streamable HTTP session of the caller presenting {@code bearer}, initialized. */
  Session open(String bearer) throws IOException {
    Session session = new Session(bearer);
    RawHttp.Response init = session.post("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\","
        + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
        + "\"clientInfo\":{\"name\":\"robustness\",\"version\":\"1\"}}}");
    assertThat(init.status()).as(init.body()).isEqualTo(200);
    session.id = init.header("mcp-session-id");
    assertThat(session.id).as("Mcp-Session-Id").isNotBlank();
    RawHttp.Response initialized = session.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    assertThat(initialized.status()).as("notifications/initialized of %s: %s; server stderr:%n%s", session.id,
        initialized.body(), tail(stderr())).isEqualTo(202);
    return session;
  }

  boolean healthy() throws IOException {
    return http.send("GET", "/healthz", Map.of(), (byte[]) null).status() == 200;
  }

  private static String tail(String text) {
    return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
  }

  /** Everything the server wrote on stderr. */
  String stderr() {
    return process.stderr.toString();
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }

  /** One Streamable HTTP session (or, before {@link #open}, none). */
  final class Session {
    final String bearer;
    String id;

    Session(String bearer) {
      this.bearer = bearer;
    }

    Map<String, String> headers() {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", "application/json");
      headers.put("Accept", "application/json, text/event-stream");
      if (bearer != null) headers.put("Authorization", "Bearer " + bearer);
      if (id != null) headers.put("Mcp-Session-Id", id);
      headers.put("MCP-Protocol-Version", "2025-06-18");
      return headers;
    }

    RawHttp.Response post(String json) throws IOException {
      return post(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    RawHttp.Response post(byte[] body) throws IOException {
      return http.send("POST", "/mcp", headers(), body);
    }

    /** The response messages to a request; empty if there were none. */
    List<JsonNode> messages(RawHttp.Response response) {
      try {
        return response.messages();
      } catch (IOException e) {
        return new ArrayList<>();
      }
    }

    /** {@code tools/call}: the JSON-RPC response for {@code requestId}, or null. */
    JsonNode tool(String requestId, String name, String argumentsJson) throws IOException {
      RawHttp.Response response = post("{\"jsonrpc\":\"2.0\",\"id\":\"" + requestId + "\",\"method\":\"tools/call\","
          + "\"params\":{\"name\":\"" + name + "\",\"arguments\":" + argumentsJson + "}}");
      for (JsonNode message : messages(response)) {
        if (requestId.equals(message.path("id").asText())) return message;
      }
      return null;
    }

    /** DELETE; the status. */
    int close() throws IOException {
      return http.send("DELETE", "/mcp", headers(), (byte[]) null).status();
    }
  }
}
