package ai.aisetu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real command as a subprocess, with the catalogue it registers itself (the admin tools). */
final class MainProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PAT = "tt_pat_readonly0000000000000000000001";

  private final MockWebServer plane = new MockWebServer();

  @BeforeEach
  void setUp() throws Exception {
    plane.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
            .body("{\"data\":{\"viewer\":{\"user\":{\"id\":\"u1\",\"email\":\"a@example.com\","
                + "\"createdAt\":\"2026-01-01T00:00:00Z\"},\"tenant\":{\"id\":\"t1\",\"name\":\"Acme\","
                + "\"createdAt\":\"2026-01-01T00:00:00Z\"},\"patId\":\"p1\",\"scopes\":[\"admin:read\"]}}}")
            .build();
      }
    });
    plane.start();
  }

  @AfterEach
  void tearDown() {
    plane.close();
  }

  private List<String> command(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "ai.aisetu.cli.Main"));
    command.addAll(List.of(args));
    return command;
  }

  private String baseUrl() {
    String url = plane.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  @Test
  void sdkClientListsAndCallsToolsOverTheRealProcess() {
    List<String> command = command("--base-url", baseUrl(), "--pat", PAT, "--no-transcript");
    ServerParameters parameters = ServerParameters.builder(command.get(0))
        .args(command.subList(1, command.size())).env(Map.of()).build();
    StdioClientTransport transport = new StdioClientTransport(parameters, new JacksonMcpJsonMapper(JSON));
    try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(15)).build()) {
      client.initialize();
      List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertThat(names).contains("whoami", "workspaces_list").doesNotContain("workspaces_delete");
      McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
      assertThat(result.isError()).isFalse();
    }
  }

  @Test
  void everyStdoutLineIsJsonRpcAndEndOfInputExitsZero() throws Exception {
    Process process = new ProcessBuilder(command("--base-url", "http://127.0.0.1:9", "--no-transcript"))
        .redirectError(ProcessBuilder.Redirect.PIPE).start();
    String input = String.join("\n",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
        "this is not json",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"boom\",\"arguments\":{}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\",\"arguments\":{}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"no/such\"}") + "\n";
    process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(stderr).isZero();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : stdout.split("\n")) {
      JsonNode node = JSON.readTree(line);
      assertThat(node.path("jsonrpc").asText()).as(line).isEqualTo("2.0");
      lines.add(node);
    }
    assertThat(lines).extracting(node -> node.path("id").isNull() ? "null" : node.path("id").asText())
        .containsExactlyInAnyOrder("1", "null", "2", "3", "4");
    assertThat(stdout).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(stderr).doesNotContain("\tat ");
  }

  @Test
  void unknownOptionExitsTwoWithAMessageAndNothingOnStdout() throws Exception {
    Process process = new ProcessBuilder(command("--frobnicate")).start();
    process.getOutputStream().close();
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(process.getInputStream().readAllBytes()).isEmpty();
    assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("unknown option `--frobnicate`");
  }
}
