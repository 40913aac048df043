package ai.aisetu.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.mcp.stdio.MessageObserver;
import ai.aisetu.mcp.tools.ToolCatalogue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** The server on in-memory pipes, served on its own thread, with an SDK client on the other end. */
final class InProcessServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final Pipe toServer = new Pipe();
  final Pipe fromServer = new Pipe();
  final List<String> observed = new CopyOnWriteArrayList<>();
  final AiSetuMcpServer server;
  final PipedClientTransport transport;
  private final Thread serving;
  private McpSyncClient client;

  InProcessServer(ServerOptions options, ToolCatalogue catalogue, ControlPlaneStub plane) {
    this(options, catalogue, plane.client());
  }

  /** The server in front of any control plane, e.g. a real local one. */
  InProcessServer(ServerOptions options, ToolCatalogue catalogue, AiSetuAdmin admin) {
    MessageObserver observer = (session, inbound, json) -> observed.add((inbound ? "> " : "< ") + json);
    server = AiSetuMcpServer.stdio(options, catalogue, admin, toServer.in, fromServer.out, observer);
    serving = new Thread(() -> {
      server.serve();
      fromServer.out.close();
    }, "test-server");
    serving.setDaemon(true);
    serving.start();
    transport = new PipedClientTransport(new JacksonMcpJsonMapper(JSON), fromServer.in, toServer.out);
  }

  /** An initialized SDK client; {@code spec} adds capabilities and consumers. */
  McpSyncClient client(UnaryOperator<McpClient.SyncSpec> spec) {
    client = spec.apply(McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10))).build();
    client.initialize();
    return client;
  }

  McpSyncClient client() {
    return client(spec -> spec);
  }

  /** Raw JSON lines instead of the SDK client: for malformed input and exact wire checks. */
  RawClient raw() {
    return new RawClient(fromServer.in, toServer.out);
  }

  /** Every line the server wrote parses as one JSON-RPC 2.0 message. */
  void assertEveryLineIsJsonRpc() throws Exception {
    for (String line : transport.received) {
      JsonNode node = JSON.readTree(line);
      assertThat(node.path("jsonrpc").asText()).as(line).isEqualTo("2.0");
      assertThat(node.has("method") || node.has("result") || node.has("error")).as(line).isTrue();
    }
  }

  boolean awaitExit(Duration timeout) throws InterruptedException {
    serving.join(timeout.toMillis());
    return !serving.isAlive();
  }

  @Override
  public void close() throws Exception {
    toServer.out.close();
    awaitExit(Duration.ofSeconds(5));
    server.close();
  }
}
