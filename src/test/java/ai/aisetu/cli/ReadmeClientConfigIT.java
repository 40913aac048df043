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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client configurations in the README's "Connect a client" section, launched as written: the
 * {@code claude mcp add} line and the Cursor and Claude Desktop {@code mcpServers} entries, with
 * the placeholder jar path replaced by the packaged jar. Each must start a server that completes
 * the MCP handshake and lists the whole catalogue. Runs after {@code mvn package}.
 */
final class ReadmeClientConfigIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PLACEHOLDER = "/absolute/path/to/ai-setu-mcp.jar";
  private static final Path JAR = Path.of("target", "ai-setu-mcp.jar").toAbsolutePath();

  @TempDir Path home;

  @Test
  void claudeCodeLineStartsAWorkingServer() throws Exception {
    String section = connectSection();
    Matcher line = Pattern.compile("(?m)^claude mcp add (\\S+) -- (.+)$").matcher(section);
    assertThat(line.find()).as("a `claude mcp add NAME -- command…` line").isTrue();
    assertThat(line.group(1)).isEqualTo("ai-setu");
    List<String> words = new ArrayList<>(Arrays.asList(line.group(2).trim().split("\\s+")));
    assertHandshake(words.get(0), words.subList(1, words.size()), Map.of());
  }

  @Test
  void everyMcpServersEntryStartsAWorkingServer() throws Exception {
    Matcher block = Pattern.compile("(?s)```json\\n(.*?)```").matcher(connectSection());
    int entries = 0;
    while (block.find()) {
      JsonNode server = JSON.readTree(block.group(1)).path("mcpServers").path("ai-setu");
      assertThat(server.isObject()).as("an mcpServers.ai-setu entry in\n" + block.group(1)).isTrue();
      List<String> args = new ArrayList<>();
      server.path("args").forEach(arg -> args.add(arg.asText()));
      Map<String, String> env = new HashMap<>();
      server.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
      assertHandshake(server.path("command").asText(), args, env);
      entries++;
    }
    assertThat(entries).as("Cursor and Claude Desktop entries").isEqualTo(2);
  }

  private void assertHandshake(String command, List<String> args, Map<String, String> configEnv) {
    assertThat(JAR).as("run `mvn package` first").exists();
    assertThat(args).as("the config names the jar by its placeholder path").contains(PLACEHOLDER);
    List<String> resolved = args.stream().map(a -> a.equals(PLACEHOLDER) ? JAR.toString() : a).toList();
    Map<String, String> env = new HashMap<>(configEnv);
    env.put("XDG_STATE_HOME", home.resolve("state").toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    env.put("PATH", System.getenv("PATH"));
    String java = "java".equals(command)
        ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
        : command;
    StdioClientTransport transport = new StdioClientTransport(
        ServerParameters.builder(java).args(resolved).env(env).build(),
        new JacksonMcpJsonMapper(JSON));
    transport.setStdErrorHandler(line -> {});
    McpSyncClient client = McpClient.sync(transport)
        .requestTimeout(Duration.ofSeconds(60))
        .clientInfo(new McpSchema.Implementation("readme-config-test", "1"))
        .build();
    try {
      McpSchema.InitializeResult init = client.initialize();
      assertThat(init.serverInfo().name()).isEqualTo("ai-setu-mcp");
      List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertThat(tools).contains("onboarding_start", "onboarding_verify", "whoami",
          "workspaces_list", "api_keys_rotate", "provider_credentials_upsert");
      McpSchema.CallToolResult whoami = client.callTool(
          new McpSchema.CallToolRequest("whoami", Map.of()));
      assertThat(whoami.isError()).as("no credential yet: whoami asks to onboard").isTrue();
      assertThat(((McpSchema.TextContent) whoami.content().get(0)).text()).contains("onboarding_start");
    } finally {
      client.closeGracefully();
    }
  }

  private static String connectSection() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("## Connect a client");
    assertThat(start).as("README has a Connect a client section").isGreaterThanOrEqualTo(0);
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }
}
