package ai.aisetu.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;

/** An in-memory pipe whose ends any thread may use (unlike PipedInputStream); close() means EOF. */
final class Pipe {
  private static final byte[] EOF = new byte[0];
  private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
  private volatile Runnable onEndOfInput = () -> {};

  final Out out = new Out();

  /** The writing end; closing it is end of input for the reader. */
  final class Out extends OutputStream {
    private boolean closed;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      if (closed) throw new IllegalStateException("pipe closed");
      if (len > 0) chunks.add(Arrays.copyOfRange(b, off, off + len));
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        chunks.add(EOF);
      }
    }
  }

  final InputStream in = new InputStream() {
    private byte[] current;
    private int position;
    private boolean ended;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
      if (ended) return -1;
      if (current == null || position == current.length) {
        try {
          current = chunks.take();
        } catch (InterruptedException e) {
          throw new InterruptedIOException();
        }
        position = 0;
        if (current == EOF) {
          ended = true;
          chunks.add(EOF);
          onEndOfInput.run();
          return -1;
        }
      }
      int n = Math.min(len, current.length - position);
      System.arraycopy(current, position, b, off, n);
      position += n;
      return n;
    }

    @Override
    public void close() {
      out.close();
    }
  };

  /** Runs {@code action} when the reading end reaches end of input. */
  Pipe onEndOfInput(Runnable action) {
    this.onEndOfInput = action;
    return this;
  }
}
