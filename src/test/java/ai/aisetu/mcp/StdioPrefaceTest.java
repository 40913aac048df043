package ai.aisetu.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.mcp.stdio.MessageObserver;
import ai.aisetu.mcp.stdio.StdioPreface;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stdio preface: {@code initialize} answered before the server is built, with exactly the
 * answer the SDK session gives, once, and everything else left to the transport.
 */
final class StdioPrefaceTest {
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

  private static String initialize(Object id, String version) {
    String idJson = id instanceof String ? "\"" + id + "\"" : String.valueOf(id);
    return "{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"" + version + "\",\"capabilities\":{\"roots\":{\"listChanged\":true},"
        + "\"elicitation\":{}},\"clientInfo\":{\"name\":\"preface-test\",\"version\":\"1\"}}}";
  }

  /** A server on pipes whose preface starts first; {@link #build} builds and serves it later. */
  private final class Prefaced implements AutoCloseable {
    final Pipe toServer = new Pipe();
    final Pipe fromServer = new Pipe();
    final List<String> observed = new CopyOnWriteArrayList<>();
    final Prewarm prewarm = Prewarm.create();
    final StdioPreface preface = StdioPreface.start(toServer.in, fromServer.out,
        InitializeAnswer::resultJson, prewarm::warmSession);
    final RawClient client = new RawClient(fromServer.in, toServer.out);
    AiSetuMcpServer server;
    Thread serving;

    void build(ServerOptions options) {
      MessageObserver observer = (session, inbound, json) -> observed.add((inbound ? "> " : "< ") + json);
      server = AiSetuMcpServer.stdio(options, tools, plane.client(), preface,
          prewarm.jsonMapper(), fromServer.out, observer);
      serving = new Thread(() -> {
        server.serve();
        fromServer.out.close();
      }, "prefaced-server");
      serving.setDaemon(true);
      serving.start();
    }

    @Override
    public void close() throws Exception {
      toServer.out.close();
      if (serving != null) serving.join(5_000);
      if (server != null) server.close();
    }
  }

  private ServerOptions options() {
    return ServerOptions.builder().baseUrl(plane.baseUrl()).build();
  }

  @Test
  void initializeIsAnsweredBeforeTheServerExistsAndTheSessionGoesOnOnce() throws Exception {
    try (Prefaced prefaced = new Prefaced()) {
      prefaced.client.send(initialize("init", "2025-06-18"));
      JsonNode answer = prefaced.client.next(); // No server has been built yet.
      assertThat(answer.path("id").asText()).isEqualTo("init");
      assertThat(answer.path("result").path("serverInfo").path("name").asText()).isEqualTo("ai-setu-mcp");
      assertThat(answer.path("result").path("protocolVersion").asText()).isEqualTo("2025-06-18");

      prefaced.build(options());
      prefaced.client.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      prefaced.client.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
      JsonNode list = prefaced.client.nextResponse(); // Not a second answer to "init".
      assertThat(list.path("id").asInt()).isEqualTo(2);
      assertThat(list.path("result").path("tools").size()).isPositive();
      prefaced.client.endInput();
      List<JsonNode> rest = prefaced.client.rest();
      assertThat(rest).noneMatch(node -> node.path("id").asText().equals("init"));

      // The observer (the transcript) saw the request and the early answer, in order, once each.
      assertThat(prefaced.observed.get(0)).startsWith("> ").contains("\"initialize\"");
      assertThat(JSON.readTree(prefaced.observed.get(1).substring(2))).isEqualTo(answer);
      assertThat(prefaced.observed).filteredOn(line -> line.contains("\"serverInfo\"")).hasSize(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2099-01-01"})
  void earlyAnswerIsTheSdkSessionsAnswer(String version) throws Exception {
    JsonNode sdkAnswer;
    try (InProcessServer server = new InProcessServer(options(), tools, plane)) {
      RawClient client = server.raw();
      client.send(initialize(41, version));
      sdkAnswer = client.next();
    }
    try (Prefaced prefaced = new Prefaced()) {
      prefaced.client.send(initialize(41, version));
      JsonNode early = prefaced.client.next();
      assertThat(early).isEqualTo(sdkAnswer);
      assertThat(sdkAnswer.path("result").path("protocolVersion").asText())
          .isEqualTo(version.equals("2099-01-01") ? "2025-11-25" : version);
    }
  }

  /**
   * First lines that are not a well-formed initialize, and initialize requests whose members the
   * SDK maps to types of its own with other shapes: a prefaced server answers them exactly as a
   * server without a preface does, line for line, and the session goes on the same way.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":",
      "[1,2]",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":[]}",
      "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"a\",\"version\":\"1\"}}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"a\",\"version\":\"1\"}}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{}}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":7,\"capabilities\":{},\"clientInfo\":{\"name\":\"a\",\"version\":\"1\"}}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"roots\":5},\"clientInfo\":{\"name\":\"a\",\"version\":\"1\"}}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"roots\":{\"listChanged\":[]}},\"clientInfo\":{\"name\":\"a\",\"version\":\"1\"}}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"elicitation\":{\"form\":1}},\"clientInfo\":{\"name\":\"a\",\"version\":\"1\"}}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":{},\"version\":\"1\"}}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"a\",\"version\":\"1\",\"icons\":\"x\"}},\"_meta\":{}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"a\",\"version\":\"1\"}}} 2",
      "{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"experimental\":{\"x\":[1]},\"sampling\":{}},\"clientInfo\":{\"name\":\"a\",\"version\":\"1\",\"title\":\"A\"},\"_meta\":{\"k\":1}}}",
  })
  void prefacedServerAnswersAnyFirstLineAsTheSdkServerDoes(String firstLine) throws Exception {
    List<String> then = List.of("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"ping\"}");
    List<JsonNode> plain;
    try (InProcessServer server = new InProcessServer(options(), tools, plane)) {
      RawClient client = server.raw();
      plain = exchange(client, firstLine, then);
    }
    List<JsonNode> prefacedLines;
    try (Prefaced prefaced = new Prefaced()) {
      prefaced.client.send(firstLine);
      prefaced.build(options());
      prefacedLines = exchange(prefaced.client, null, then);
    }
    assertThat(prefacedLines).isEqualTo(plain);
    assertThat(plain).anyMatch(node -> node.path("id").asText().equals("after"));
  }

  private static List<JsonNode> exchange(RawClient client, String first, List<String> then)
      throws Exception {
    if (first != null) client.send(first);
    for (String line : then) client.send(line);
    client.endInput();
    return new ArrayList<>(client.rest());
  }
}
