package ai.aisetu.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streamable HTTP sessions against the server in a child process ({@link RobustHttpServerMain},
 * with per-session transcripts and redactors as {@code Main} wires them): {@value #SESSIONS}
 * sessions, {@value #WORKERS} at a time, each initialized, used for one {@code whoami} and closed
 * with {@code DELETE}, leave the server's threads, file descriptors, live heap and resident memory
 * within stated bounds of where they were after warm-up. Then the cost of a session left open (live
 * heap and descriptors per idle session), and idle sessions expiring: with a short idle timeout,
 * sessions never closed are refused (404) and what they held is freed.
 */
final class LongHttpSessionsTest {
  static final int SESSIONS = Integer.getInteger("robustness.httpSessions", 1000);
  static final int WARM_UP = 100;
  static final int IDLE = 200;
  static final int WORKERS = 4;
  static final int THREAD_GROWTH_BOUND = 8;
  static final int FD_GROWTH_BOUND = 8;
  static final int HEAP_GROWTH_BOUND_KB = 2048;
  static final int RSS_GROWTH_BOUND_MB = 48;
  static final int IDLE_SESSION_BOUND_KB = 160;
  static final Duration SHORT_IDLE_TIMEOUT = Duration.ofSeconds(1);

  @TempDir static Path temp;
  @RegisterExtension static final SignedUpPlane PLANE = new SignedUpPlane("http-long@example.com");

  @Test
  void thousandSessionsOpenedAndClosedLeakNoThreadsFilesOrMemory() throws Exception {
    try (McpHttpProcess server = McpHttpProcess.start(PLANE.baseUrl(), PLANE.pat(),
        temp.resolve("state-long"), Duration.ofMinutes(30))) {
      Counts warmUp = openUseAndClose(server, WARM_UP);
      assertThat(warmUp.failures.get()).as("warm-up failures; first: %s", warmUp.first.get()).isZero();
      int threadsStart = server.process.threads();
      int fdsStart = server.process.openFiles();
      long heapStart = server.process.heapUsedKbAfterGc();
      long rssStart = server.process.rssKb();

      long started = System.nanoTime();
      Counts run = openUseAndClose(server, SESSIONS);
      double seconds = (System.nanoTime() - started) / 1e9;

      int threadsEnd = server.process.threads();
      int fdsEnd = server.process.openFiles();
      long heapEnd = server.process.heapUsedKbAfterGc();
      long rssEnd = server.process.rssKb();
      assertThat(server.healthy()).isTrue();

      // What a session left open costs: IDLE sessions initialized, used once, never closed.
      List<McpHttpProcess.Session> idle = new ArrayList<>();
      for (int i = 0; i < IDLE; i++) {
        McpHttpProcess.Session session = server.open(PLANE.pat());
        assertThat(session.tool("idle-" + i, "whoami", "{}")).isNotNull();
        idle.add(session);
      }
      long heapIdle = server.process.heapUsedKbAfterGc();
      int fdsIdle = server.process.openFiles();
      double kibPerSession = (heapIdle - heapEnd) / (double) IDLE;
      double fdsPerSession = (fdsIdle - fdsEnd) / (double) IDLE;
      for (McpHttpProcess.Session session : idle) assertThat(session.close()).isLessThan(300);
      int fdsAfterIdleClosed = server.process.openFiles();
      String stderr = server.stderr();

      RobustnessSummary.cases("long HTTP sessions: opened, one tool call, DELETE", SESSIONS + WARM_UP,
          run.failures.get() + warmUp.failures.get());
      RobustnessSummary.note(String.format("long HTTP sessions: %d sessions (%d at a time) in %.1f s;"
              + " threads %d -> %d (bound +%d), fds %d -> %d (bound +%d), live heap %d -> %d KiB"
              + " (bound +%d KiB), RSS %d -> %d MiB (bound +%d MiB)", SESSIONS, WORKERS, seconds,
          threadsStart, threadsEnd, THREAD_GROWTH_BOUND, fdsStart, fdsEnd, FD_GROWTH_BOUND, heapStart,
          heapEnd, HEAP_GROWTH_BOUND_KB, rssStart / 1024, rssEnd / 1024, RSS_GROWTH_BOUND_MB));
      RobustnessSummary.note(String.format("idle HTTP session cost: %d sessions left open add %d KiB"
              + " live heap = %.1f KiB/session (bound %d), %.2f fds/session (its transcript file);"
              + " after their DELETE fds %d -> %d", IDLE, heapIdle - heapEnd, kibPerSession,
          IDLE_SESSION_BOUND_KB, fdsPerSession, fdsIdle, fdsAfterIdleClosed));

      assertThat(run.failures.get()).as("sessions that failed; first: %s", run.first.get()).isZero();
      assertThat(threadsEnd - threadsStart).as("thread growth").isLessThanOrEqualTo(THREAD_GROWTH_BOUND);
      assertThat(fdsEnd - fdsStart).as("file descriptor growth").isLessThanOrEqualTo(FD_GROWTH_BOUND);
      assertThat(heapEnd - heapStart).as("live heap growth, KiB").isLessThanOrEqualTo(HEAP_GROWTH_BOUND_KB);
      assertThat(rssEnd - rssStart).as("RSS growth, KiB").isLessThan(RSS_GROWTH_BOUND_MB * 1024L);
      assertThat(kibPerSession).as("KiB per idle session").isLessThanOrEqualTo(IDLE_SESSION_BOUND_KB);
      assertThat(fdsAfterIdleClosed - fdsEnd).as("fds after the idle sessions closed").isLessThanOrEqualTo(FD_GROWTH_BOUND);
      assertThat(stderr).doesNotContain(PLANE.pat());
      assertThat(McpServerProcess.STACK_TRACE.matcher(stderr).find()).as("a stack trace on stderr:\n" + stderr).isFalse();
    }
  }

  @Test
  void idleSessionsExpireAndWhatTheyHeldIsFreed() throws Exception {
    try (McpHttpProcess server = McpHttpProcess.start(PLANE.baseUrl(), PLANE.pat(),
        temp.resolve("state-idle"), SHORT_IDLE_TIMEOUT)) {
      openUseAndClose(server, 20);
      int fdsStart = server.process.openFiles();
      Expiry first = idleRound(server, fdsStart); // Also warms up the expiry path.
      long heapStart = server.process.heapUsedKbAfterGc();
      Expiry second = idleRound(server, fdsStart);
      long heapEnd = server.process.heapUsedKbAfterGc();
      McpHttpProcess.Session fresh = server.open(PLANE.pat());
      JsonNode who = fresh.tool("after", "whoami", "{}");

      RobustnessSummary.cases("long HTTP sessions: idle sessions expired (timeout "
          + SHORT_IDLE_TIMEOUT.toMillis() + " ms)", 2L * IDLE, 2L * IDLE - first.refused - second.refused);
      RobustnessSummary.note(String.format("idle expiry: 2 rounds of %d idle sessions, timeout %d ms: fds %d"
              + " -> %d open -> %d after expiry; live heap after round 1 %d KiB, after round 2 %d KiB"
              + " (bound +%d KiB); %d of %d ids refused with 404", IDLE, SHORT_IDLE_TIMEOUT.toMillis(),
          fdsStart, second.fdsOpen, second.fdsAfter, heapStart, heapEnd, HEAP_GROWTH_BOUND_KB,
          first.refused + second.refused, 2 * IDLE));

      for (Expiry round : List.of(first, second)) {
        assertThat(round.fdsOpen - fdsStart).as("an open transcript per idle session").isGreaterThanOrEqualTo(20);
        assertThat(round.fdsAfter - fdsStart).as("fds after expiry").isLessThanOrEqualTo(FD_GROWTH_BOUND);
        assertThat(round.refused).as("expired ids refused").isEqualTo(IDLE);
      }
      assertThat(heapEnd - heapStart).as("live heap growth over a round, KiB").isLessThanOrEqualTo(HEAP_GROWTH_BOUND_KB);
      assertThat(who).isNotNull();
      assertThat(who.path("result").path("isError").asBoolean(true)).as(who.toString()).isFalse();
    }
  }

  /** One round of idle sessions: descriptors while open and after expiry, and ids refused. */
  private record Expiry(int fdsOpen, int fdsAfter, int refused) {}

  /** {@link #IDLE} sessions opened, used once and left; waits (bounded) until they expired. */
  private static Expiry idleRound(McpHttpProcess server, int fdsStart) throws Exception {
    List<McpHttpProcess.Session> idle = new ArrayList<>();
    for (int i = 0; i < IDLE; i++) {
      McpHttpProcess.Session session = server.open(PLANE.pat());
      session.tool("idle-" + i, "whoami", "{}");
      idle.add(session);
    }
    long lastUsed = System.nanoTime();
    int fdsOpen = server.process.openFiles();
    // Every session has expired once the timeout and two sweep periods have passed since the last
    // was used; then wait (bounded) for the descriptors to come back.
    long expiredBy = lastUsed + SHORT_IDLE_TIMEOUT.plusMillis(SHORT_IDLE_TIMEOUT.toMillis() / 2).toNanos();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    int fdsNow = fdsOpen;
    while (System.nanoTime() < deadline) {
      fdsNow = server.process.openFiles();
      if (System.nanoTime() > expiredBy && fdsNow - fdsStart <= FD_GROWTH_BOUND) break;
      Thread.sleep(100);
    }
    int refused = 0;
    for (McpHttpProcess.Session session : idle) {
      if (session.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").status() == 404) refused++;
    }
    return new Expiry(fdsOpen, fdsNow, refused);
  }

  /** Outcomes of a run of sessions. */
  private static final class Counts {
    final AtomicInteger failures = new AtomicInteger();
    final AtomicReference<String> first = new AtomicReference<>();

    void fail(String what) {
      failures.incrementAndGet();
      first.compareAndSet(null, what);
    }
  }

  /** {@code count} sessions, {@link #WORKERS} at a time: open, call {@code whoami}, DELETE. */
  private static Counts openUseAndClose(McpHttpProcess server, int count) throws Exception {
    Counts counts = new Counts();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        workers.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            try {
              McpHttpProcess.Session session = server.open(PLANE.pat());
              JsonNode answer = session.tool("call-" + i, "whoami", "{}");
              if (answer == null || answer.path("result").path("isError").asBoolean(true)
                  || !answer.path("result").has("structuredContent")) {
                counts.fail("session " + i + ": " + answer);
              }
              int status = session.close();
              if (status >= 300) counts.fail("session " + i + ": DELETE answered " + status);
            } catch (Exception | AssertionError e) {
              counts.fail("session " + i + ": " + e);
            }
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) worker.get(120, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    return counts;
  }
}
