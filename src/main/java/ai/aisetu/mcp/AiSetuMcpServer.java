package ai.aisetu.mcp;

import static java.util.Objects.requireNonNull;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.mcp.stdio.MessageObserver;
import ai.aisetu.mcp.stdio.StdioServerTransport;
import ai.aisetu.mcp.tools.Access;
import ai.aisetu.mcp.tools.ToolCatalogue;
import ai.aisetu.mcp.tools.ToolDefinition;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AI Setu MCP server: the tool catalogue, the runbook resource, the prompts and completions,
 * on the MCP SDK's sync server, over {@link StdioServerTransport}.
 *
 * <pre>{@code
 * try (AiSetuMcpServer server = AiSetuMcpServer.stdio(options, catalogue, admin, System.in, stdout,
 *     MessageObserver.NONE)) {
 *   server.serve(); // until end of input, then drains the requests in flight
 * }
 * }</pre>
 *
 * <p>Per session, the listing follows the credential: without a PAT every offered tool is listed
 * (admin tools then answer "not signed in"); with an {@code admin:read} PAT the write tools are
 * hidden; a PAT change sends {@code notifications/tools/list_changed} to that session only.
 */
public final class AiSetuMcpServer implements AutoCloseable {
  public static final String NAME = "ai-setu-mcp";

  private static final Logger log = LoggerFactory.getLogger(AiSetuMcpServer.class);

  private final StdioServerTransport transport;
  private final McpSyncServer server;
  private final InFlightCalls inFlight;

  private AiSetuMcpServer(StdioServerTransport transport, McpSyncServer server, InFlightCalls inFlight) {
    this.transport = transport;
    this.server = server;
    this.inFlight = inFlight;
  }

  /** This build's version, from the jar manifest ({@code 0.0.0-dev} when run from classes). */
  public static String version() {
    String version = AiSetuMcpServer.class.getPackage().getImplementationVersion();
    return version != null ? version : "0.0.0-dev";
  }

  /**
   * A server speaking JSON-RPC lines on {@code in} and {@code out}. Nothing else is ever written to
   * {@code out}.
   *
   * @param baseClient the admin client for the control plane; its own PAT is ignored, sessions
   *     derive theirs from it (sharing its connections)
   * @param observer sees every message in and out (the transcript)
   * @throws IllegalArgumentException for an unknown toolset or tool name in the options
   */
  public static AiSetuMcpServer stdio(ServerOptions options, ToolCatalogue catalogue,
      AiSetuAdmin baseClient, InputStream in, OutputStream out, MessageObserver observer) {
    requireNonNull(options, "options == null");
    requireNonNull(catalogue, "catalogue == null");
    requireNonNull(baseClient, "baseClient == null");
    List<ToolDefinition> tools = List.copyOf(catalogue.tools());
    ToolSelection selection = ToolSelection.of(tools, options);

    McpJsonMapper jsonMapper = new JacksonMcpJsonMapper(new ObjectMapper());
    InFlightCalls inFlight = new InFlightCalls();
    StdioServerTransport transport = StdioServerTransport.builder(in, out, jsonMapper)
        .observer(observer)
        .cancellationListener(inFlight)
        .drainTimeout(options.drainTimeout())
        .build();
    Sessions sessions = new Sessions(baseClient, options.pat(), session ->
        transport.notifyClient(session.id(), McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED, null)
            .subscribe(null, e -> log.debug("tools/list_changed failed", e)));
    ToolAdapter adapter = new ToolAdapter(selection, sessions, inFlight, options.confirm());
    Guidance guidance = new Guidance(sessions);

    Map<String, ToolDefinition> byName = new HashMap<>();
    List<SyncToolSpecification> specifications = new ArrayList<>();
    for (ToolDefinition tool : tools) {
      if (byName.put(tool.name(), tool) != null) {
        throw new IllegalArgumentException("duplicate tool name " + tool.name());
      }
      specifications.add(adapter.specification(tool));
    }

    McpSyncServer server = McpServer.sync(transport)
        .serverInfo(NAME, version())
        .instructions(Guidance.INSTRUCTIONS)
        .capabilities(McpSchema.ServerCapabilities.builder()
            .tools(true)
            .resources(false, false)
            .prompts(false)
            .logging()
            .completions()
            .build())
        // Bounds requests to the client, i.e. elicitation: a person needs more than 10 s.
        .requestTimeout(options.elicitationTimeout())
        .jsonMapper(jsonMapper)
        .jsonSchemaValidator(new LazySchemaValidator())
        .tools(specifications)
        .addToolFilter((context, tool) -> visible(byName.get(tool.name()), selection, sessions, context))
        .resources(guidance.runbookResource())
        .prompts(guidance.prompts())
        .completions(guidance.workspaceCompletion())
        .rootsChangeHandler((exchange, roots) -> sessions.forExchange(exchange).rootsChanged())
        .build();
    return new AiSetuMcpServer(transport, server, inFlight);
  }

  private static boolean visible(ToolDefinition tool, ToolSelection selection, Sessions sessions,
      McpTransportContext context) {
    if (tool == null) return true;
    if (!selection.offers(tool)) return false;
    if (tool.access() != Access.WRITE) return true;
    Session session = sessions.forContext(context);
    if (session == null) return true;
    List<String> scopes = session.scopesForListing();
    return scopes == null || scopes.contains("admin:write");
  }

  /** Serves until end of input, then lets requests in flight finish (bounded); blocks. */
  public void serve() {
    transport.serve();
  }

  /** The stdio session's id (the transcript's session). */
  public String sessionId() {
    return transport.sessionId();
  }

  /** Tool calls currently running (for tests and diagnostics). */
  int callsInFlight() {
    return inFlight.size();
  }

  @Override
  public void close() {
    server.closeGracefully();
  }
}
