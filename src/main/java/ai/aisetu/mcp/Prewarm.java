package ai.aisetu.mcp;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.mcp.tools.ToolJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The first session's JSON work, done on a second thread while the main thread builds a stdio
 * server. A stdio server is spawned per session, and the first thing its client does after {@code
 * initialize} is list the tools and call one; in a fresh JVM the first mapping of each message type
 * (Jackson's introspection of the SDK's records) and the first control-plane call's set-up cost more
 * than the call itself. Jackson caches those mappings per mapper and thread-safely, so doing them
 * here, on the very mapper the server will use, takes them off the session's path:
 *
 * <pre>{@code
 * Prewarm prewarm = Prewarm.start();               // first thing in main
 * ...
 * prewarm.prepare(admin);                         // once the admin client exists
 * AiSetuMcpServer.stdio(options, catalogue, admin, preface, prewarm.jsonMapper(), out, observer);
 * }</pre>
 *
 * <p>Nothing here touches the network or any state a session can see; a failure only leaves the
 * work to the session.
 */
public final class Prewarm {
  private final CompletableFuture<McpJsonMapper> mapper = new CompletableFuture<>();

  private Prewarm() {}

  /** Creates the server's JSON mapper and starts making its mappings, on a daemon thread. */
  public static Prewarm start() {
    Prewarm prewarm = new Prewarm();
    Thread thread = new Thread(prewarm::run, "prewarm");
    thread.setDaemon(true);
    thread.start();
    return prewarm;
  }

  /** The mapper the server is to use; ready before its mappings are (they go on meanwhile). */
  public McpJsonMapper jsonMapper() {
    return mapper.join();
  }

  /** Lets {@code admin} build its HTTP client and result mappings, on a daemon thread. */
  public void prepare(AiSetuAdmin admin) {
    Thread thread = new Thread(admin::prepare, "prewarm-admin");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    McpJsonMapper json;
    try {
      json = new JacksonMcpJsonMapper(new ObjectMapper());
    } catch (RuntimeException | Error e) {
      mapper.completeExceptionally(e);
      return;
    }
    mapper.complete(json);
    try {
      session(json);
      ToolJson.mapper().valueToTree(Map.of("items", List.of(Map.of("id", "ws_prewarm"))));
    } catch (IOException | RuntimeException e) {
      // The session makes these mappings itself, then.
    }
  }

  /** What the SDK maps in a session's first messages: initialize, tools/list, tools/call. */
  private static void session(McpJsonMapper json) throws IOException {
    McpSchema.JSONRPCRequest initialize = (McpSchema.JSONRPCRequest) McpSchema.deserializeJsonRpcMessage(json,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{\"roots\":{\"listChanged\":true},\"elicitation\":{},"
            + "\"sampling\":{}},\"clientInfo\":{\"name\":\"prewarm\",\"version\":\"1\"}}}");
    json.convertValue(initialize.params(), new TypeRef<McpSchema.InitializeRequest>() {});
    McpSchema.deserializeJsonRpcMessage(json,
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    json.writeValueAsString(new McpSchema.JSONRPCResponse("2.0", 1,
        new McpSchema.InitializeResult("2025-06-18",
            McpSchema.ServerCapabilities.builder().tools(true).resources(false, false)
                .prompts(false).logging().completions().build(),
            new McpSchema.Implementation(AiSetuMcpServer.NAME, InitializeAnswer.version()),
            Guidance.INSTRUCTIONS),
        null));

    McpSchema.JSONRPCRequest list = (McpSchema.JSONRPCRequest) McpSchema.deserializeJsonRpcMessage(json,
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}");
    json.convertValue(list.params(), new TypeRef<McpSchema.PaginatedRequest>() {});
    Map<String, Object> schema = Map.of("type", "object",
        "properties", Map.of("workspaceId", Map.of("type", "string")), "required", List.of("workspaceId"));
    McpSchema.Tool tool = new McpSchema.Tool("prewarm", "Prewarm", "A tool.", schema, schema,
        new McpSchema.ToolAnnotations("Prewarm", true, false, true, false, null), Map.of());
    json.writeValueAsString(new McpSchema.JSONRPCResponse("2.0", 2,
        new McpSchema.ListToolsResult(List.of(tool), null), null));

    McpSchema.JSONRPCRequest call = (McpSchema.JSONRPCRequest) McpSchema.deserializeJsonRpcMessage(json,
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"prewarm\","
            + "\"arguments\":{\"workspaceId\":\"ws_prewarm\"},\"_meta\":{\"progressToken\":3}}}");
    json.convertValue(call.params(), new TypeRef<McpSchema.CallToolRequest>() {});
    json.writeValueAsString(new McpSchema.JSONRPCResponse("2.0", 3,
        new McpSchema.CallToolResult(List.of(new McpSchema.TextContent("prewarm")), false,
            Map.of("items", List.of(Map.of("id", "ws_prewarm"))), null),
        null));
  }
}
