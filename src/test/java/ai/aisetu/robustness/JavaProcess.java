package ai.aisetu.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM child process running a main class of this build (the test class path), with its stdout
 * split into lines on a queue, its stderr kept, and its threads, file descriptors and resident
 * memory readable from {@code /proc} (Linux).
 */
final class JavaProcess implements AutoCloseable {
  private static final String EOF = "\u0000eof";

  final Process process;
  final List<String> stdoutLines = new CopyOnWriteArrayList<>();
  final StringBuffer stderr = new StringBuffer();
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final OutputStream stdin;

  private JavaProcess(Process process, boolean keepStdout) {
    this.process = process;
    this.stdin = process.getOutputStream();
    daemon("stdout-" + process.pid(), () -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
        String line;
        while ((line = in.readLine()) != null) {
          if (keepStdout) stdoutLines.add(line);
          lines.add(line);
        }
      } catch (IOException e) {
        // The process is gone.
      }
      lines.add(EOF);
    });
    daemon("stderr-" + process.pid(), () -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (stderr.length() < 4_000_000) stderr.append(line).append('\n');
        }
      } catch (IOException e) {
        // The process is gone.
      }
    });
  }

  /**
   * Starts {@code mainClass} with {@code args}; {@code env} adds to (or, for null values, removes
   * from) the environment. {@code keepStdout} keeps every stdout line for a later scan.
   */
  static JavaProcess start(Class<?> mainClass, List<String> args, Map<String, String> env,
      String maxHeap, boolean keepStdout) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + maxHeap);
    command.add("-Xss512k");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=" + System.getProperty("robustness.childLogLevel", "warn"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(args);
    // A fresh working directory: it is the server's workspace root when the client sends none.
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(Files.createTempDirectory("robustness-cwd").toFile());
    builder.environment().remove("AI_SETU_PAT");
    builder.environment().remove("AI_SETU_API_BASE_URL");
    env.forEach((k, v) -> {
      if (v == null) builder.environment().remove(k);
      else builder.environment().put(k, v);
    });
    return new JavaProcess(builder.start(), keepStdout);
  }

  long pid() {
    return process.pid();
  }

  void send(String line) throws IOException {
    sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  synchronized void sendBytes(byte[] bytes) throws IOException {
    stdin.write(bytes);
    stdin.flush();
  }

  OutputStream stdin() {
    return stdin;
  }

  void endInput() throws IOException {
    stdin.close();
  }

  /** The next stdout line, or null at end of output or after {@code timeout}. */
  String nextLine(Duration timeout) throws InterruptedException {
    String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null) return null;
    if (line.equals(EOF)) {
      lines.add(EOF);
      return null;
    }
    return line;
  }

  /** Waits until stderr has a line matching {@code pattern}; its first group. */
  String awaitStderr(Pattern pattern, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = pattern.matcher(stderr);
      if (m.find()) return m.group(1);
      if (!process.isAlive()) break;
      Thread.sleep(20);
    }
    throw new AssertionError("no " + pattern + " on stderr within " + timeout + ":\n" + stderr);
  }

  /** Resident memory in KiB ({@code VmRSS}). */
  long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
    throw new IllegalStateException("no VmRSS for " + pid());
  }

  /**
   * The live heap in KiB: a full GC ({@code jcmd GC.run}), then the used space of every
   * generation ({@code jcmd GC.heap_info}).
   */
  long heapUsedKbAfterGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    long used = 0;
    Matcher m = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K").matcher(jcmd("GC.heap_info"));
    while (m.find()) used += Long.parseLong(m.group(1));
    if (used == 0) throw new IllegalStateException("no heap figures from jcmd for " + pid());
    return used;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        String.valueOf(pid()), command).redirectErrorStream(true).start();
    byte[] out = jcmd.getInputStream().readAllBytes();
    assertThat(jcmd.waitFor(20, TimeUnit.SECONDS)).as("jcmd " + command).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  int threads() throws IOException {
    try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid()), "task"))) {
      return (int) tasks.count();
    }
  }

  int openFiles() throws IOException {
    try (var fds = Files.list(Path.of("/proc", String.valueOf(pid()), "fd"))) {
      return (int) fds.count();
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits (bounded) for the process to exit; its status. */
  int awaitExit(Duration timeout) throws InterruptedException {
    assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .as("process exited within " + timeout).isTrue();
    return process.exitValue();
  }

  /** SIGKILL on Linux. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    try {
      stdin.close();
    } catch (IOException e) {
      // Already closed.
    }
    if (!process.waitFor(5, TimeUnit.SECONDS)) kill();
  }

  private static void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }
}
