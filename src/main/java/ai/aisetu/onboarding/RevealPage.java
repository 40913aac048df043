package ai.aisetu.onboarding;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import ai.aisetu.secrets.OnceOnlySecret;
import ai.aisetu.secrets.Redactor;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-time pages on a loopback HTTP server, where a person types a sign-in code or sees a
 * once-only secret, so that neither passes through the model. The server is started lazily, on
 * {@code 127.0.0.1} and a free port, the first time a flow is opened.
 *
 * <pre>{@code
 * RevealPage pages = RevealPage.create(Clock.systemUTC(), RevealPage.DEFAULT_TTL);
 * RevealPage.Flow flow = pages.openCodeEntry(sessionId, "ada@example.com", hint, code -> verify(code));
 * session.elicitUrl("Type the code from your email on this page", flow.url(), flow.id());
 * RevealPage.Outcome outcome = flow.await(Duration.ofMinutes(10), cancellation);
 * }</pre>
 *
 * <p>What makes a flow safe to hand to a browser:
 *
 * <ul>
 *   <li>Its URL {@code http://127.0.0.1:<port>/flows/<id>} holds no secret; the id is 256 random
 *       bits. A flow belongs to the MCP session that opened it ({@link #find}) and expires after
 *       its time to live (the clock is injectable).
 *   <li>The first {@code GET} binds the flow to that browser with an {@code HttpOnly}, {@code
 *       SameSite=Strict} cookie; any other browser is refused. The page is a form; nothing is
 *       revealed on {@code GET}, so link previews and prefetchers cannot use the flow up.
 *   <li>A {@code POST} must carry the flow's form token (compared in constant time), the binding
 *       cookie, an {@code Origin} equal to this server's, and a {@code Host} naming the loopback
 *       address (no DNS rebinding).
 *   <li>The secret is shown once: the flow is then used up and every later request gets {@code
 *       410 Gone}. Pages are sent with {@code Cache-Control: no-store}, {@code Referrer-Policy:
 *       no-referrer}, a restrictive CSP and {@code frame-ancestors 'none'}.
 * </ul>
 *
 * <p>Every error page is generic and holds no secret. Thread-safe.
 */
public final class RevealPage implements AutoCloseable {
  /** How long a flow lives unless told otherwise: the life of a sign-in code. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

  /** Wrong codes a code-entry flow accepts before it gives up (the control plane allows 5). */
  static final int MAX_CODE_ATTEMPTS = 5;

  private static final Logger log = LoggerFactory.getLogger(RevealPage.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PATH = "/flows/";
  private static final String COOKIE = "ai_setu_flow";
  private static final int MAX_FORM_BYTES = 4096;

  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Flow> flows = new ConcurrentHashMap<>();
  private final Object startLock = new Object();
  private HttpServer server; // guarded by startLock
  private ExecutorService executor; // guarded by startLock
  private volatile String origin;
  private volatile int port;
  private volatile boolean closed;

  private RevealPage(Clock clock, Duration ttl) {
    this.clock = requireNonNull(clock, "clock == null");
    this.ttl = requireNonNull(ttl, "ttl == null");
    if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("ttl <= 0");
  }

  /** Pages whose flows live {@code ttl}; nothing listens until the first flow is opened. */
  public static RevealPage create(Clock clock, Duration ttl) {
    return new RevealPage(clock, ttl);
  }

  /** Checks a code typed on the page: mints the PAT, or throws with a message for the person. */
  @FunctionalInterface
  public interface CodeVerifier {
    /**
     * @return the new PAT to show once on the page, and a summary for the model that holds no
     *     secret (such as "signed in as ada@example.com with a PAT ending abcd")
     * @throws Exception with a message that is shown on the page (after redaction): a wrong code,
     *     say; the person may try again
     */
    Verified verify(String code) throws Exception;
  }

  /** What a verified code produced. */
  public record Verified(OnceOnlySecret pat, String pageTitle, String summary) {
    public Verified {
      requireNonNull(pat, "pat == null");
      requireNonNull(pageTitle, "pageTitle == null");
      requireNonNull(summary, "summary == null");
    }
  }

  /** How a flow ended, for the tool that opened it. Holds no secret. */
  public record Outcome(Status status, String summary) {
    public enum Status {
      /** The code was verified and the PAT shown, or the secret was revealed. */
      DONE,
      /** The flow expired before it was used. */
      EXPIRED,
      /** Too many wrong codes, or the page server could not go on. */
      FAILED,
      /** The wait ended (timeout or cancellation) while the flow was still open. */
      PENDING
    }
  }

  /**
   * Opens a page where the person types the sign-in code sent to {@code email}.
   *
   * @param hint a line shown above the form (where to find the code), or null
   */
  public Flow openCodeEntry(String sessionId, String email, String hint, CodeVerifier verifier) {
    requireNonNull(email, "email == null");
    requireNonNull(verifier, "verifier == null");
    return open(new Flow(this, sessionId, Kind.CODE_ENTRY, "Sign in to AI Setu",
        "Type the 6-digit code sent to " + email + ".", hint, verifier, null));
  }

  /**
   * Opens a page that shows {@code secret} once, after the person presses a button.
   *
   * @param label what the secret is, such as "API key ci (workspace ws_1)"
   */
  public Flow openReveal(String sessionId, OnceOnlySecret secret, String label) {
    requireNonNull(secret, "secret == null");
    requireNonNull(label, "label == null");
    return open(new Flow(this, sessionId, Kind.REVEAL, "Your new secret",
        "Your new " + label + " (" + secret.redacted() + ") is ready. It is shown once: have your"
            + " password manager or secret store open, then press the button.",
        null, null, secret));
  }

  /** The flow {@code id} if it belongs to {@code sessionId} and is still open. */
  public Optional<Flow> find(String sessionId, String id) {
    Flow flow = id == null ? null : flows.get(id);
    if (flow == null || !flow.sessionId.equals(sessionId)) return Optional.empty();
    return flow.expireIfDue() ? Optional.empty() : Optional.of(flow);
  }

  /** The page server's origin, such as {@code http://127.0.0.1:53127}; starts it if needed. */
  public URI origin() {
    ensureStarted();
    return URI.create(origin);
  }

  /** Stops the page server; open flows end as failed. */
  @Override
  public void close() {
    closed = true;
    synchronized (startLock) {
      if (server != null) {
        server.stop(0);
        executor.shutdownNow();
        server = null;
      }
    }
    for (Flow flow : flows.values()) flow.finish(Outcome.Status.FAILED, "the page server stopped");
    flows.clear();
  }

  private Flow open(Flow flow) {
    sweep();
    ensureStarted();
    flows.put(flow.id, flow);
    return flow;
  }

  private void sweep() {
    for (Flow flow : flows.values()) flow.expireIfDue();
  }

  private void ensureStarted() {
    synchronized (startLock) {
      if (closed) throw new IllegalStateException("the reveal page server is closed");
      if (server != null) return;
      try {
        HttpServer created = HttpServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2, runnable -> {
          Thread thread = new Thread(runnable, "reveal-page-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
        created.setExecutor(pool);
        created.createContext("/", this::handle);
        created.start();
        server = created;
        executor = pool;
        port = created.getAddress().getPort();
        origin = "http://127.0.0.1:" + port;
        log.debug("reveal page server listening on {}", origin);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the loopback reveal page server", e);
      }
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Response response = respond(exchange);
      send(exchange, response);
    } catch (RuntimeException e) {
      log.warn("reveal page request failed ({})", e.getClass().getSimpleName());
    }
  }

  private Response respond(HttpExchange exchange) throws IOException {
    Headers headers = exchange.getRequestHeaders();
    String host = headers.getFirst("Host");
    int port = this.port;
    if (host == null
        || !(host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port))) {
      return Response.error(403, "This page only answers on the loopback address.");
    }
    String path = exchange.getRequestURI().getRawPath();
    if (path == null || !path.startsWith(PATH) || exchange.getRequestURI().getRawQuery() != null) {
      return Response.error(404, "There is nothing here.");
    }
    Flow flow = flows.get(path.substring(PATH.length()));
    if (flow == null) {
      return Response.error(404, "This link is not valid. Ask your assistant to start again.");
    }
    String method = exchange.getRequestMethod();
    if (method.equals("GET")) return flow.onGet(cookie(headers));
    if (method.equals("POST")) {
      String requestOrigin = headers.getFirst("Origin");
      if (requestOrigin == null || !requestOrigin.equals(origin)) {
        return Response.error(403, "This form can only be sent from its own page.");
      }
      String fetchSite = headers.getFirst("Sec-Fetch-Site");
      if (fetchSite != null && !fetchSite.equals("same-origin")) {
        return Response.error(403, "This form can only be sent from its own page.");
      }
      String type = headers.getFirst("Content-Type");
      if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
        return Response.error(415, "This form must be sent from its own page.");
      }
      Map<String, String> form = readForm(exchange.getRequestBody());
      if (form == null) return Response.error(413, "The form is too large.");
      return flow.onPost(cookie(headers), form);
    }
    return Response.error(405, "Only GET and POST are allowed here.").withHeader("Allow", "GET, POST");
  }

  private static String cookie(Headers headers) {
    String prefix = COOKIE + "=";
    for (String header : headers.getOrDefault("Cookie", java.util.List.of())) {
      for (String part : header.split(";")) {
        String trimmed = part.strip();
        if (trimmed.startsWith(prefix)) return trimmed.substring(prefix.length());
      }
    }
    return null;
  }

  private static Map<String, String> readForm(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(MAX_FORM_BYTES + 1);
    if (bytes.length > MAX_FORM_BYTES) return null;
    Map<String, String> form = new HashMap<>();
    for (String pair : new String(bytes, UTF_8).split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        form.putIfAbsent(URLDecoder.decode(name, UTF_8), URLDecoder.decode(value, UTF_8));
      } catch (IllegalArgumentException e) {
        return Map.of();
      }
    }
    return form;
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "text/html; charset=utf-8");
    headers.set("Cache-Control", "no-store");
    headers.set("Pragma", "no-cache");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline';"
        + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    response.headers.forEach(headers::set);
    byte[] body = response.html.getBytes(UTF_8);
    exchange.sendResponseHeaders(response.status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static boolean sameToken(String expected, String actual) {
    return expected != null && actual != null
        && MessageDigest.isEqual(expected.getBytes(UTF_8), actual.getBytes(UTF_8));
  }

  enum Kind { CODE_ENTRY, REVEAL }

  /** One open page. Its handle is the capability: only the tool that opened it holds it. */
  public static final class Flow {
    private final RevealPage pages;
    private final String id = randomToken();
    private final String formToken = randomToken();
    private final String sessionId;
    private final Kind kind;
    private final String title;
    private final String intro;
    private final String hint;
    private final CodeVerifier verifier;
    private final OnceOnlySecret secret;
    private final Instant expiresAt;
    private final Redactor redactor = new Redactor();
    private final java.util.concurrent.CompletableFuture<Outcome> outcome =
        new java.util.concurrent.CompletableFuture<>();
    private String browserToken; // guarded by this
    private boolean used; // guarded by this
    private int attempts; // guarded by this

    private Flow(RevealPage pages, String sessionId, Kind kind, String title, String intro,
        String hint, CodeVerifier verifier, OnceOnlySecret secret) {
      this.pages = pages;
      this.sessionId = requireNonNull(sessionId, "sessionId == null");
      this.kind = kind;
      this.title = title;
      this.intro = intro;
      this.hint = hint;
      this.verifier = verifier;
      this.secret = secret;
      this.expiresAt = pages.clock.instant().plus(pages.ttl);
    }

    /** The unguessable id; also the URL elicitation's {@code elicitationId}. */
    public String id() {
      return id;
    }

    /** The page's URL. It holds no secret. */
    public URI url() {
      return URI.create(pages.origin + PATH + id);
    }

    public Instant expiresAt() {
      return expiresAt;
    }

    /**
     * Waits until the flow is done or expired, at most {@code timeout}; returns {@code PENDING}
     * if it is still open then, or when {@code cancelled} is set.
     */
    public Outcome await(Duration timeout, ai.aisetu.admin.Cancellation cancellation) {
      Duration left = Duration.between(pages.clock.instant(), expiresAt);
      Duration wait = left.compareTo(timeout) < 0 ? left : timeout;
      try (ai.aisetu.admin.Cancellation.Registration ignored = cancellation == null
          ? () -> {}
          : cancellation.onCancel(() -> outcome.complete(new Outcome(Outcome.Status.PENDING,
              "the wait was cancelled; the page stays open until it expires")))) {
        return outcome.get(Math.max(1, wait.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        if (expireIfDue()) return outcome.join();
        return new Outcome(Outcome.Status.PENDING, "the page is still open");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Outcome(Outcome.Status.PENDING, "the wait was interrupted");
      } catch (java.util.concurrent.ExecutionException e) {
        return new Outcome(Outcome.Status.FAILED, "the page failed");
      }
    }

    /** True (and the flow gone) if it expired. */
    boolean expireIfDue() {
      if (!pages.clock.instant().isAfter(expiresAt)) return false;
      finish(Outcome.Status.EXPIRED, "the page expired before it was used");
      return true;
    }

    private void finish(Outcome.Status status, String summary) {
      synchronized (this) {
        used = true;
      }
      pages.flows.remove(id, this);
      outcome.complete(new Outcome(status, summary));
    }

    synchronized Response onGet(String cookie) {
      if (expireIfDue()) return gone();
      if (used) return gone();
      if (browserToken == null) {
        browserToken = randomToken();
        return form(null).withHeader("Set-Cookie", COOKIE + "=" + browserToken
            + "; Path=" + PATH + id + "; HttpOnly; SameSite=Strict");
      }
      if (!sameToken(browserToken, cookie)) return otherBrowser();
      return form(null);
    }

    synchronized Response onPost(String cookie, Map<String, String> form) {
      if (expireIfDue()) return gone();
      if (used) return gone();
      if (browserToken == null || !sameToken(browserToken, cookie)) return otherBrowser();
      if (!sameToken(formToken, form.get("token"))) {
        return Response.error(403, "This form can only be sent from its own page. Reload it and try again.");
      }
      if (kind == Kind.REVEAL) {
        String value = secret.reveal();
        finish(Outcome.Status.DONE, "the person saw " + secret.redacted() + " on the page");
        return Response.reveal(title, "Here it is. It will not be shown again: store it now.", value);
      }
      String code = form.getOrDefault("code", "").strip();
      if (!code.matches("[0-9]{6}")) return form("Type the 6 digits of the code.");
      attempts++;
      Verified verified;
      try {
        verified = verifier.verify(code);
      } catch (Exception e) {
        String message = e.getMessage() == null ? "the code could not be checked" : e.getMessage();
        if (attempts >= MAX_CODE_ATTEMPTS) {
          finish(Outcome.Status.FAILED, "too many wrong codes on the page");
          return Response.error(410, "Too many attempts. Ask your assistant to send a new code.");
        }
        return form("That did not work: " + redactor.redact(Redactor.global().redact(message)));
      }
      String value = verified.pat().reveal();
      finish(Outcome.Status.DONE, verified.summary());
      return Response.reveal(verified.pageTitle(),
          "This is your new personal access token. Your assistant is now signed in with it and"
              + " will never see it. It will not be shown again: store it now.", value);
    }

    private Response form(String error) {
      StringBuilder body = new StringBuilder();
      body.append("<p>").append(html(intro)).append("</p>");
      if (hint != null) body.append("<p class=hint>").append(html(hint)).append("</p>");
      if (error != null) body.append("<p class=error>").append(html(error)).append("</p>");
      body.append("<form method=post action=\"").append(PATH).append(id).append("\">")
          .append("<input type=hidden name=token value=\"").append(formToken).append("\">");
      if (kind == Kind.CODE_ENTRY) {
        body.append("<label>Code <input name=code inputmode=numeric autocomplete=one-time-code"
            + " pattern=\"[0-9]{6}\" maxlength=6 required autofocus></label> ")
            .append("<button type=submit>Sign in</button>");
      } else {
        body.append("<button type=submit>Show it once</button>");
      }
      body.append("</form><p class=hint>This page works once and expires at ")
          .append(html(expiresAt.toString())).append(".</p>");
      return new Response(200, page(title, body.toString()));
    }

    private static Response gone() {
      return Response.error(410, "This link has been used or has expired. Ask your assistant to start again.");
    }

    private static Response otherBrowser() {
      return Response.error(403, "This link was opened in another browser; it only works there.");
    }

    @Override
    public String toString() {
      return "Flow[" + kind + ", session " + sessionId + ", expires " + expiresAt + "]";
    }
  }

  /** An HTML response. */
  static final class Response {
    final int status;
    final String html;
    final Map<String, String> headers = new HashMap<>();

    Response(int status, String html) {
      this.status = status;
      this.html = html;
    }

    Response withHeader(String name, String value) {
      headers.put(name, value);
      return this;
    }

    static Response error(int status, String message) {
      return new Response(status, page("AI Setu", "<p class=error>" + html(message) + "</p>"));
    }

    static Response reveal(String title, String message, String secret) {
      return new Response(200, page(title, "<p>" + html(message) + "</p><p><code id=secret>"
          + html(secret) + "</code></p>"));
    }
  }

  private static String page(String title, String body) {
    return "<!doctype html><html lang=en><head><meta charset=utf-8>"
        + "<meta name=viewport content=\"width=device-width\"><meta name=referrer content=no-referrer>"
        + "<title>" + html(title) + "</title><style>body{font:16px system-ui,sans-serif;max-width:36em;"
        + "margin:3em auto;padding:0 1em}code{font-size:1.1em;word-break:break-all;background:#eee;"
        + "padding:.3em}.error{color:#a00}.hint{color:#555}</style></head><body><h1>" + html(title)
        + "</h1>" + body + "</body></html>";
  }

  static String html(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
