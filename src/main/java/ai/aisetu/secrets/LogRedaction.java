package ai.aisetu.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * Makes the process's stderr, where SLF4J (slf4j-simple) writes every log line, pass through a
 * {@link Redactor}. Call it first thing in {@code main}, before anything logs:
 *
 * <pre>{@code
 * LogRedaction.installOnStderr(Redactor.global());
 * Redactor session = Redactor.forSession();   // its secrets reach the global registry, so stderr
 * }</pre>
 *
 * <p>stderr is shared by every session of the process, so it uses the process-wide {@link
 * Redactor#global()} registry, which every {@link Redactor#forSession() session registry} feeds.
 *
 * <p>Limits, by design:
 *
 * <ul>
 *   <li>Redaction is per line: bytes are held until a newline, then the whole line is redacted and
 *       written. A secret split across lines is not recognised. A line that grows past {@value
 *       #MAX_LINE_BYTES} bytes without a newline is written in pieces, and a secret across a piece
 *       boundary is not recognised either (the token pattern still catches most of a token).
 *   <li>Text without a final newline appears only when a newline follows, at {@link
 *       PrintStream#close()}, or at JVM shutdown.
 *   <li>It wraps {@code System.err} only: code that captured the original stream before the call
 *       (or writes to file descriptor 2 natively) bypasses it. slf4j-simple looks {@code
 *       System.err} up at each write unless {@code org.slf4j.simpleLogger.cacheOutputStream} is
 *       set, so installing after loggers exist still works.
 *   <li>A secret is redacted only from the moment it is registered; register inbound secrets
 *       before logging anything about the request that carried them.
 * </ul>
 */
public final class LogRedaction {
  /** Longest run of bytes held while waiting for a newline. */
  public static final int MAX_LINE_BYTES = 64 * 1024;

  private static PrintStream original; // guarded by LogRedaction.class

  private LogRedaction() {}

  /**
   * Replaces {@code System.err} with a stream that redacts each line through {@code redactor}
   * before writing it to the previous {@code System.err}. Does nothing if stderr is already
   * redacted. Pending partial lines are written at JVM shutdown.
   */
  public static synchronized void installOnStderr(Redactor redactor) {
    requireNonNull(redactor, "redactor == null");
    if (System.err instanceof RedactingPrintStream) return;
    original = System.err;
    RedactingPrintStream redacting = new RedactingPrintStream(original, redactor);
    System.setErr(redacting);
    Runtime.getRuntime().addShutdownHook(new Thread(redacting::flushPartialLine, "stderr-redaction"));
  }

  /** Restores the stderr seen by {@link #installOnStderr}, writing any partial line. For tests. */
  static synchronized void uninstall() {
    if (System.err instanceof RedactingPrintStream redacting) {
      redacting.flushPartialLine();
      System.setErr(original);
      original = null;
    }
  }

  /** A print stream that writes each line to {@code target} redacted by {@code redactor}. */
  public static PrintStream redacting(OutputStream target, Redactor redactor) {
    return new RedactingPrintStream(target, redactor);
  }

  private static final class RedactingPrintStream extends PrintStream {
    RedactingPrintStream(OutputStream target, Redactor redactor) {
      super(new LineRedactingStream(target, redactor), true, UTF_8);
    }

    void flushPartialLine() {
      synchronized (this) {
        ((LineRedactingStream) out).flushPartialLine();
      }
    }
  }

  /** Holds bytes until a newline, then writes the redacted line. */
  private static final class LineRedactingStream extends OutputStream {
    private final OutputStream target;
    private final Redactor redactor;
    private byte[] line = new byte[256];
    private int length;

    LineRedactingStream(OutputStream target, Redactor redactor) {
      this.target = requireNonNull(target, "target == null");
      this.redactor = requireNonNull(redactor, "redactor == null");
    }

    @Override
    public synchronized void write(int b) throws IOException {
      append((byte) b);
      if (b == '\n') emit();
      if (length >= MAX_LINE_BYTES) emitOverlong();
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int count) throws IOException {
      for (int i = offset; i < offset + count; i++) {
        append(bytes[i]);
        if (bytes[i] == '\n') emit();
        if (length >= MAX_LINE_BYTES) emitOverlong();
      }
    }

    @Override
    public synchronized void flush() throws IOException {
      target.flush(); // a partial line stays held: flushing it could split a secret
    }

    @Override
    public synchronized void close() throws IOException {
      emit();
      target.flush();
    }

    synchronized void flushPartialLine() {
      try {
        emit();
        target.flush();
      } catch (IOException ignored) {
        // stderr is gone; nothing left to protect.
      }
    }

    private void append(byte b) {
      if (length == line.length) line = Arrays.copyOf(line, line.length * 2);
      line[length++] = b;
    }

    private void emit() throws IOException {
      if (length == 0) return;
      String text = new String(line, 0, length, UTF_8);
      length = 0;
      if (line.length > 4096) line = new byte[256];
      target.write(redactor.redact(text).getBytes(UTF_8));
    }

    /** Writes the held bytes up to the last whole UTF-8 character, keeping the rest held. */
    private void emitOverlong() throws IOException {
      int cut = length;
      while (cut > 0 && (line[cut - 1] & 0xC0) == 0x80) cut--; // continuation bytes
      if (cut > 0 && (line[cut - 1] & 0x80) != 0) cut--; // the lead byte of a partial character
      if (cut == 0) cut = length;
      byte[] rest = Arrays.copyOfRange(line, cut, length);
      length = cut;
      emit();
      for (byte b : rest) append(b);
    }
  }
}
