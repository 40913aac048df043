package ai.aisetu.mcp.http;

import static java.util.Objects.requireNonNull;

import ai.aisetu.admin.AdminTransportError;
import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.admin.Cancellation;
import ai.aisetu.mcp.AiSetuMcpServer;
import ai.aisetu.mcp.ServerOptions;
import ai.aisetu.mcp.stdio.MessageObserver;
import ai.aisetu.mcp.tools.ToolCatalogue;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP server over HTTP, for agent platforms that run it as a sidecar: Streamable HTTP at
 * {@code /mcp}, the legacy SSE pair ({@code /sse} + {@code /message}) for older clients, {@code
 * /healthz} (liveness) and {@code /readyz} (the control plane answers), on Jetty. The same
 * catalogue, modes, transcript and redaction as stdio, behind {@link HttpGate}: loopback unless
 * told otherwise, {@code Host}/{@code Origin} allow-lists, a bearer credential on every request,
 * sessions bound to the credential that opened them, bounded bodies, a tool-call rate per caller,
 * and error bodies that never carry internals.
 *
 * <pre>{@code
 * McpHttpServer server = McpHttpServer.create(options, catalogue, admin,
 *     HttpServerConfig.builder().port(8080).build(), transcript);
 * server.start();
 * Runtime.getRuntime().addShutdownHook(new Thread(server::close)); // drains calls in flight
 * server.join();
 * }</pre>
 *
 * <p>Two ways to authenticate callers, never none: each caller presents its own PAT (checked with
 * the control plane; each session then uses only that PAT), or, with {@link
 * HttpServerConfig#accessToken()} set (sidecar mode), callers present that token and every session
 * uses the server's own PAT from {@code options}.
 */
public final class McpHttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(McpHttpServer.class);
  private static final Duration READY_CACHE = Duration.ofSeconds(2);

  private final HttpServerConfig config;
  private final Server jetty;
  private final ServerConnector connector;
  private final HttpGate gate;
  private final AiSetuMcpServer mcp;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ScheduledExecutorService sweeper;
  private final SdkSessions sdkSessions;

  private McpHttpServer(HttpServerConfig config, Server jetty, ServerConnector connector,
      HttpGate gate, AiSetuMcpServer mcp, SdkSessions sdkSessions) {
    this.config = config;
    this.jetty = jetty;
    this.connector = connector;
    this.gate = gate;
    this.mcp = mcp;
    this.sdkSessions = sdkSessions;
    this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "mcp-http-session-sweeper");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * A server not yet listening; call {@link #start()}.
   *
   * @param options the server's options; its PAT is used only in sidecar mode
   * @param baseClient the admin client for the control plane; sessions derive theirs from it
   * @param observer sees every JSON-RPC message in and out, per session (the transcript)
   */
  public static McpHttpServer create(ServerOptions options, ToolCatalogue catalogue,
      AiSetuAdmin baseClient, HttpServerConfig config, MessageObserver observer) {
    return create(options, catalogue, baseClient, config, observer, OutboundRewriter.NONE);
  }

  /**
   * As {@link #create(ServerOptions, ToolCatalogue, AiSetuAdmin, HttpServerConfig,
   * MessageObserver)}, with every outgoing message passed through {@code rewriter} (redaction).
   */
  public static McpHttpServer create(ServerOptions options, ToolCatalogue catalogue,
      AiSetuAdmin baseClient, HttpServerConfig config, MessageObserver observer,
      OutboundRewriter rewriter) {
    requireNonNull(options, "options == null");
    requireNonNull(rewriter, "rewriter == null");
    requireNonNull(baseClient, "baseClient == null");
    requireNonNull(config, "config == null");
    requireNonNull(observer, "observer == null");
    if (config.sidecar() && options.pat() == null) {
      log.warn("sidecar mode without a server PAT: sessions start signed out");
    }
    McpJsonMapper jsonMapper = new JacksonMcpJsonMapper(new ObjectMapper());
    ServerHttpHeaderValidator headers = HttpGate.validator(config);
    McpTransportContextExtractor<HttpServletRequest> context = McpHttpServer::context;
    HttpServletStreamableServerTransportProvider streamable =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(jsonMapper)
            .mcpEndpoint(HttpGate.MCP)
            .contextExtractor(context)
            .httpHeaderValidator(headers)
            .maxRequestSize(config.maxBodyBytes())
            .build();
    HttpServletSseServerTransportProvider sse = HttpServletSseServerTransportProvider.builder()
        .jsonMapper(jsonMapper)
        .sseEndpoint(HttpGate.SSE)
        .messageEndpoint(HttpGate.MESSAGE)
        .contextExtractor(context)
        .httpHeaderValidator(headers)
        .maxRequestSize(config.maxBodyBytes())
        .build();
    AiSetuMcpServer mcp = AiSetuMcpServer.http(options, catalogue, baseClient, jsonMapper, streamable, sse);

    Callers callers = new Callers(baseClient, config.accessToken(), config.credentialTtl());
    HttpGate gate = new HttpGate(config, callers, observer, rewriter, readiness(baseClient));
    gate.cancellations(mcp.cancellationListener());
    SdkSessions sdkSessions = new SdkSessions(streamable);
    gate.onSessionEnded(id -> {
      sdkSessions.close(id); // Already gone after DELETE; an expired one is closed here.
      mcp.sessionEnded(id);
    });

    QueuedThreadPool threads = new QueuedThreadPool(256, 8);
    threads.setName("mcp-http");
    Server jetty = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    connector.setHost(config.host());
    connector.setPort(config.port());
    jetty.addConnector(connector);

    ServletContextHandler handler = new ServletContextHandler("/");
    FilterHolder gateHolder = new FilterHolder(gate);
    gateHolder.setAsyncSupported(true);
    handler.addFilter(gateHolder, "/*", EnumSet.of(DispatcherType.REQUEST));
    ServletHolder streamableHolder = new ServletHolder("mcp", streamable);
    streamableHolder.setAsyncSupported(true);
    handler.addServlet(streamableHolder, HttpGate.MCP);
    ServletHolder sseHolder = new ServletHolder("sse", sse);
    sseHolder.setAsyncSupported(true);
    handler.addServlet(sseHolder, HttpGate.SSE);
    handler.getServletHandler().addServletMapping(mapping("sse", HttpGate.MESSAGE));
    handler.setErrorHandler(new JsonErrorHandler());
    jetty.setHandler(handler);
    jetty.setErrorHandler(new JsonErrorHandler());
    jetty.setStopTimeout(5_000);
    return new McpHttpServer(config, jetty, connector, gate, mcp, sdkSessions);
  }

  private static org.eclipse.jetty.ee10.servlet.ServletMapping mapping(String servlet, String path) {
    org.eclipse.jetty.ee10.servlet.ServletMapping mapping = new org.eclipse.jetty.ee10.servlet.ServletMapping();
    mapping.setServletName(servlet);
    mapping.setPathSpec(path);
    return mapping;
  }

  /** What the gate put on the request, for tool handlers ({@code exchange.transportContext()}). */
  private static McpTransportContext context(HttpServletRequest request) {
    Map<String, Object> values = new HashMap<>();
    for (String key : List.of(ai.aisetu.mcp.stdio.StdioServerTransport.SESSION_KEY,
        ai.aisetu.mcp.stdio.StdioServerTransport.REQUEST_KEY, AiSetuMcpServer.CALLER_PAT_KEY)) {
      Object value = request.getAttribute(key);
      if (value != null) values.put(key, value);
    }
    return McpTransportContext.create(values);
  }

  /** True if the control plane answers at all (an authentication refusal is an answer). */
  private static java.util.function.BooleanSupplier readiness(AiSetuAdmin baseClient) {
    AiSetuAdmin anonymous = baseClient.withoutPat();
    long[] checkedAt = {0};
    boolean[] last = {false};
    return () -> {
      synchronized (checkedAt) {
        long now = System.nanoTime();
        if (checkedAt[0] != 0 && now - checkedAt[0] < READY_CACHE.toNanos()) return last[0];
        boolean answered;
        try {
          anonymous.viewer(Cancellation.create());
          answered = true;
        } catch (AdminTransportError e) {
          answered = false;
        } catch (RuntimeException e) {
          answered = true; // Refused us: it is up.
        }
        checkedAt[0] = now;
        last[0] = answered;
        return answered;
      }
    };
  }

  /** Binds and starts serving. */
  public McpHttpServer start() {
    try {
      jetty.start();
    } catch (Exception e) {
      throw new IllegalStateException("could not listen on " + config.host() + ":" + config.port()
          + " (" + e.getMessage() + "); pick another --port or --host", e);
    }
    long period = sweepPeriod(config.sessionIdleTimeout()).toMillis();
    sweeper.scheduleWithFixedDelay(this::expireIdleSessions, period, period, TimeUnit.MILLISECONDS);
    log.info("MCP over HTTP on {} ({})", uri(), config);
    return this;
  }

  /** The bound port. */
  public int port() {
    return connector.getLocalPort();
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return new InetSocketAddress(connector.getHost() == null ? "0.0.0.0" : connector.getHost(), port());
  }

  /** The Streamable HTTP endpoint, e.g. {@code http://127.0.0.1:8080/mcp}. */
  public URI uri() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return URI.create("http://" + host + ":" + port() + HttpGate.MCP);
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    jetty.join();
  }

  /**
   * Serves until the JVM is asked to stop (SIGTERM, SIGINT, {@code System.exit}): a shutdown hook
   * then {@linkplain #close() closes} this server gracefully and runs {@code afterStop} (flush the
   * transcript, close clients). Blocks the calling thread until both are done.
   */
  public void serveUntilShutdown(Runnable afterStop) throws InterruptedException {
    requireNonNull(afterStop, "afterStop == null");
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        close();
        afterStop.run();
      } finally {
        done.countDown();
      }
    }, "mcp-http-shutdown"));
    jetty.join();
    done.await();
  }

  /** A quarter of the idle timeout, between 50 ms and a minute: expiry is at most that late. */
  static Duration sweepPeriod(Duration idleTimeout) {
    long quarter = idleTimeout.toMillis() / 4;
    return Duration.ofMillis(Math.max(50, Math.min(60_000, quarter)));
  }

  private void expireIdleSessions() {
    try {
      int ended = gate.expireIdle();
      if (ended > 0) log.debug("{} idle session(s) expired", ended);
    } catch (RuntimeException e) {
      log.warn("expiring idle sessions failed", e);
    }
  }

  /** Sessions open now, as the gate counts them (Streamable HTTP and SSE). */
  int sessionCount() {
    return gate.sessionCount();
  }

  /** Sessions whose server-side state (credential, cached viewer, roots) is kept. */
  int sessionStateCount() {
    return mcp.sessionCount();
  }

  /** Streamable HTTP sessions the MCP SDK holds. */
  int sdkSessionCount() {
    return sdkSessions.size();
  }

  /** Tool calls and other requests still being answered. */
  int requestsInFlight() {
    return gate.inFlight();
  }

  /**
   * Graceful stop: refuse new requests (503) and stop accepting connections, let the requests in
   * flight finish (at most the drain timeout), close the MCP sessions, then stop Jetty. Flushing
   * the transcript is the caller's, after this returns. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    sweeper.shutdownNow();
    gate.startClosing();
    if (!gate.awaitIdle(config.drainTimeout().toMillis())) {
      log.warn("{} request(s) still running after {}; stopping without them", gate.inFlight(),
          config.drainTimeout());
    }
    try {
      mcp.close();
    } catch (RuntimeException e) {
      log.debug("closing the MCP sessions failed", e);
    }
    try {
      jetty.stop();
    } catch (Exception e) {
      log.debug("stopping Jetty failed", e);
    }
  }
}
