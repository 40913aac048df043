package ai.aisetu.robustness;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP/1.1 proxy on loopback in front of the local control plane that misbehaves on cue. Each
 * request takes the next scripted {@link Fault} (or passes through when the script is empty) and
 * is recorded by its GraphQL {@code operationName}. Every answer carries {@code Connection: close}.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(plane.baseUri())) {
 *   proxy.script(Fault.status(502), Fault.status(502));  // the next two requests fail
 *   // point the server at proxy.baseUri() ...
 *   assertThat(proxy.count("workspaces")).isEqualTo(3);
 * }
 * }</pre>
 */
final class FaultProxy implements AutoCloseable {
  private static final Pattern OPERATION = Pattern.compile("\"operationName\"\\s*:\\s*\"([A-Za-z0-9_]+)\"");

  /** What to do with one request. */
  record Fault(Kind kind, int status, Duration delay) {
    enum Kind { STATUS, STATUS_AFTER_FORWARD, DELAY, RESET_MID_BODY, TRUNCATE, NON_JSON }

    /** Answers {@code status} without forwarding: the control plane never sees the request. */
    static Fault status(int status) {
      return new Fault(Kind.STATUS, status, Duration.ZERO);
    }

    /** Forwards (the control plane commits), then answers {@code status} instead. */
    static Fault statusAfterForward(int status) {
      return new Fault(Kind.STATUS_AFTER_FORWARD, status, Duration.ZERO);
    }

    /** Holds the request for {@code delay} (or until the proxy closes), then forwards it. */
    static Fault delay(Duration delay) {
      return new Fault(Kind.DELAY, 0, delay);
    }

    /** Forwards, then sends the head and half the body and resets the connection (RST). */
    static Fault resetMidBody() {
      return new Fault(Kind.RESET_MID_BODY, 0, Duration.ZERO);
    }

    /** Forwards, then sends the head and half the body and closes (FIN): a short body. */
    static Fault truncate() {
      return new Fault(Kind.TRUNCATE, 0, Duration.ZERO);
    }

    /** Answers 200 with an HTML page, without forwarding. */
    static Fault nonJson() {
      return new Fault(Kind.NON_JSON, 0, Duration.ZERO);
    }

    @Override
    public String toString() {
      return switch (kind) {
        case STATUS -> "HTTP " + status;
        case STATUS_AFTER_FORWARD -> "HTTP " + status + " after commit";
        case DELAY -> "delay " + delay.toMillis() + " ms";
        default -> kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
      };
    }
  }

  private final URI upstream;
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "fault-proxy-connection");
    thread.setDaemon(true);
    return thread;
  });
  private final ConcurrentLinkedQueue<Fault> script = new ConcurrentLinkedQueue<>();
  private final List<String> operations = new CopyOnWriteArrayList<>();
  private final List<String> forwarded = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile ServerSocket listener;
  private final int port;

  private FaultProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.port = listen(0);
  }

  static FaultProxy start(URI upstream) throws IOException {
    return new FaultProxy(upstream);
  }

  URI baseUri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Queues faults for the next requests, in order; requests beyond them pass through. */
  void script(Fault... faults) {
    script.addAll(List.of(faults));
  }

  void clear() {
    script.clear();
    operations.clear();
    forwarded.clear();
  }

  /** How many requests for {@code operationName} arrived. */
  int count(String operationName) {
    return (int) operations.stream().filter(operationName::equals).count();
  }

  /** How many requests for {@code operationName} reached the control plane and were answered. */
  int forwardedCount(String operationName) {
    return (int) forwarded.stream().filter(operationName::equals).count();
  }

  int requests() {
    return operations.size();
  }

  /** Stops accepting connections: callers then get "connection refused". */
  void refuseConnections() throws IOException {
    listener.close();
  }

  /** Accepts connections again, on the same port. */
  void acceptConnections() throws IOException {
    listen(port);
  }

  private int listen(int wanted) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 50);
    listener = socket;
    Thread acceptor = new Thread(() -> accept(socket), "fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return socket.getLocalPort();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        connections.execute(() -> serve(connection));
      } catch (IOException e) {
        return; // Closed.
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout(10_000);
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      if (head == null) return;
      Map<String, String> headers = headers(head);
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0").trim());
      byte[] body = in.readNBytes(length);
      Matcher m = OPERATION.matcher(new String(body, UTF_8));
      String operation = m.find() ? m.group(1) : "?";
      operations.add(operation);
      Fault fault = script.poll();
      OutputStream out = socket.getOutputStream();
      if (fault == null) {
        Upstream answer = forward(head, headers, body, operation);
        write(out, answer.status, answer.contentType, answer.body, answer.body.length);
        return;
      }
      switch (fault.kind()) {
        case STATUS -> write(out, fault.status(), "application/json",
            "{\"errors\":[{\"message\":\"upstream unavailable\"}]}".getBytes(UTF_8), -1);
        case NON_JSON -> write(out, 200, "text/html",
            "<html><body><h1>Welcome to nginx!</h1></body></html>".getBytes(UTF_8), -1);
        case STATUS_AFTER_FORWARD -> {
          forward(head, headers, body, operation);
          write(out, fault.status(), "text/html", "<html>Bad Gateway</html>".getBytes(UTF_8), -1);
        }
        case DELAY -> {
          closing.await(fault.delay().toMillis(), TimeUnit.MILLISECONDS);
          Upstream answer = forward(head, headers, body, operation);
          write(out, answer.status, answer.contentType, answer.body, answer.body.length);
        }
        case RESET_MID_BODY, TRUNCATE -> {
          Upstream answer = forward(head, headers, body, operation);
          byte[] half = java.util.Arrays.copyOf(answer.body, answer.body.length / 2);
          writeHead(out, answer.status, answer.contentType, answer.body.length);
          out.write(half);
          out.flush();
          if (fault.kind() == Fault.Kind.RESET_MID_BODY) socket.setSoLinger(true, 0);
        }
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      // The client went away (e.g. after its timeout); nothing to answer.
    }
  }

  private record Upstream(int status, String contentType, byte[] body) {}

  private Upstream forward(String head, Map<String, String> headers, byte[] body, String operation)
      throws IOException, InterruptedException {
    String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
    HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(path))
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (String name : List.of("authorization", "content-type", "accept", "user-agent")) {
      String value = headers.get(name);
      if (value != null) request.header(name, value.trim());
    }
    HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    forwarded.add(operation);
    return new Upstream(response.statusCode(),
        response.headers().firstValue("content-type").orElse("application/json"), response.body());
  }

  private static void write(OutputStream out, int status, String contentType, byte[] body, int length)
      throws IOException {
    writeHead(out, status, contentType, length < 0 ? body.length : length);
    out.write(body);
    out.flush();
  }

  private static void writeHead(OutputStream out, int status, String contentType, int length)
      throws IOException {
    String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
        + "Content-Type: " + contentType + "\r\n"
        + "Content-Length: " + length + "\r\n"
        + "Connection: close\r\n\r\n";
    out.write(head.getBytes(ISO_8859_1));
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 401 -> "Unauthorized";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Status";
    };
  }

  /** The request line and headers, up to the blank line; null at end of input. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) return head.toString(ISO_8859_1);
      if (head.size() > 64 * 1024) throw new IOException("request head too large");
    }
    return null;
  }

  private static Map<String, String> headers(String head) {
    Map<String, String> headers = new TreeMap<>();
    String[] lines = head.split("\r\n");
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1));
    }
    return headers;
  }

  @Override
  public void close() throws IOException {
    closing.countDown();
    listener.close();
    connections.shutdownNow();
  }

  /** For assertions' messages. */
  List<String> operations() {
    return new ArrayList<>(operations);
  }
}
