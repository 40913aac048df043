package ai.aisetu.mcp.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Wraps the SDK servlet's response. Three jobs:
 *
 * <ul>
 *   <li>An error status (>= 400, or {@code sendError}) never reaches the client with the SDK's
 *       body (which can be a serialised exception with its stack trace): the body is held back and
 *       {@link #finish()} writes a fixed JSON-RPC error instead ({@link HttpErrors}).
 *   <li>The {@code Mcp-Session-Id} header of a new Streamable HTTP session, and the session id in
 *       the SSE transport's {@code endpoint} event, are reported when set, before the client sees
 *       them, so the session is bound to its caller first.
 *   <li>Every JSON-RPC message written (a JSON body, or each SSE {@code message} event) is reported,
 *       for the transcript.
 * </ul>
 */
final class GuardedResponse extends HttpServletResponseWrapper {
  static final String SESSION_HEADER = "Mcp-Session-Id";
  private static final int MAX_HELD_ERROR = 4096;
  private static final int MAX_JSON_BODY = 16 * 1024 * 1024;

  /** Told what crosses this response. Called on the writing thread. */
  interface Listener {
    void sessionCreated(String sessionId);

    void outbound(String json);
  }

  private final Listener listener;
  private final int maxBodyBytes;
  private volatile Integer errorStatus;
  private final ByteArrayOutputStream heldError = new ByteArrayOutputStream();
  private TapStream stream;
  private PrintWriter writer;

  GuardedResponse(HttpServletResponse response, Listener listener, int maxBodyBytes) {
    super(response);
    this.listener = listener;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void setStatus(int sc) {
    if (sc >= 400) errorStatus = sc;
    else super.setStatus(sc);
  }

  @Override
  public void sendError(int sc) {
    errorStatus = sc;
  }

  @Override
  public void sendError(int sc, String msg) {
    errorStatus = sc;
  }

  @Override
  public int getStatus() {
    Integer error = errorStatus;
    return error != null ? error : super.getStatus();
  }

  @Override
  public void setHeader(String name, String value) {
    if (SESSION_HEADER.equalsIgnoreCase(name) && value != null) listener.sessionCreated(value);
    super.setHeader(name, value);
  }

  @Override
  public void addHeader(String name, String value) {
    if (SESSION_HEADER.equalsIgnoreCase(name) && value != null) listener.sessionCreated(value);
    super.addHeader(name, value);
  }

  @Override
  public synchronized ServletOutputStream getOutputStream() throws IOException {
    if (stream == null) stream = new TapStream(super.getOutputStream());
    return stream;
  }

  @Override
  public synchronized PrintWriter getWriter() throws IOException {
    if (writer == null) {
      writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
    }
    return writer;
  }

  @Override
  public void flushBuffer() throws IOException {
    if (errorStatus == null) super.flushBuffer();
  }

  /**
   * After the servlet returned: writes the replacement error body if there was an error, or reports
   * a JSON body. (Streams that went asynchronous report each event as it is written.)
   */
  void finish() throws IOException {
    Integer error = errorStatus;
    if (error != null) {
      if (isCommitted()) return; // Nothing was sent yet in every SDK error path; be safe anyway.
      super.resetBuffer();
      String said = heldError.toString(StandardCharsets.UTF_8);
      HttpErrors.send((HttpServletResponse) getResponse(), error, errorCode(error),
          HttpErrors.messageFor(error, said, maxBodyBytes));
      return;
    }
    if (writer != null) writer.flush();
    if (stream != null) stream.endOfBody();
  }

  private static int errorCode(int status) {
    if (status == 400) return HttpErrors.INVALID_REQUEST;
    return status >= 500 ? HttpErrors.INTERNAL_ERROR : HttpErrors.SERVER_ERROR;
  }

  /** Passes bytes through (or holds them back on error) and parses what passes for the listener. */
  private final class TapStream extends ServletOutputStream {
    private final ServletOutputStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private String event;
    private Boolean eventStream;
    private boolean overflow;

    TapStream(ServletOutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      if (errorStatus != null) {
        int room = MAX_HELD_ERROR - heldError.size();
        if (room > 0) heldError.write(b, off, Math.min(room, len));
        return;
      }
      if (eventStream == null) {
        String type = getContentType();
        eventStream = type != null && type.startsWith("text/event-stream");
      }
      tap(b, off, len);
      out.write(b, off, len);
    }

    private void tap(byte[] b, int off, int len) {
      if (!eventStream) {
        if (line.size() + len > MAX_JSON_BODY) overflow = true;
        if (!overflow) line.write(b, off, len);
        return;
      }
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n') {
          onLine(line.toString(StandardCharsets.UTF_8));
          line.reset();
        } else if (line.size() < MAX_JSON_BODY) {
          line.write(b[i]);
        }
      }
    }

    private void onLine(String text) {
      if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
      if (text.isEmpty()) {
        dispatch();
      } else if (text.startsWith("event:")) {
        event = text.substring(6).strip();
      } else if (text.startsWith("data:")) {
        if (data.length() > 0) data.append('\n');
        String value = text.substring(5);
        data.append(value.startsWith(" ") ? value.substring(1) : value);
      }
    }

    private void dispatch() {
      String payload = data.toString();
      String type = event;
      data.setLength(0);
      event = null;
      if (payload.isEmpty()) return;
      if ("endpoint".equals(type)) {
        int at = payload.indexOf("sessionId=");
        if (at >= 0) {
          String id = payload.substring(at + "sessionId=".length());
          int end = id.indexOf('&');
          listener.sessionCreated(end < 0 ? id : id.substring(0, end));
        }
      } else {
        listener.outbound(payload);
      }
    }

    synchronized void endOfBody() {
      if (Boolean.FALSE.equals(eventStream) && !overflow && line.size() > 0) {
        listener.outbound(line.toString(StandardCharsets.UTF_8));
        line.reset();
      }
    }

    @Override
    public void flush() throws IOException {
      if (errorStatus == null) out.flush();
    }

    @Override
    public void close() throws IOException {
      if (errorStatus == null) out.close();
    }

    @Override
    public boolean isReady() {
      return out.isReady();
    }

    @Override
    public void setWriteListener(WriteListener writeListener) {
      out.setWriteListener(writeListener);
    }
  }
}
