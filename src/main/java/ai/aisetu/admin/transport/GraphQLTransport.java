package ai.aisetu.admin.transport;

import static java.util.Objects.requireNonNull;

import ai.aisetu.admin.AdminCancelledException;
import ai.aisetu.admin.AdminException;
import ai.aisetu.admin.AdminGraphQLError;
import ai.aisetu.admin.AdminHttpError;
import ai.aisetu.admin.AdminTransportError;
import ai.aisetu.admin.AdminTransportError.Kind;
import ai.aisetu.admin.Cancellation;
import ai.aisetu.admin.ErrorCode;
import ai.aisetu.admin.model.AdminJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Operation}s against one GraphQL endpoint over OkHttp: JSON over POST with {@code
 * operationName}, a bearer PAT when one is set, and keep-alive connections from one shared pool.
 *
 * <p>Failures come out as the three {@link AdminException} kinds. Queries are retried up to {@code
 * maxRetries} times on a connection failure or HTTP 502, 503 or 504, after 100 ms, 200 ms, …;
 * mutations are never retried once their body may have reached the server. Logs (SLF4J, debug)
 * carry the operation name and status only.
 *
 * <p>{@link #withPat(String)} makes a transport for another PAT on the same pool and dispatcher;
 * only the transport made by {@link Builder#build()} releases them on {@link #close()}.
 */
public final class GraphQLTransport implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GraphQLTransport.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = AdminJson.newObjectMapper();
  private static final int MAX_SERVER_MESSAGE = 500;

  private final Connections client;
  private final HttpUrl endpoint;
  private final String pat;
  private final String userAgent;
  private final int maxRetries;
  private final Duration retryBackoff;
  private final boolean ownsClient;

  private GraphQLTransport(
      Connections client,
      HttpUrl endpoint,
      String pat,
      String userAgent,
      int maxRetries,
      Duration retryBackoff,
      boolean ownsClient) {
    this.client = client;
    this.endpoint = endpoint;
    this.pat = pat;
    this.userAgent = userAgent;
    this.maxRetries = maxRetries;
    this.retryBackoff = retryBackoff;
    this.ownsClient = ownsClient;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The default {@code User-Agent}: {@code ai-setu-mcp/<version> (java/<version>)}. */
  public static String defaultUserAgent() {
    String version = GraphQLTransport.class.getPackage().getImplementationVersion();
    return "ai-setu-mcp/" + (version != null ? version : "dev")
        + " (java/" + System.getProperty("java.version") + ")";
  }

  /** A transport for {@code pat} (null for none) sharing this one's connections and threads. */
  public GraphQLTransport withPat(String pat) {
    return new GraphQLTransport(
        client, endpoint, pat, userAgent, maxRetries, retryBackoff, false);
  }

  public boolean hasPat() {
    return pat != null;
  }

  public HttpUrl endpoint() {
    return endpoint;
  }

  public String userAgent() {
    return userAgent;
  }

  /**
   * Runs {@code operation} with {@code variables} (values Jackson can write; nulls are sent as
   * null) and decodes its root field.
   *
   * @throws AdminTransportError the exchange broke, or {@code cancellation} was cancelled
   * @throws AdminHttpError the server answered with a non-2xx status
   * @throws AdminGraphQLError the answer carried {@code errors[]}
   */
  public <T> T execute(
      Operation<T> operation, Map<String, ?> variables, Cancellation cancellation) {
    requireNonNull(operation, "operation == null");
    requireNonNull(variables, "variables == null");
    requireNonNull(cancellation, "cancellation == null");
    String name = operation.operationName();
    if (cancellation.isCancelled()) throw new AdminCancelledException(name, null);

    JsonNode variablesJson = MAPPER.valueToTree(variables);
    Scrubber scrubber = Scrubber.of(pat, variablesJson);
    ObjectNode payload = MAPPER.createObjectNode();
    payload.put("query", operation.document());
    payload.put("operationName", name);
    payload.set("variables", variablesJson);
    byte[] body;
    try {
      body = MAPPER.writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(name + ": variables cannot be written as JSON");
    }

    boolean mutation = operation.type() == Operation.Type.MUTATION;
    int attempts = mutation ? 1 : 1 + maxRetries;
    for (int attempt = 1; ; attempt++) {
      try {
        return exchange(operation, requestBody(body, mutation), cancellation, scrubber);
      } catch (RetryableFailure retryable) {
        if (attempt >= attempts) throw retryable.failure;
        long backoffMillis = retryBackoff.toMillis() << (attempt - 1);
        log.debug("{} attempt {} failed ({}); retrying in {} ms",
            name, attempt, retryable.reason, backoffMillis);
        awaitBackoff(name, backoffMillis, cancellation);
      }
    }
  }

  private <T> T exchange(
      Operation<T> operation, RequestBody body, Cancellation cancellation, Scrubber scrubber)
      throws RetryableFailure {
    String name = operation.operationName();
    Request.Builder request = new Request.Builder()
        .url(endpoint)
        .header("Accept", "application/json")
        .header("User-Agent", userAgent)
        .post(body);
    if (pat != null) request.header("Authorization", "Bearer " + pat);
    Call call = client.get().newCall(request.build());

    int status;
    String text;
    try (Cancellation.Registration ignored = cancellation.onCancel(call::cancel);
        Response response = call.execute()) {
      status = response.code();
      text = response.body().string();
    } catch (IOException e) {
      throw transportFailure(name, e, cancellation, scrubber);
    }
    log.debug("{} -> HTTP {}", name, status);

    if (status < 200 || status > 299) {
      AdminHttpError error = new AdminHttpError(name, status, serverMessage(text, scrubber));
      if (status == 502 || status == 503 || status == 504) {
        throw new RetryableFailure(error, "HTTP " + status);
      }
      throw error;
    }
    return decode(operation, text, scrubber);
  }

  private static RetryableFailure transportFailure(
      String name, IOException e, Cancellation cancellation, Scrubber scrubber) {
    if (cancellation.isCancelled() || Thread.currentThread().isInterrupted()) {
      throw new AdminCancelledException(name, e);
    }
    String detail = scrubber.scrub(String.valueOf(e.getMessage()));
    if (e instanceof InterruptedIOException) {
      throw new AdminTransportError(Kind.TIMEOUT, name, name + " timed out: " + detail, e);
    }
    if (e instanceof ConnectException
        || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException) {
      return new RetryableFailure(new AdminTransportError(
          Kind.CONNECT, name, name + " could not connect to the control plane: " + detail, e),
          "connect");
    }
    return new RetryableFailure(new AdminTransportError(
        Kind.IO, name, name + " failed on the connection: " + detail, e), "io");
  }

  private <T> T decode(Operation<T> operation, String text, Scrubber scrubber) {
    String name = operation.operationName();
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      // No cause: Jackson's message quotes the body, which may hold a secret.
      String where = e.getLocation() != null
          ? " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"
          : "";
      throw malformed(name, "the response body is not valid JSON" + where);
    }
    if (root == null || !root.isObject()) {
      throw malformed(name, "the response body is not a JSON object");
    }
    JsonNode errors = root.get("errors");
    if (errors != null && errors.isArray() && !errors.isEmpty()) {
      throw graphQLError(name, errors.get(0), scrubber);
    }
    JsonNode data = root.get("data");
    if (data == null || !data.isObject()) {
      throw malformed(name, "the response has no data");
    }
    JsonNode value = data.get(operation.rootField());
    if (value == null || value.isNull()) {
      throw malformed(name, "the response has no " + operation.rootField());
    }
    JavaType type = operation.returnsList()
        ? MAPPER.getTypeFactory().constructCollectionType(List.class, operation.resultClass())
        : MAPPER.getTypeFactory().constructType(operation.resultClass());
    try {
      return MAPPER.treeToValue(value, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String where = e instanceof JsonMappingException mapping
          ? " at " + mapping.getPathReference()
          : "";
      throw malformed(name, operation.rootField() + " does not match "
          + operation.resultClass().getSimpleName() + where);
    }
  }

  private static AdminTransportError malformed(String name, String why) {
    return new AdminTransportError(Kind.MALFORMED_RESPONSE, name, name + ": " + why, null);
  }

  private static AdminGraphQLError graphQLError(String name, JsonNode error, Scrubber scrubber) {
    JsonNode extensions = error.path("extensions");
    String message = error.path("message").isTextual()
        ? error.path("message").asText()
        : name + " failed without a message";
    List<Object> path = new ArrayList<>();
    for (JsonNode segment : error.path("path")) {
      path.add(segment.isInt() ? (Object) segment.asInt() : segment.asText());
    }
    JsonNode field = extensions.path("field");
    JsonNode retryAfter = extensions.path("retryAfterSeconds");
    return new AdminGraphQLError(
        name,
        ErrorCode.of(extensions.path("code").isTextual() ? extensions.path("code").asText() : null),
        truncate(scrubber.scrub(message)),
        path,
        field.isTextual() ? field.asText() : null,
        retryAfter.canConvertToInt() && retryAfter.isNumber() ? retryAfter.asInt() : null);
  }

  /** The {@code errors[0].message} (or {@code message}) of a JSON error body, scrubbed, or null. */
  private static String serverMessage(String text, Scrubber scrubber) {
    try {
      JsonNode root = MAPPER.readTree(text);
      if (root == null) return null;
      JsonNode message = root.path("errors").path(0).path("message");
      if (!message.isTextual()) message = root.path("message");
      return message.isTextual() ? truncate(scrubber.scrub(message.asText())) : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String truncate(String message) {
    return message.length() <= MAX_SERVER_MESSAGE
        ? message
        : message.substring(0, MAX_SERVER_MESSAGE) + "…";
  }

  private static void awaitBackoff(String name, long millis, Cancellation cancellation) {
    CountDownLatch cancelled = new CountDownLatch(1);
    try (Cancellation.Registration ignored = cancellation.onCancel(cancelled::countDown)) {
      if (cancelled.await(millis, TimeUnit.MILLISECONDS)) {
        throw new AdminCancelledException(name, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminCancelledException(name, e);
    }
  }

  /**
   * A mutation's body is one-shot: OkHttp then retries it only when it failed before sending (a
   * stale pooled connection), never once the server may have received it.
   */
  private static RequestBody requestBody(byte[] body, boolean oneShot) {
    if (!oneShot) return RequestBody.create(body, JSON);
    return new RequestBody() {
      @Override
      public MediaType contentType() {
        return JSON;
      }

      @Override
      public long contentLength() {
        return body.length;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        sink.write(body);
      }

      @Override
      public boolean isOneShot() {
        return true;
      }
    };
  }

  /**
   * Does now, with no request, what the first call would otherwise do before its request leaves:
   * builds the HTTP client and makes the JSON mappings of a request body and of {@code operations}'
   * results. For a server spawned per session, which can spend a spare core on this while it starts.
   * Thread-safe; best effort (a failure here only leaves the work to the first call).
   */
  public void prepare(List<Operation<?>> operations) {
    requireNonNull(operations, "operations == null");
    client.get();
    try {
      ObjectNode payload = MAPPER.createObjectNode();
      payload.put("query", "query Prepare { viewer { patId } }");
      payload.put("operationName", "Prepare");
      payload.set("variables", MAPPER.valueToTree(Map.of("workspaceId", "ws_prepare")));
      MAPPER.writeValueAsBytes(payload);
      Scrubber scrubber = Scrubber.of(null, payload);
      for (Operation<?> operation : operations) {
        String value = operation.returnsList() ? "[{}]" : "{}";
        try {
          decode(operation, "{\"data\":{\"" + operation.rootField() + "\":" + value + "}}", scrubber);
        } catch (RuntimeException expected) {
          // An empty object is not a valid result; the mapping it went through is made all the same.
        }
      }
    } catch (JsonProcessingException | RuntimeException e) {
      log.debug("preparing the client failed; the first call does the work", e);
    }
  }

  /** Releases the connection pool and dispatcher, if this transport created them. */
  @Override
  public void close() {
    if (!ownsClient) return;
    OkHttpClient built = client.ifBuilt();
    if (built == null) return;
    built.dispatcher().executorService().shutdown();
    built.connectionPool().evictAll();
  }

  /**
   * The OkHttp client, built on the first call: a server that only answers {@code initialize} and
   * {@code tools/list} never pays for it. Every transport made by {@link #withPat} shares the one
   * holder, so they share one pool and dispatcher.
   */
  private static final class Connections {
    private final Supplier<OkHttpClient> factory;
    private volatile OkHttpClient client;

    Connections(Supplier<OkHttpClient> factory) {
      this.factory = factory;
    }

    OkHttpClient get() {
      OkHttpClient result = client;
      if (result != null) return result;
      synchronized (this) {
        if (client == null) client = factory.get();
        return client;
      }
    }

    OkHttpClient ifBuilt() {
      return client;
    }
  }

  private static final class RetryableFailure extends Exception {
    final AdminException failure;
    final String reason;

    RetryableFailure(AdminException failure, String reason) {
      super(null, null, false, false);
      this.failure = failure;
      this.reason = reason;
    }
  }

  /** Configures a {@link GraphQLTransport}. */
  public static final class Builder {
    private HttpUrl endpoint;
    private String pat;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(60);
    private int maxRetries = 2;
    private Duration retryBackoff = Duration.ofMillis(100);
    private String userAgent = defaultUserAgent();

    private Builder() {}

    /** The GraphQL endpoint, e.g. {@code https://api.aisetu.ai/graphql}. Required. */
    public Builder endpoint(HttpUrl endpoint) {
      this.endpoint = requireNonNull(endpoint, "endpoint == null");
      return this;
    }

    /** The bearer token, or null to send no {@code Authorization} header. */
    public Builder pat(String pat) {
      this.pat = pat;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    /** The limit on one attempt of a call, from connecting to reading the whole body. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = positive(timeout, "callTimeout");
      return this;
    }

    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > 10) {
        throw new IllegalArgumentException("maxRetries must be 0 to 10, was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /** The wait before the first retry; it doubles for each further retry. */
    public Builder retryBackoff(Duration backoff) {
      this.retryBackoff = requireNonNull(backoff, "backoff == null");
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = requireNonNull(userAgent, "userAgent == null");
      return this;
    }

    private static Duration positive(Duration timeout, String name) {
      requireNonNull(timeout, name + " == null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + timeout);
      }
      return timeout;
    }

    public GraphQLTransport build() {
      requireNonNull(endpoint, "endpoint == null");
      HttpUrl endpoint = this.endpoint;
      Duration connectTimeout = this.connectTimeout;
      Duration readTimeout = this.readTimeout;
      Duration callTimeout = this.callTimeout;
      Connections client = new Connections(() -> {
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        // Redirects are not followed, so a plain-HTTP endpoint (the local plane) never needs TLS:
        // without TLS specs OkHttp skips loading the platform trust store, a cost at every start.
        if (!endpoint.isHttps()) builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        return builder
            .connectionPool(new ConnectionPool(5, 5, TimeUnit.MINUTES))
            .dispatcher(new Dispatcher())
            .connectTimeout(connectTimeout)
            .readTimeout(readTimeout)
            .writeTimeout(readTimeout)
            .callTimeout(callTimeout)
            .followRedirects(false)
            .build();
      });
      return new GraphQLTransport(
          client, endpoint, pat, userAgent, maxRetries, retryBackoff, true);
    }
  }
}
