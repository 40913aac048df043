package ai.aisetu.mcp.http;

import static java.util.Objects.requireNonNull;

import ai.aisetu.mcp.AiSetuMcpServer;
import ai.aisetu.mcp.stdio.CancellationListener;
import ai.aisetu.mcp.stdio.MessageObserver;
import ai.aisetu.mcp.stdio.StdioServerTransport;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every HTTP request passes here before the SDK's servlets, in this order: health probes (no
 * authentication, no detail); refusal while shutting down (503); {@code Host} and {@code Origin}
 * against the allow-lists (403: DNS rebinding); the bearer credential (401 with {@code
 * WWW-Authenticate}); the session id against the credential that opened it (404: no session
 * hijack); the body size (413) and JSON shape (400); the caller's tool-call rate (429 with {@code
 * Retry-After}). It also hands {@code notifications/cancelled} to the server, puts the caller's
 * PAT, the session and the request id into the transport context, and reports every message to
 * the {@link MessageObserver} (the transcript), as the stdio transport does.
 */
final class HttpGate implements Filter {
  static final String MCP = "/mcp";
  static final String SSE = "/sse";
  static final String MESSAGE = "/message";
  static final String HEALTH = "/healthz";
  static final String READY = "/readyz";
  static final String REALM = "Bearer realm=\"ai-setu-mcp\"";

  private static final Logger log = LoggerFactory.getLogger(HttpGate.class);
  /** One JSON value and nothing after it, as stdio reads a line. */
  private static final ObjectReader BODY_READER = HttpErrors.JSON.reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final HttpServerConfig config;
  private final Callers callers;
  private final RateLimiter rateLimiter;
  private final DefaultServerTransportSecurityValidator hostAndOrigin;
  private final MessageObserver observer;
  private final OutboundRewriter rewriter;
  private final BooleanSupplier ready;
  private volatile CancellationListener cancellations = CancellationListener.NONE;
  private volatile Consumer<String> sessionEnded = id -> {};
  /** Session id to its binding: the caller that opened it, its requests open, its last use. */
  private final Map<String, Binding> sessions = new ConcurrentHashMap<>();
  private final AtomicBoolean closing = new AtomicBoolean();
  private int inFlight; // Guarded by this.

  HttpGate(HttpServerConfig config, Callers callers, MessageObserver observer,
      OutboundRewriter rewriter, BooleanSupplier ready) {
    this.config = requireNonNull(config, "config == null");
    this.callers = requireNonNull(callers, "callers == null");
    this.observer = requireNonNull(observer, "observer == null");
    this.rewriter = requireNonNull(rewriter, "rewriter == null");
    this.ready = requireNonNull(ready, "ready == null");
    this.rateLimiter = new RateLimiter(config.toolCallsPerMinute());
    this.hostAndOrigin = validator(config);
  }

  static DefaultServerTransportSecurityValidator validator(HttpServerConfig config) {
    return DefaultServerTransportSecurityValidator.builder()
        .allowedOrigins(config.effectiveOrigins())
        .allowedHosts(config.effectiveHosts())
        .build();
  }

  void cancellations(CancellationListener cancellations) {
    this.cancellations = requireNonNull(cancellations, "cancellations == null");
  }

  /** Told the id of each session that ended (DELETE, expiry, end of an SSE stream), once. */
  void onSessionEnded(Consumer<String> sessionEnded) {
    this.sessionEnded = requireNonNull(sessionEnded, "sessionEnded == null");
  }

  /**
   * A session known to the gate. {@code open} counts its requests not yet complete (a stream
   * counts until it closes); a session with none open and unused for the idle timeout expires.
   * An SSE session lives as long as its stream and never expires otherwise.
   */
  private static final class Binding {
    final String credentialId;
    final boolean sse;
    int open; // Guarded by the sessions map (compute).
    volatile long lastUsed = System.nanoTime();

    Binding(String credentialId, boolean sse) {
      this.credentialId = credentialId;
      this.sse = sse;
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String path = request.getRequestURI();

    if (HEALTH.equals(path)) {
      probe(response, !closing.get(), "ok");
      return;
    }
    if (READY.equals(path)) {
      probe(response, !closing.get() && ready.getAsBoolean(), "ready");
      return;
    }
    if (closing.get()) {
      HttpErrors.send(response, 503, HttpErrors.SERVER_ERROR, HttpErrors.messageFor(503, null, 0));
      return;
    }
    try {
      hostAndOrigin.validate(headers(request));
    } catch (ServerTransportSecurityException e) {
      boolean badOrigin = request.getHeader("Origin") != null && !originAllowed(request);
      log.warn("refused a request with a disallowed {} header", badOrigin ? "Origin" : "Host");
      HttpErrors.send(response, 403, HttpErrors.SERVER_ERROR, badOrigin
          ? "Forbidden: Origin not allowed; start the server with --allowed-origins to add it"
          : "Forbidden: Host not allowed; start the server with --allowed-hosts to add it");
      return;
    }
    if (!MCP.equals(path) && !SSE.equals(path) && !MESSAGE.equals(path)) {
      HttpErrors.send(response, 404, HttpErrors.SERVER_ERROR,
          "Not Found: the MCP endpoint is " + MCP + " (legacy SSE: " + SSE + ")");
      return;
    }

    Callers.Result auth = callers.authenticate(request.getHeader("Authorization"));
    if (auth.outcome() != Callers.Outcome.OK) {
      refuse(response, auth.outcome());
      return;
    }
    Callers.Caller caller = auth.caller();

    String sessionId = MESSAGE.equals(path)
        ? request.getParameter("sessionId")
        : request.getHeader(GuardedResponse.SESSION_HEADER);
    if (sessionId != null) {
      Binding binding = sessions.get(sessionId);
      if (binding == null || !binding.credentialId.equals(caller.credentialId()) || !acquire(sessionId)) {
        if (binding != null && !binding.credentialId.equals(caller.credentialId())) {
          log.warn("refused a session id presented by a caller that did not open it");
        }
        HttpErrors.send(response, 404, HttpErrors.SERVER_ERROR, HttpErrors.messageFor(404, null, 0));
        return;
      }
    }
    try {
      admitted(request, response, chain, path, caller, sessionId);
    } finally {
      if (sessionId != null) whenComplete(request, () -> release(sessionId));
    }
  }

  private void admitted(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
      String path, Callers.Caller caller, String sessionId) throws IOException, ServletException {

    byte[] body = null;
    JsonNode message = null;
    if ("POST".equals(request.getMethod())) {
      if (request.getContentLengthLong() > config.maxBodyBytes()) {
        tooLarge(response);
        return;
      }
      body = readBounded(request.getInputStream(), config.maxBodyBytes());
      if (body == null) {
        tooLarge(response);
        return;
      }
      try {
        message = BODY_READER.readTree(body);
      } catch (IOException e) {
        HttpErrors.send(response, 400, HttpErrors.PARSE_ERROR, "Parse error: the body is not valid JSON");
        return;
      }
      String problem = message == null ? "the body is empty" : StdioServerTransport.shapeProblem(message);
      if (problem != null) {
        HttpErrors.send(response, 400, HttpErrors.INVALID_REQUEST, "Invalid Request: " + problem);
        return;
      }
      String method = message.path("method").asText(null);
      JsonNode id = message.get("id");
      if ("tools/call".equals(method)) {
        long wait = rateLimiter.acquire(caller.credentialId());
        if (wait > 0) {
          response.setHeader("Retry-After", Long.toString(wait));
          HttpErrors.send(response, 429, id, HttpErrors.SERVER_ERROR, "Rate limited: at most "
              + config.toolCallsPerMinute() + " tool calls per minute per caller; retry after "
              + wait + " s");
          return;
        }
      }
      if ("notifications/cancelled".equals(method) && sessionId != null) {
        JsonNode requestId = message.path("params").get("requestId");
        if (requestId != null && (requestId.isTextual() || requestId.isIntegralNumber())) {
          cancellations.onCancelled(sessionId, StdioServerTransport.requestKey(requestId));
        }
      }
      if (method != null && id != null && !id.isNull()) {
        request.setAttribute(StdioServerTransport.REQUEST_KEY, StdioServerTransport.requestKey(id));
      }
    }
    // The SSE transport's own session ids differ from the URL's: only Streamable HTTP names it.
    if (MCP.equals(path) && sessionId != null) {
      request.setAttribute(StdioServerTransport.SESSION_KEY, sessionId);
    }
    if (caller.pat() != null) request.setAttribute(AiSetuMcpServer.CALLER_PAT_KEY, caller.pat());

    Exchange exchange = new Exchange(caller.credentialId(), SSE.equals(path), sessionId,
        body == null ? null : new String(body, StandardCharsets.UTF_8));
    boolean counted = message != null && message.hasNonNull("id") && message.has("method");
    JsonNode answerable = counted && MCP.equals(path) ? message.get("id") : null;
    GuardedResponse guarded = new GuardedResponse(response, exchange, config.maxBodyBytes(), answerable);
    if (sessionId != null && exchange.inbound != null) exchange.observe(true, exchange.inbound);

    if (counted) begin();
    try {
      chain.doFilter(body == null ? request : new CachedBodyRequest(request, body), guarded);
    } finally {
      if (counted) end();
    }
    guarded.finish();
    if ("DELETE".equals(request.getMethod()) && sessionId != null && guarded.getStatus() < 300) {
      end(sessionId);
    }
    if (MCP.equals(path) && sessionId != null && guarded.getStatus() == 404) {
      end(sessionId); // The SDK no longer has it (its own sweep closed it first).
    }
    if (SSE.equals(path)) {
      whenComplete(request, () -> {
        if (exchange.sessionId != null) end(exchange.sessionId); // The SSE session is its stream.
      });
    }
  }

  /** Counts a request of the session as open; false if the session is gone. */
  private boolean acquire(String sessionId) {
    return sessions.computeIfPresent(sessionId, (id, binding) -> {
      binding.open++;
      binding.lastUsed = System.nanoTime();
      return binding;
    }) != null;
  }

  private void release(String sessionId) {
    sessions.computeIfPresent(sessionId, (id, binding) -> {
      binding.open--;
      binding.lastUsed = System.nanoTime();
      return binding;
    });
  }

  /** Runs {@code done} once the request is complete: now, or when its async processing ends. */
  private static void whenComplete(HttpServletRequest request, Runnable done) {
    if (!request.isAsyncStarted()) {
      done.run();
      return;
    }
    AtomicBoolean ran = new AtomicBoolean();
    Runnable once = () -> {
      if (ran.compareAndSet(false, true)) done.run();
    };
    request.getAsyncContext().addListener(new AsyncListener() {
      @Override
      public void onComplete(AsyncEvent event) {
        once.run();
      }

      @Override
      public void onTimeout(AsyncEvent event) {
        once.run();
      }

      @Override
      public void onError(AsyncEvent event) {
        once.run();
      }

      @Override
      public void onStartAsync(AsyncEvent event) {
        event.getAsyncContext().addListener(this);
      }
    });
  }

  /** Forgets the session and tells whoever keeps state for it; once per session. */
  void end(String sessionId) {
    if (sessions.remove(sessionId) != null) ended(sessionId);
  }

  private void ended(String sessionId) {
    try {
      sessionEnded.accept(sessionId);
    } catch (RuntimeException e) {
      log.warn("releasing an ended session failed", e);
    }
    try {
      observer.sessionEnded(sessionId);
    } catch (RuntimeException e) {
      log.warn("the message observer failed to release an ended session", e);
    }
  }

  /**
   * Ends every Streamable HTTP session with no request open that was last used longer ago than
   * the idle timeout; the number ended. Called periodically.
   */
  int expireIdle() {
    long idleNanos = config.sessionIdleTimeout().toNanos();
    long now = System.nanoTime();
    int ended = 0;
    for (String id : List.copyOf(sessions.keySet())) {
      boolean[] expired = {false};
      sessions.computeIfPresent(id, (key, binding) -> {
        expired[0] = !binding.sse && binding.open <= 0 && now - binding.lastUsed > idleNanos;
        return expired[0] ? null : binding;
      });
      if (expired[0]) {
        log.debug("session expired after {} idle", config.sessionIdleTimeout());
        ended(id);
        ended++;
      }
    }
    return ended;
  }

  /** Sessions the gate knows (open or idle). */
  int sessionCount() {
    return sessions.size();
  }

  private boolean originAllowed(HttpServletRequest request) {
    try {
      DefaultServerTransportSecurityValidator.builder()
          .allowedOrigins(config.effectiveOrigins())
          .build()
          .validate(headers(request));
      return true;
    } catch (ServerTransportSecurityException e) {
      return false;
    }
  }

  private static HeaderAccessor headers(HttpServletRequest request) {
    return new HeaderAccessor() {
      @Override
      public List<String> getHeader(String name) {
        return Collections.list(request.getHeaders(name));
      }

      @Override
      public List<String> getHeaderNames() {
        return Collections.list(request.getHeaderNames());
      }
    };
  }

  /** One request's view: who, which session, and the transcript. */
  private final class Exchange implements GuardedResponse.Listener {
    private final String credentialId;
    private final boolean sse;
    private final String inbound;
    private volatile String sessionId;

    Exchange(String credentialId, boolean sse, String sessionId, String inbound) {
      this.credentialId = credentialId;
      this.sse = sse;
      this.sessionId = sessionId;
      this.inbound = inbound;
    }

    @Override
    public void sessionCreated(String id) {
      if (sessionId != null) return;
      sessions.put(id, new Binding(credentialId, sse));
      sessionId = id;
      if (inbound != null) observe(true, inbound); // The initialize request, now that it has a session.
    }

    @Override
    public String outbound(String json) {
      String session = sessionId;
      if (session == null) return json;
      observe(false, json);
      try {
        return rewriter.rewrite(session, json);
      } catch (RuntimeException e) {
        log.warn("the outbound rewriter failed; the message is withheld", e);
        return HttpErrors.JSON.createObjectNode().put("jsonrpc", "2.0").toString();
      }
    }

    void observe(boolean in, String json) {
      try {
        observer.onMessage(sessionId, in, json);
      } catch (RuntimeException e) {
        log.warn("the message observer failed", e);
      }
    }
  }

  private void refuse(HttpServletResponse response, Callers.Outcome outcome) throws IOException {
    switch (outcome) {
      case MISSING -> {
        response.setHeader("WWW-Authenticate", REALM);
        HttpErrors.send(response, 401, HttpErrors.SERVER_ERROR, config.sidecar()
            ? "Unauthorized: send Authorization: Bearer <the sidecar access token>"
            : "Unauthorized: send Authorization: Bearer <your AI Setu PAT (tt_pat_…)>");
      }
      case INVALID -> {
        response.setHeader("WWW-Authenticate", REALM
            + ", error=\"invalid_token\", error_description=\"the bearer token is not accepted\"");
        HttpErrors.send(response, 401, HttpErrors.SERVER_ERROR, config.sidecar()
            ? "Unauthorized: the bearer token is not the sidecar access token"
            : "Unauthorized: the control plane does not accept this PAT (revoked, expired or mistyped); mint a new one");
      }
      default -> HttpErrors.send(response, 503, HttpErrors.SERVER_ERROR,
          "Service Unavailable: cannot reach the control plane to check the PAT; retry shortly");
    }
  }

  private void tooLarge(HttpServletResponse response) throws IOException {
    response.setHeader("Connection", "close");
    HttpErrors.send(response, 413, HttpErrors.INVALID_REQUEST,
        HttpErrors.messageFor(413, null, config.maxBodyBytes()));
  }

  private static void probe(HttpServletResponse response, boolean ok, String status) throws IOException {
    byte[] bytes = ("{\"status\":\"" + (ok ? status : "unavailable") + "\"}").getBytes(StandardCharsets.UTF_8);
    response.setStatus(ok ? 200 : 503);
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /** The whole body, or null if it is longer than {@code max}. */
  private static byte[] readBounded(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int read;
    while ((read = in.read(buffer)) != -1) {
      if (out.size() + read > max) return null;
      out.write(buffer, 0, read);
    }
    return out.toByteArray();
  }

  private synchronized void begin() {
    inFlight++;
  }

  private synchronized void end() {
    if (--inFlight == 0) notifyAll();
  }

  /** Refuses new requests (503) from now on. */
  void startClosing() {
    closing.set(true);
  }

  /** Waits until no request is in flight, at most {@code timeoutMillis}; true if none is left. */
  synchronized boolean awaitIdle(long timeoutMillis) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (inFlight > 0) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) return false;
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  synchronized int inFlight() {
    return inFlight;
  }
}
