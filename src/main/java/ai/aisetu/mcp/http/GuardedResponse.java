package ai.aisetu.mcp.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the SDK servlet's response. Four jobs:
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
  private static final Logger log = LoggerFactory.getLogger(GuardedResponse.class);

  /** What the response is, as far as the request's own stream goes. */
  private enum Mode {
    /** An SSE stream that may still become a JSON answer: headers held back. */
    UNDECIDED,
    /** As the SDK wrote it. */
    PASS_THROUGH,
    /** Answered with one JSON object; nothing more can follow. */
    ANSWERED_AS_JSON
  }

  /** Told what crosses this response. Called on the writing thread. */
  interface Listener {
    void sessionCreated(String sessionId);

    /** The message as the server wrote it; returns what the client gets instead. */
    String outbound(String json);
  }

  private final Listener listener;
  private final int maxBodyBytes;
  private volatile Integer errorStatus;
  private final ByteArrayOutputStream heldError = new ByteArrayOutputStream();
  private final JsonNode requestId;
  private volatile Mode mode;
  private TapStream stream;
  private PrintWriter writer;

  /**
   * @param requestId the id of the JSON-RPC request POSTed to the Streamable HTTP endpoint, whose
   *     response may go out as JSON; null for anything else (always as the SDK wrote it)
   */
  GuardedResponse(HttpServletResponse response, Listener listener, int maxBodyBytes,
      JsonNode requestId) {
    super(response);
    this.listener = listener;
    this.maxBodyBytes = maxBodyBytes;
    this.requestId = requestId;
    this.mode = requestId == null ? Mode.PASS_THROUGH : Mode.UNDECIDED;
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
    if (errorStatus == null && !holdingHeaders()) super.flushBuffer();
  }

  /** True while an SSE stream's headers wait for its first message (it may become JSON). */
  private boolean holdingHeaders() {
    if (mode != Mode.UNDECIDED) return false;
    String type = getContentType();
    return type != null && type.startsWith("text/event-stream");
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

  /**
   * Holds each message back until it is whole (an SSE event, or the JSON body), reports it, and
   * writes it rewritten; bytes of an error response are held back instead.
   */
  private final class TapStream extends ServletOutputStream {
    private final ServletOutputStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(8192);
    private final StringBuilder eventText = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private String event;
    private Boolean eventStream;

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
        if (!eventStream) mode = Mode.PASS_THROUGH;
      }
      if (mode == Mode.ANSWERED_AS_JSON) {
        log.debug("a message after the response on a request's stream was dropped");
        return;
      }
      if (!eventStream) {
        if (line.size() + len > MAX_JSON_BODY) throw new IOException("response body too large");
        line.write(b, off, len);
        return;
      }
      int start = off;
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n') {
          appendToLine(b, start, i - start);
          onLine(line.toString(StandardCharsets.UTF_8));
          line.reset();
          start = i + 1;
        }
      }
      appendToLine(b, start, off + len - start);
    }

    /** Up to the line's bound; the rest of an overlong line is dropped. */
    private void appendToLine(byte[] b, int off, int len) {
      int room = MAX_JSON_BODY - line.size();
      if (len > 0 && room > 0) line.write(b, off, Math.min(len, room));
    }

    private void onLine(String text) throws IOException {
      if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
      if (text.isEmpty()) {
        dispatch();
        return;
      }
      if (text.startsWith("event:")) {
        event = text.substring(6).strip();
      } else if (text.startsWith("data:")) {
        if (data.length() > 0) data.append('\n');
        String value = text.substring(5);
        data.append(value.startsWith(" ") ? value.substring(1) : value);
        return;
      }
      eventText.append(text).append('\n'); // id:, event:, comments: as they were.
    }

    private void dispatch() throws IOException {
      String payload = data.toString();
      String type = event;
      String head = eventText.toString();
      data.setLength(0);
      eventText.setLength(0);
      event = null;
      String body = payload;
      if ("endpoint".equals(type)) {
        int at = payload.indexOf("sessionId=");
        if (at >= 0) {
          String id = payload.substring(at + "sessionId=".length());
          int end = id.indexOf('&');
          listener.sessionCreated(end < 0 ? id : id.substring(0, end));
        }
      } else if (!payload.isEmpty()) {
        body = listener.outbound(payload);
      }
      if (mode == Mode.UNDECIDED) {
        if (!payload.isEmpty() && isResponse(payload, requestId)) {
          answerAsJson(body);
          return;
        }
        mode = Mode.PASS_THROUGH;
      }
      StringBuilder text = new StringBuilder(head);
      if (!payload.isEmpty()) {
        for (String part : body.split("\n", -1)) text.append("data: ").append(part).append('\n');
      }
      text.append('\n');
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The stream's only message, as the whole body: {@code application/json}, its length known. */
    private void answerAsJson(String json) throws IOException {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      mode = Mode.ANSWERED_AS_JSON;
      setContentType("application/json");
      setHeader("X-Accel-Buffering", null);
      setContentLength(bytes.length);
      out.write(bytes); // The last byte of a known length completes the response.
    }

    synchronized void endOfBody() throws IOException {
      if (!Boolean.FALSE.equals(eventStream) || line.size() == 0) return;
      String body = listener.outbound(line.toString(StandardCharsets.UTF_8));
      line.reset();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      out.write(bytes);
      out.flush();
    }

    @Override
    public void flush() throws IOException {
      if (errorStatus == null && mode != Mode.ANSWERED_AS_JSON && !holdingHeaders()) out.flush();
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

  /**
   * True if {@code json} is a JSON-RPC response (no {@code method}; a {@code result} or an {@code
   * error}) to the request with {@code id}. Reads only as far as it must: the SDK writes {@code
   * jsonrpc}, then {@code id} or {@code method}, before the result.
   */
  static boolean isResponse(String json, JsonNode id) {
    try (JsonParser parser = HttpErrors.JSON.getFactory().createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) return false;
      boolean idMatches = false;
      boolean answer = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "method" -> {
            return false;
          }
          case "id" -> idMatches = sameId(parser, value, id);
          case "result", "error" -> answer = true;
          default -> { }
        }
        if (answer && idMatches) return true;
        parser.skipChildren();
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean sameId(JsonParser parser, JsonToken value, JsonNode id) throws IOException {
    if (value == JsonToken.VALUE_STRING) return id.isTextual() && id.textValue().equals(parser.getText());
    if (value == JsonToken.VALUE_NUMBER_INT) {
      return id.isIntegralNumber() && id.bigIntegerValue().equals(parser.getBigIntegerValue());
    }
    return false;
  }
}
