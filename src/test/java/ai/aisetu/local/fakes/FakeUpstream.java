package ai.aisetu.local.fakes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

/**
 * A provider API faked on loopback: a {@link MockWebServer} whose answers come from {@link
 * #respond}, which subclasses implement the way the real provider behaves.
 *
 * <pre>{@code
 * try (FakeOpenAi openAi = new FakeOpenAi("sk-valid")) {
 *   openAi.start();
 *   Upstreams upstreams = Upstreams.defaults().withOpenai(openAi.baseUri());
 *   ...
 *   assertThat(openAi.requestCount()).isEqualTo(1);
 * }
 * }</pre>
 */
public abstract class FakeUpstream implements AutoCloseable {
  /** Upper bound on how long a stalled response waits for {@link #close}. */
  static final long MAX_STALL_SECONDS = 15;

  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger requestCount = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile boolean stalled;
  private volatile URI baseUri;

  protected FakeUpstream() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            requestCount.incrementAndGet();
            if (stalled) closed.await(MAX_STALL_SECONDS, TimeUnit.SECONDS);
            return respond(request);
          }
        });
  }

  /** Answers one request as the real provider would. */
  protected abstract MockResponse respond(RecordedRequest request);

  /** Starts listening on a free loopback port. */
  public void start() {
    try {
      server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String host = server.getSocketAddress().getAddress().getHostAddress();
    baseUri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getPort());
  }

  /**
   * Returns the base URL to configure as the provider's upstream, like {@code
   * http://127.0.0.1:51234}. It stays valid after {@link #close}, pointing at a closed port.
   */
  public URI baseUri() {
    if (baseUri == null) throw new IllegalStateException("call start() first");
    return baseUri;
  }

  /** Returns how many requests have arrived so far, answered or not. */
  public int requestCount() {
    return requestCount.get();
  }

  /**
   * Makes every later request wait for {@link #close} (at most {@value #MAX_STALL_SECONDS} s)
   * before it is answered, to exercise client timeouts without sleeping.
   */
  public void stallResponses() {
    stalled = true;
  }

  /** Returns the next request received, in order, or fails if none arrives within five seconds. */
  public RecordedRequest takeRequest() {
    try {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      if (request == null) throw new AssertionError("no request arrived within 5 s");
      return request;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.close();
  }

  /** A response with a body of the given content type. */
  protected static MockResponse response(int code, String contentType, String body) {
    return new MockResponse(code, Headers.of("Content-Type", contentType), body);
  }
}
