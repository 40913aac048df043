package ai.aisetu.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.admin.model.LoginResult;
import ai.aisetu.local.LocalControlPlane;
import ai.aisetu.secrets.TranscriptWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One stdio session of {@value #CALLS} {@code whoami} calls (its viewer is cached after the first,
 * so this measures the server, not the control plane), {@value #WINDOW} in flight at a time: the
 * server's threads, open files and resident memory stay within stated bounds of where they were
 * after warm-up, and the transcript rotates so its files stay under {@code (keep + 1) * maxBytes}.
 */
final class LongSessionTest {
  static final int CALLS = Integer.getInteger("robustness.longCalls", 100_000);
  static final int WARM_UP = 2_000;
  static final int WINDOW = 32;
  static final int THREAD_GROWTH_BOUND = 4;
  static final int FD_GROWTH_BOUND = 4;
  static final int RSS_GROWTH_BOUND_MB = 64;
  static final long TRANSCRIPT_MAX_BYTES = 1 << 20;

  @TempDir Path temp;

  @Test
  void hundredThousandCallsInOneSessionLeakNoThreadsFilesOrMemory() throws Exception {
    try (LocalControlPlane plane = LocalControlPlane.builder().inMemory().build().start()) {
      LoginResult account = Accounts.signUp(plane, "long@example.com");
      Path transcript = Files.createDirectories(temp.resolve("transcripts")).resolve("long.jsonl");
      try (McpServerProcess server = McpServerProcess.builder(plane.baseUri().toString())
          .pat(account.secret()).transcript(transcript, TRANSCRIPT_MAX_BYTES).maxHeap("128m")
          .keepStdout(false).start()) {
        HostileInputTest.RawSession session = new HostileInputTest.RawSession(server.process);
        session.initialize();
        Pipelined pipelined = new Pipelined(server.process);
        pipelined.run(WARM_UP);
        int threadsStart = server.process.threads();
        int fdsStart = server.process.openFiles();
        long rssStart = server.process.rssKb();

        long started = System.nanoTime();
        pipelined.run(CALLS);
        double seconds = (System.nanoTime() - started) / 1e9;

        int threadsEnd = server.process.threads();
        int fdsEnd = server.process.openFiles();
        long rssEnd = server.process.rssKb();
        assertThat(session.ping("after")).isTrue();
        long transcriptBytes = 0;
        int transcriptFiles = 0;
        try (var files = Files.list(transcript.getParent())) {
          for (Path file : files.toList()) {
            transcriptBytes += Files.size(file);
            transcriptFiles++;
          }
        }
        String stderr = server.process.stderr.toString();
        server.process.endInput();
        assertThat(server.process.awaitExit(Duration.ofSeconds(15))).isZero();

        RobustnessSummary.cases("long session: whoami calls in one stdio session", CALLS + WARM_UP, pipelined.errors.get());
        RobustnessSummary.note(String.format("long session: %d calls in %.1f s = %.0f calls/s (%d in flight);"
                + " threads %d -> %d (bound +%d), fds %d -> %d (bound +%d), RSS %d -> %d MiB (bound +%d MiB);"
                + " transcript %d files, %d KiB (bound %d KiB)", CALLS, seconds, CALLS / seconds, WINDOW,
            threadsStart, threadsEnd, THREAD_GROWTH_BOUND, fdsStart, fdsEnd, FD_GROWTH_BOUND,
            rssStart / 1024, rssEnd / 1024, RSS_GROWTH_BOUND_MB, transcriptFiles, transcriptBytes / 1024,
            (TranscriptWriter.DEFAULT_KEEP + 1) * TRANSCRIPT_MAX_BYTES / 1024));
        RobustnessSummary.write();

        assertThat(pipelined.errors.get()).as("calls answered with an error; first: %s", pipelined.firstError.get()).isZero();
        assertThat(threadsEnd - threadsStart).as("thread growth").isLessThanOrEqualTo(THREAD_GROWTH_BOUND);
        assertThat(fdsEnd - fdsStart).as("file descriptor growth").isLessThanOrEqualTo(FD_GROWTH_BOUND);
        assertThat(rssEnd - rssStart).as("RSS growth, KiB").isLessThan(RSS_GROWTH_BOUND_MB * 1024L);
        assertThat(transcriptFiles).as("transcript rotated").isBetween(2, TranscriptWriter.DEFAULT_KEEP + 1);
        assertThat(transcriptBytes).isLessThanOrEqualTo((TranscriptWriter.DEFAULT_KEEP + 1) * TRANSCRIPT_MAX_BYTES);
        assertThat(stderr).doesNotContain(account.secret());
      }
    }
  }

  /** Sends {@code whoami} calls with at most {@link #WINDOW} unanswered, and counts the answers. */
  private static final class Pipelined {
    private final JavaProcess process;
    final AtomicLong errors = new AtomicLong();
    final AtomicReference<String> firstError = new AtomicReference<>();
    private long nextId;

    Pipelined(JavaProcess process) {
      this.process = process;
    }

    void run(int calls) throws Exception {
      Semaphore window = new Semaphore(WINDOW);
      AtomicLong answered = new AtomicLong();
      Thread reader = new Thread(() -> {
        try {
          while (answered.get() < calls) {
            String line = process.nextLine(Duration.ofSeconds(20));
            if (line == null) return;
            if (line.contains("\"method\"")) continue;
            if (!line.contains("\"structuredContent\"") || line.contains("\"isError\":true")) {
              errors.incrementAndGet();
              firstError.compareAndSet(null, line.length() > 300 ? line.substring(0, 300) : line);
            }
            answered.incrementAndGet();
            window.release();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "long-session-reader");
      reader.setDaemon(true);
      reader.start();
      for (int i = 0; i < calls; i++) {
        assertThat(window.tryAcquire(20, TimeUnit.SECONDS)).as("answer within 20 s (call %d)", i).isTrue();
        process.send("{\"jsonrpc\":\"2.0\",\"id\":" + (++nextId)
            + ",\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\",\"arguments\":{}}}");
      }
      reader.join(Duration.ofSeconds(30).toMillis());
      assertThat(answered.get()).as("answers").isEqualTo(calls);
    }
  }
}
