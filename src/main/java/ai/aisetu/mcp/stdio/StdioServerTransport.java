package ai.aisetu.mcp.stdio;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The stdio transport of the server: one JSON-RPC message per line on the given input and output
 * (the process's stdin and stdout), one session. It replaces the SDK's stdio transport, fixing
 * what a long-lived session needs:
 *
 * <ul>
 *   <li>A malformed line (invalid UTF-8, not JSON, not a JSON-RPC shape, or longer than {@code
 *       maxLineBytes}, which is never buffered whole) is answered with a JSON-RPC error ({@code
 *       -32700} parse error, {@code -32600} invalid request) with id {@code null}, and the session
 *       goes on.
 *   <li>At end of input, reading stops, requests in flight finish and their responses are written
 *       (bounded by {@code drainTimeout}), then {@link #serve()} returns.
 *   <li>{@code notifications/cancelled} for a request in flight is handed to the {@link
 *       CancellationListener}; that request's response is then not written (as the MCP spec asks).
 *   <li>Writes are serialised, one line and one flush per message; nothing else is ever written.
 * </ul>
 *
 * <p>Every request is handled with a {@link McpTransportContext} holding {@link #SESSION_KEY} (the
 * session id) and {@link #REQUEST_KEY} (a key of the JSON-RPC id), which handlers read through
 * {@code exchange.transportContext()}.
 *
 * <pre>{@code
 * StdioServerTransport transport = StdioServerTransport.builder(System.in, stdout, jsonMapper).build();
 * McpSyncServer server = McpServer.sync(transport)...build();
 * transport.serve(); // returns after end of input
 * }</pre>
 */
public final class StdioServerTransport implements McpServerTransportProvider {
  /** Transport-context key of the session id (a String). */
  public static final String SESSION_KEY = "ai.aisetu.sessionId";

  /** Transport-context key of the request's id as a key string: {@link #requestKey(Object)}. */
  public static final String REQUEST_KEY = "ai.aisetu.requestKey";

  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;

  private static final Logger log = LoggerFactory.getLogger(StdioServerTransport.class);

  private final InputStream in;
  private final StdioPreface preface;
  private final OutputStream out;
  private final McpJsonMapper jsonMapper;
  private final ObjectMapper objectMapper;
  private final Duration drainTimeout;
  private final MessageObserver observer;
  private final CancellationListener cancellationListener;

  private final Object writeLock = new Object();
  private boolean outputBroken; // Guarded by writeLock.
  private final AtomicBoolean closed = new AtomicBoolean();
  /** True once the client sent {@code initialize}; before it only ping is served. Reader thread. */
  private volatile boolean initialized;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
  private final ReentrantLock pendingLock = new ReentrantLock();
  private final Condition idle = pendingLock.newCondition();
  private int pending;

  /** The request key of an initialize the preface answered; the SDK's answer to it is dropped. */
  private volatile String earlyAnswered;

  private volatile McpServerSession session;
  private volatile String sessionId;

  private StdioServerTransport(Builder builder) {
    this.in = builder.in;
    this.preface = builder.preface != null
        ? builder.preface
        : StdioPreface.passive(builder.in, builder.maxLineBytes);
    this.out = builder.out;
    this.jsonMapper = builder.jsonMapper;
    this.objectMapper =
        new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.drainTimeout = builder.drainTimeout;
    this.observer = builder.observer;
    this.cancellationListener = builder.cancellationListener;
  }

  public static Builder builder(InputStream in, OutputStream out, McpJsonMapper jsonMapper) {
    return new Builder(in, null, out, jsonMapper);
  }

  /**
   * A transport that goes on from a {@link StdioPreface}: its first line (answered early if it was
   * {@code initialize}), then the rest of its input. The preface's line limit applies.
   */
  public static Builder builder(StdioPreface preface, OutputStream out, McpJsonMapper jsonMapper) {
    requireNonNull(preface, "preface == null");
    return new Builder(preface.reader.input(), preface, out, jsonMapper);
  }

  /** The versions of the MCP protocol this transport's sessions speak, oldest first. */
  @Override
  public java.util.List<String> protocolVersions() {
    return StdioPreface.PROTOCOL_VERSIONS;
  }

  /** The key of a JSON-RPC id: {@code n:5} for the number 5, {@code s:abc} for the string "abc". */
  public static String requestKey(Object id) {
    if (id instanceof Number number) return "n:" + number.longValue();
    if (id instanceof JsonNode node) {
      return node.isNumber() ? "n:" + node.longValue() : "s:" + node.asText();
    }
    return "s:" + id;
  }

  @Override
  public void setSessionFactory(McpServerSession.Factory sessionFactory) {
    McpServerSession created = sessionFactory.create(new SessionTransport());
    this.session = created;
    this.sessionId = created.getId();
  }

  /** The id of this transport's one session; null before the server is built. */
  public String sessionId() {
    return sessionId;
  }

  /**
   * Reads messages until end of input (or {@link #closeGracefully()}), then waits for the requests
   * in flight to be answered, at most the drain timeout. Blocks the calling thread.
   */
  public void serve() {
    McpServerSession session = requireNonNull(this.session, "serve() before the server was built");
    try {
      StdioPreface.First first = preface.awaitFirst();
      LineReader.Line line = first.line();
      String earlyAnswer = first.answer();
      String earlyKey = first.requestKey();
      while (line != null) {
        handleLine(session, line, earlyAnswer, earlyKey);
        earlyAnswer = null;
        earlyKey = null;
        if (closed.get()) break;
        line = preface.reader.next();
      }
    } catch (IOException e) {
      if (!closed.get()) log.debug("stdin failed; ending the session", e);
    }
    log.debug("end of input; draining requests in flight");
    if (!awaitIdle(drainTimeout)) {
      log.warn("{} request(s) still running after {}; exiting without their responses",
          pendingCount(), drainTimeout);
    }
    closed.set(true);
    session.closeGracefully().onErrorComplete().block(Duration.ofSeconds(5));
  }

  /**
   * Handles one line; {@code earlyAnswer} is the response the preface already wrote to it (with the
   * request's key), or null.
   */
  private void handleLine(McpServerSession session, LineReader.Line line, String earlyAnswer,
      String earlyKey) {
    if (line.tooLong()) {
      writeError(INVALID_REQUEST, "Invalid Request: message longer than " + preface.reader.maxLineBytes()
          + " bytes; send one JSON-RPC message per line");
      return;
    }
    byte[] bytes = line.bytes();
    if (isBlank(bytes)) return;
    String text = LineReader.utf8(bytes);
    if (text == null) {
      writeError(PARSE_ERROR, "Parse error: the line is not valid UTF-8");
      return;
    }
    JsonNode node;
    try {
      node = objectMapper.readTree(text);
    } catch (IOException e) {
      writeError(PARSE_ERROR, "Parse error: the line is not valid JSON");
      return;
    }
    String problem = shapeProblem(node);
    if (problem != null) {
      writeError(INVALID_REQUEST, "Invalid Request: " + problem);
      return;
    }
    // Observed before the SDK parses it (and logs it at debug): the observer registers the
    // message's secrets, so they are redacted from the first byte of any record.
    observe(true, text);
    if (earlyAnswer != null) {
      // Written before the observer existed: recorded now, in order, and the SDK's answer dropped.
      this.earlyAnswered = earlyKey;
      observe(false, earlyAnswer);
    }
    McpSchema.JSONRPCMessage message;
    try {
      message = message(node);
    } catch (Exception e) {
      writeError(INVALID_REQUEST, "Invalid Request: not a JSON-RPC 2.0 message");
      return;
    }

    if (message instanceof McpSchema.JSONRPCRequest request && !initialized) {
      if (McpSchema.METHOD_INITIALIZE.equals(request.method())) {
        initialized = true;
      } else if (McpSchema.METHOD_PING.equals(request.method())) {
        ObjectNode pong = objectMapper.createObjectNode().put("jsonrpc", "2.0");
        pong.set("id", node.get("id"));
        pong.putObject("result");
        writeLine(pong.toString()); // The SDK would hold it until initialization.
        return;
      } else {
        // The SDK would hold it until initialization, which may never come: answer now.
        writeError(node.get("id"), INVALID_REQUEST, "Invalid Request: the session is not initialized;"
            + " send initialize first");
        return;
      }
    }

    if (message instanceof McpSchema.JSONRPCNotification notification
        && "notifications/cancelled".equals(notification.method())) {
      onCancelled(node.path("params").get("requestId"));
      return;
    }

    Map<String, Object> context;
    String requestKey = null;
    if (message instanceof McpSchema.JSONRPCRequest) {
      requestKey = requestKey(node.get("id"));
      inFlight.add(requestKey);
      context = Map.of(SESSION_KEY, sessionId, REQUEST_KEY, requestKey);
    } else {
      context = Map.of(SESSION_KEY, sessionId);
    }
    String key = requestKey;
    begin();
    session
        .handle(message)
        .contextWrite(Context.of(McpTransportContext.KEY, McpTransportContext.create(context)))
        .doFinally(signal -> {
          if (key != null) {
            inFlight.remove(key);
            cancelled.remove(key);
          }
          end();
        })
        .subscribe(null, error -> log.debug("handling a message failed", error));
  }

  private void onCancelled(JsonNode requestId) {
    if (requestId == null || !(requestId.isTextual() || requestId.isIntegralNumber())) return;
    String key = requestKey(requestId);
    if (!inFlight.contains(key)) return; // Finished already, or never seen: nothing to do.
    cancelled.add(key);
    try {
      cancellationListener.onCancelled(sessionId, key);
    } catch (RuntimeException e) {
      log.warn("cancellation listener failed", e);
    }
  }

  /**
   * The message as the SDK's type, mapped from the tree already parsed: what {@code
   * McpSchema.deserializeJsonRpcMessage} makes, without parsing the text again into a map and
   * converting that. {@code node} has passed {@link #shapeProblem}.
   */
  private McpSchema.JSONRPCMessage message(JsonNode node) throws IOException {
    Class<? extends McpSchema.JSONRPCMessage> type;
    if (node.has("method")) {
      type = node.has("id") ? McpSchema.JSONRPCRequest.class : McpSchema.JSONRPCNotification.class;
    } else {
      type = McpSchema.JSONRPCResponse.class;
    }
    return objectMapper.treeToValue(node, type);
  }

  /**
   * Why {@code node} is not a JSON-RPC 2.0 message, or null if it has the right shape (the HTTP
   * transport checks bodies with it too).
   */
  public static String shapeProblem(JsonNode node) {
    if (node.isArray()) return "batches are not supported; send one message per line";
    if (!node.isObject()) return "a message is a JSON object";
    if (!"2.0".equals(node.path("jsonrpc").textValue())) return "\"jsonrpc\" must be \"2.0\"";
    JsonNode id = node.get("id");
    boolean validId = id != null && (id.isTextual() || id.isIntegralNumber());
    if (node.has("method")) {
      if (!node.get("method").isTextual()) return "\"method\" must be a string";
      if (id != null && !validId) return "\"id\" must be a string or an integer";
      JsonNode params = node.get("params");
      if (params != null && !params.isObject()) return "\"params\" must be an object";
      return null;
    }
    if (validId && (node.has("result") != node.has("error"))) return null;
    return "neither a request, a notification nor a response";
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r') return false;
    }
    return true;
  }

  private void writeError(int code, String message) {
    writeError(null, code, message);
  }

  private void writeError(JsonNode id, int code, String message) {
    ObjectNode error = objectMapper.createObjectNode();
    error.put("jsonrpc", "2.0");
    if (id == null) error.putNull("id");
    else error.set("id", id);
    error.putObject("error").put("code", code).put("message", message);
    log.debug("answered a malformed line: {}", message);
    writeLine(error.toString());
  }

  private void writeMessage(McpSchema.JSONRPCMessage message) throws IOException {
    if (earlyAnswered != null && message instanceof McpSchema.JSONRPCResponse response
        && response.id() != null && earlyAnswered.equals(requestKey(response.id()))) {
      earlyAnswered = null;
      checkEarlyAnswer(response);
      return;
    }
    if (message instanceof McpSchema.JSONRPCResponse response
        && response.id() != null
        && cancelled.remove(requestKey(response.id()))) {
      log.debug("dropped the response to cancelled request {}", response.id());
      return;
    }
    writeLine(jsonMapper.writeValueAsString(message));
  }

  /**
   * The SDK's answer to an initialize the preface answered is the same JSON (StdioPrefaceTest holds
   * them equal). Should the SDK have refused the request instead, the session it holds is unusable
   * (every later request would wait for an initialization that never happened): it is ended, loudly,
   * rather than left to hang.
   */
  private void checkEarlyAnswer(McpSchema.JSONRPCResponse response) {
    if (response.error() == null) return;
    log.error("initialize was answered, but the session refused it ({}); ending the session",
        response.error().message());
    closeGracefully().subscribe();
  }

  private void writeLine(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    synchronized (writeLock) {
      if (outputBroken) return;
      observe(false, json); // Before the peer can see it: the transcript never lags the wire.
      try {
        out.write(bytes);
        out.write('\n');
        out.flush();
      } catch (IOException e) {
        log.debug("stdout is closed; nothing more can be written", e);
        outputBroken = true;
      }
    }
  }

  private void observe(boolean inbound, String json) {
    try {
      observer.onMessage(sessionId, inbound, json);
    } catch (RuntimeException e) {
      log.warn("message observer failed", e);
    }
  }

  private void begin() {
    pendingLock.lock();
    try {
      pending++;
    } finally {
      pendingLock.unlock();
    }
  }

  private void end() {
    pendingLock.lock();
    try {
      if (--pending == 0) idle.signalAll();
    } finally {
      pendingLock.unlock();
    }
  }

  private int pendingCount() {
    pendingLock.lock();
    try {
      return pending;
    } finally {
      pendingLock.unlock();
    }
  }

  private boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    pendingLock.lock();
    try {
      while (pending > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        idle.awaitNanos(left);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      pendingLock.unlock();
    }
  }

  @Override
  public Mono<Void> notifyClients(String method, Object params) {
    McpServerSession session = this.session;
    return session == null ? Mono.empty() : session.sendNotification(method, params);
  }

  @Override
  public Mono<Void> notifyClient(String sessionId, String method, Object params) {
    return sessionId.equals(this.sessionId) ? notifyClients(method, params) : Mono.empty();
  }

  /** Stops reading (closing the input) and lets {@link #serve()} drain and return. */
  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(() -> {
      if (closed.compareAndSet(false, true)) {
        try {
          in.close();
        } catch (IOException e) {
          log.debug("closing stdin failed", e);
        }
      }
    });
  }

  /** The session's side of the transport: writes its messages. */
  private final class SessionTransport implements McpServerTransport {
    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
      return Mono.fromRunnable(() -> {
        try {
          writeMessage(message);
        } catch (IOException e) {
          throw new IllegalStateException("could not serialise a message", e);
        }
      });
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
      return jsonMapper.convertValue(data, typeRef);
    }

    @Override
    public Mono<Void> closeGracefully() {
      return Mono.empty(); // The provider owns the streams; serve() ends the session.
    }

    @Override
    public void close() {}
  }

  public static final class Builder {
    private final InputStream in;
    private final StdioPreface preface;
    private final OutputStream out;
    private final McpJsonMapper jsonMapper;
    private int maxLineBytes = 4 * 1024 * 1024;
    private Duration drainTimeout = Duration.ofSeconds(30);
    private MessageObserver observer = MessageObserver.NONE;
    private CancellationListener cancellationListener = CancellationListener.NONE;

    private Builder(InputStream in, StdioPreface preface, OutputStream out, McpJsonMapper jsonMapper) {
      this.in = requireNonNull(in, "in == null");
      this.preface = preface;
      this.out = requireNonNull(out, "out == null");
      this.jsonMapper = requireNonNull(jsonMapper, "jsonMapper == null");
    }

    /** Longest accepted line, in bytes; default 4 MiB. A preface's own limit (4 MiB) wins. */
    public Builder maxLineBytes(int maxLineBytes) {
      if (maxLineBytes < 1024) throw new IllegalArgumentException("maxLineBytes < 1024");
      this.maxLineBytes = maxLineBytes;
      return this;
    }

    /** How long to wait at end of input for requests in flight; default 30 s. */
    public Builder drainTimeout(Duration drainTimeout) {
      this.drainTimeout = requireNonNull(drainTimeout, "drainTimeout == null");
      return this;
    }

    public Builder observer(MessageObserver observer) {
      this.observer = requireNonNull(observer, "observer == null");
      return this;
    }

    public Builder cancellationListener(CancellationListener listener) {
      this.cancellationListener = requireNonNull(listener, "listener == null");
      return this;
    }

    public StdioServerTransport build() {
      return new StdioServerTransport(this);
    }
  }
}
