package ai.aisetu.mcp;

import static java.util.Objects.requireNonNull;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.mcp.stdio.CancellationListener;
import ai.aisetu.mcp.stdio.MessageObserver;
import ai.aisetu.mcp.stdio.StdioPreface;
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
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpServerTransportProviderBase;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
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

  /**
   * Transport-context key of the PAT of the HTTP caller whose request this is (a String). A session
   * created by such a request uses that PAT, never the server's own.
   */
  public static final String CALLER_PAT_KEY = "ai.aisetu.callerPat";

  /** What every session is offered; InitializeAnswer writes the same for the stdio preface. */
  static final McpSchema.ServerCapabilities CAPABILITIES = McpSchema.ServerCapabilities.builder()
      .tools(true)
      .resources(false, false)
      .prompts(false)
      .logging()
      .completions()
      .build();

  private final StdioServerTransport transport;
  private final List<McpSyncServer> servers;
  private final InFlightCalls inFlight;
  private final Sessions sessions;

  private AiSetuMcpServer(StdioServerTransport transport, List<McpSyncServer> servers,
      InFlightCalls inFlight, Sessions sessions) {
    this.transport = transport;
    this.servers = List.copyOf(servers);
    this.inFlight = inFlight;
    this.sessions = sessions;
  }

  /** This build's version, from the jar manifest ({@code 0.0.0-dev} when run from classes). */
  public static String version() {
    return InitializeAnswer.version();
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
    requireNonNull(in, "in == null");
    return stdio(options, catalogue, baseClient, in, null,
        new JacksonMcpJsonMapper(new ObjectMapper()), out, observer);
  }

  /**
   * The same, going on from a {@link StdioPreface} started on the process's stdin and stdout
   * (with {@link InitializeAnswer#resultJson}) before the server was built: the session begins
   * with the preface's first line, which may have been answered already. {@code jsonMapper} is the
   * SDK's mapper for the session, e.g. {@link Prewarm#jsonMapper()}.
   */
  public static AiSetuMcpServer stdio(ServerOptions options, ToolCatalogue catalogue,
      AiSetuAdmin baseClient, StdioPreface preface, McpJsonMapper jsonMapper, OutputStream out,
      MessageObserver observer) {
    requireNonNull(preface, "preface == null");
    requireNonNull(jsonMapper, "jsonMapper == null");
    return stdio(options, catalogue, baseClient, null, preface, jsonMapper, out, observer);
  }

  private static AiSetuMcpServer stdio(ServerOptions options, ToolCatalogue catalogue,
      AiSetuAdmin baseClient, InputStream in, StdioPreface preface, McpJsonMapper jsonMapper,
      OutputStream out, MessageObserver observer) {
    requireNonNull(options, "options == null");
    InFlightCalls inFlight = new InFlightCalls();
    StdioServerTransport transport = (preface != null
            ? StdioServerTransport.builder(preface, out, jsonMapper)
            : StdioServerTransport.builder(in, out, jsonMapper))
        .observer(observer)
        .cancellationListener(inFlight)
        .drainTimeout(options.drainTimeout())
        .build();
    Features features = new Features(options, catalogue, baseClient, inFlight, session ->
        transport.notifyClient(session.id(), McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED, null)
            .subscribe(null, e -> log.debug("tools/list_changed failed", e)));
    McpSyncServer server = features.apply(McpServer.sync(transport), jsonMapper).build();
    return new AiSetuMcpServer(transport, List.of(server), inFlight, features.sessions);
  }

  /**
   * The same catalogue, resources, prompts and session rules on the SDK's HTTP transports:
   * Streamable HTTP and the legacy SSE pair, sharing one session table. The HTTP front (in {@code
   * ai.aisetu.mcp.http}) authenticates each caller and puts its PAT into the transport context
   * under {@link #CALLER_PAT_KEY}; the session's id under {@link StdioServerTransport#SESSION_KEY}
   * and the request's under {@link StdioServerTransport#REQUEST_KEY}, as stdio does.
   *
   * @throws IllegalArgumentException for an unknown toolset or tool name in the options
   */
  public static AiSetuMcpServer http(ServerOptions options, ToolCatalogue catalogue,
      AiSetuAdmin baseClient, McpJsonMapper jsonMapper,
      McpStreamableServerTransportProvider streamable, McpServerTransportProvider sse) {
    requireNonNull(options, "options == null");
    requireNonNull(streamable, "streamable == null");
    requireNonNull(sse, "sse == null");
    InFlightCalls inFlight = new InFlightCalls();
    Features features = new Features(options, catalogue, baseClient, inFlight, session -> {
      for (McpServerTransportProviderBase provider : List.of(streamable, sse)) {
        provider.notifyClient(session.id(), McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED, null)
            .subscribe(null, e -> log.debug("tools/list_changed failed", e));
      }
    });
    McpSyncServer streamableServer = features.apply(McpServer.sync(streamable), jsonMapper).build();
    McpSyncServer sseServer = features.apply(McpServer.sync(sse), jsonMapper).build();
    return new AiSetuMcpServer(null, List.of(streamableServer, sseServer), inFlight, features.sessions);
  }

  /** What every transport shares: the tools, the session table, the guidance. */
  private static final class Features {
    private final ServerOptions options;
    private final ToolSelection selection;
    private final Sessions sessions;
    private final Guidance guidance;
    private final Map<String, ToolDefinition> byName = new HashMap<>();
    private final List<SyncToolSpecification> specifications = new ArrayList<>();

    Features(ServerOptions options, ToolCatalogue catalogue, AiSetuAdmin baseClient,
        InFlightCalls inFlight, java.util.function.Consumer<Session> onPatChanged) {
      requireNonNull(catalogue, "catalogue == null");
      requireNonNull(baseClient, "baseClient == null");
      this.options = options;
      List<ToolDefinition> tools = List.copyOf(catalogue.tools());
      this.selection = ToolSelection.of(tools, options);
      this.sessions = new Sessions(baseClient, options.pat(), onPatChanged);
      ToolAdapter adapter = new ToolAdapter(selection, sessions, inFlight, options.confirm());
      this.guidance = new Guidance(sessions);
      for (ToolDefinition tool : tools) {
        if (byName.put(tool.name(), tool) != null) {
          throw new IllegalArgumentException("duplicate tool name " + tool.name());
        }
        specifications.add(adapter.specification(tool));
      }
    }

    <S extends McpServer.SyncSpecification<S>> McpServer.SyncSpecification<S> apply(
        McpServer.SyncSpecification<S> spec, McpJsonMapper jsonMapper) {
      return spec
          .serverInfo(NAME, version())
          .instructions(Guidance.INSTRUCTIONS)
          .capabilities(CAPABILITIES)
          // Bounds requests to the client, i.e. elicitation: a person needs more than 10 s.
          .requestTimeout(options.elicitationTimeout())
          .jsonMapper(jsonMapper)
          .jsonSchemaValidator(new LazySchemaValidator())
          .tools(specifications)
          .addToolFilter((context, tool) -> visible(byName.get(tool.name()), selection, sessions, context))
          .resources(guidance.runbookResource())
          .prompts(guidance.prompts())
          .completions(guidance.workspaceCompletion())
          .rootsChangeHandler((exchange, roots) -> sessions.forExchange(exchange).rootsChanged());
    }
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

  /** Serves until end of input, then lets requests in flight finish (bounded); blocks. Stdio only. */
  public void serve() {
    requireNonNull(transport, "serve() is for the stdio server");
    transport.serve();
  }

  /** The stdio session's id (the transcript's session); null for HTTP. */
  public String sessionId() {
    return transport == null ? null : transport.sessionId();
  }

  /**
   * Aborts the control-plane call of a request in flight; an HTTP front calls this for {@code
   * notifications/cancelled} (which the SDK ignores), with the keys it put in the transport context.
   */
  public CancellationListener cancellationListener() {
    return inFlight;
  }

  /**
   * Forgets everything kept for a session that ended (an HTTP front calls this after {@code
   * DELETE} or when the session expired): its credential, cached viewer and roots. Calls of the
   * session still running finish on the state they hold.
   */
  public void sessionEnded(String sessionId) {
    sessions.remove(sessionId);
  }

  /** Sessions with state on this server (for diagnostics and tests). */
  public int sessionCount() {
    return sessions.size();
  }

  /** Tool calls currently running (for draining, tests and diagnostics). */
  public int callsInFlight() {
    return inFlight.size();
  }

  @Override
  public void close() {
    for (McpSyncServer server : servers) server.closeGracefully();
  }
}
