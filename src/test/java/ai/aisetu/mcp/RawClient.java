package ai.aisetu.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Writes raw lines to the server and reads its lines, each checked to be JSON-RPC. */
final class RawClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EOF = "\u0000eof";

  final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
  private final OutputStream toServer;

  RawClient(InputStream fromServer, OutputStream toServer) {
    this.toServer = toServer;
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          lines.add(line);
          queue.add(line);
        }
      } catch (IOException e) {
        // Server gone.
      }
      queue.add(EOF);
    }, "raw-client-reader");
    reader.setDaemon(true);
    reader.start();
  }

  void send(String line) throws IOException {
    sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  void sendBytes(byte[] bytes) throws IOException {
    toServer.write(bytes);
    toServer.flush();
  }

  void endInput() throws IOException {
    toServer.close();
  }

  void initialize() throws Exception {
    send("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
        + "\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
    assertThat(next().path("id").asText()).isEqualTo("init");
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
  }

  /** The next message, parsed; fails after 10 s or at end of output. */
  JsonNode next() throws Exception {
    String line = queue.poll(10, TimeUnit.SECONDS);
    assertThat(line).as("a line from the server").isNotNull().isNotEqualTo(EOF);
    JsonNode node = JSON.readTree(line);
    assertThat(node.path("jsonrpc").asText()).as(line).isEqualTo("2.0");
    return node;
  }

  /** Skips notifications until a response arrives. */
  JsonNode nextResponse() throws Exception {
    while (true) {
      JsonNode node = next();
      if (!node.has("method")) return node;
    }
  }

  /** Every remaining line until the server closes its output (within 10 s). */
  List<JsonNode> rest() throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    while (true) {
      String line = queue.poll(10, TimeUnit.SECONDS);
      assertThat(line).as("end of output").isNotNull();
      if (line.equals(EOF)) return nodes;
      nodes.add(JSON.readTree(line));
    }
  }
}
