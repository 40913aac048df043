package ai.aisetu.onboarding;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * The server's stdout as the client sees it: a line-oriented stream that passes every JSON-RPC
 * line through {@link SessionSecrets#redactOutbound} before it reaches the real output. Wrapping
 * the transport's output here is the single choke point that makes tool results, error messages,
 * log notifications, resources and prompts carry only redacted forms, whoever produced them.
 *
 * <pre>{@code
 * OutputStream stdout = new RedactingOutput(System.out, secrets, transport::sessionId);
 * }</pre>
 *
 * <p>Lines are written whole on {@code '\n'}; {@link #flush()} passes through. Not thread-safe:
 * the transport serialises its writes.
 */
public final class RedactingOutput extends OutputStream {
  private final OutputStream out;
  private final SessionSecrets secrets;
  private final Supplier<String> sessionId;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  /** @param sessionId the session whose secrets apply, asked at each line */
  public RedactingOutput(OutputStream out, SessionSecrets secrets, Supplier<String> sessionId) {
    this.out = requireNonNull(out, "out == null");
    this.secrets = requireNonNull(secrets, "secrets == null");
    this.sessionId = requireNonNull(sessionId, "sessionId == null");
  }

  @Override
  public void write(int b) throws IOException {
    if (b == '\n') {
      emitLine();
    } else {
      line.write(b);
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    int start = offset;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == '\n') {
        line.write(bytes, start, i - start);
        emitLine();
        start = i + 1;
      }
    }
    line.write(bytes, start, end - start);
  }

  private void emitLine() throws IOException {
    String text = line.toString(UTF_8);
    line.reset();
    String session = sessionId.get();
    String redacted = session == null ? text : secrets.redactOutbound(session, text);
    out.write(redacted.getBytes(UTF_8));
    out.write('\n');
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Writes a last unterminated line, if any, and closes the underlying stream. */
  @Override
  public void close() throws IOException {
    if (line.size() > 0) emitLine();
    out.close();
  }
}
