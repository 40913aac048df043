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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The first session's JSON work, done on one spare thread while the main thread builds a stdio
 * server. A stdio server is spawned per session, and the first thing its client does after {@code
 * initialize} is list the tools and call one; in a fresh JVM the first mapping of each message type
 * (Jackson's introspection of the SDK's records) and the first control-plane call's set-up cost more
 * than the call itself. Jackson caches those mappings per mapper and thread-safely, so doing them
 * here, on the very mapper the server will use, takes them off the session's path:
 *
 * <pre>{@code
 * Prewarm prewarm = Prewarm.create();
 * StdioPreface.start(in, stdout, InitializeAnswer::resultJson, prewarm::warmSession);
 * ...
 * prewarm.prepare(admin);                         // once the admin client exists
 * AiSetuMcpServer.stdio(options, catalogue, admin, preface, prewarm.jsonMapper(), out, observer);
 * }</pre>
 *
 * <p>The work runs in order on one daemon thread, so a start-up never has more than the main thread
 * and this one busy (the preface answers {@code initialize} before the session's work is started).
 * Nothing here touches the network or any state a session can see; a failure only leaves the work
 * to the session.
 */
public final class Prewarm {
  private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "prewarm");
    thread.setDaemon(true);
    return thread;
  });
  private McpJsonMapper mapper; // Guarded by this.

  private Prewarm() {}

  /** A prewarm with nothing started yet. */
  public static Prewarm create() {
    return new Prewarm();
  }

  /**
   * The mapper the server is to use: the one being warmed, or made now if the warm-up has not
   * begun (its mappings then go on meanwhile, if at all).
   */
  public synchronized McpJsonMapper jsonMapper() {
    if (mapper == null) mapper = new JacksonMcpJsonMapper(new ObjectMapper());
    return mapper;
  }

  /** Makes the mappings of a session's first messages on {@link #jsonMapper()}, on the thread. */
  public void warmSession() {
    submit(() -> {
      session(jsonMapper());
      LazySchemaValidator.prewarm(); // Tool arguments and results are validated from the first call.
      ToolJson.mapper().valueToTree(Map.of("items", List.of(Map.of("id", "ws_prewarm"))));
    });
  }

  /** Lets {@code admin} build its HTTP client and first result mappings, on the thread. */
  public void prepare(AiSetuAdmin admin) {
    submit(admin::prepare);
  }

  private interface Work {
    void run() throws IOException;
  }

  private void submit(Work work) {
    try {
      worker.execute(() -> {
        try {
          work.run();
        } catch (IOException | RuntimeException e) {
          // The session does this work itself, then.
        }
      });
    } catch (RejectedExecutionException e) {
      // Not possible with an unbounded queue; nothing is lost but the head start.
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
            AiSetuMcpServer.CAPABILITIES,
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
