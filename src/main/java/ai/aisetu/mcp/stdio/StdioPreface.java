package ai.aisetu.mcp.stdio;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;

/**
 * The start of a stdio session, served before the server exists.
 *
 * <p>A stdio server is spawned for each session, and its client writes {@code initialize} at once
 * and waits for the answer. That answer is fixed by the build and the protocol version the client
 * asks for, so it need not wait for the tool catalogue, the JSON mappers and the SDK server. {@link
 * #start} reads the first line on a thread of its own and, when it is a well-formed {@code
 * initialize} request, writes the answer straight away. The {@link StdioServerTransport} built later
 * takes that line and the rest of the input from here and hands the request to the SDK session as
 * usual (so the session knows its client's capabilities), writes the early answer to its observer
 * in order, and drops the SDK's own, identical answer.
 *
 * <p>Any other first line (another method, a malformed or incomplete {@code initialize}, end of
 * input) gets no early answer: the transport handles it as if there were no preface.
 *
 * <pre>{@code
 * StdioPreface preface = StdioPreface.start(System.in, stdout, InitializeAnswer::resultJson, () -> {});
 * // ... build the catalogue, the client, the server ...
 * StdioServerTransport.builder(preface, stdout, jsonMapper).build();
 * }</pre>
 */
public final class StdioPreface {
  /** Protocol versions this server speaks, oldest first; the transport declares the same. */
  static final List<String> PROTOCOL_VERSIONS =
      List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");

  static final int DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;

  private static final JsonFactory JSON = new JsonFactory();

  /** The first line, and what was answered to it early (null fields when nothing was). */
  record First(LineReader.Line line, String answer, String requestKey) {}

  final LineReader reader;
  /** Reads nothing ahead: {@link #awaitFirst} reads the first line on the caller's thread. */
  private final boolean passive;
  private final CompletableFuture<First> first = new CompletableFuture<>();

  private StdioPreface(InputStream in, int maxLineBytes, boolean passive) {
    this.reader = new LineReader(requireNonNull(in, "in == null"), maxLineBytes);
    this.passive = passive;
  }

  /**
   * Starts reading {@code in} now, on a daemon thread, and answers an {@code initialize} on {@code
   * out}; then runs {@code afterFirstLine} on that thread, once the first line is read and answered
   * (or found not to be {@code initialize}): work that should not compete with the answer, such as
   * {@code Prewarm::warmSession}. Nothing else writes to {@code out} until the transport has taken
   * the first line.
   *
   * @param initializeResult the JSON text of the {@code InitializeResult} for a negotiated protocol
   *     version
   */
  public static StdioPreface start(InputStream in, OutputStream out,
      UnaryOperator<String> initializeResult, Runnable afterFirstLine) {
    requireNonNull(out, "out == null");
    requireNonNull(initializeResult, "initializeResult == null");
    requireNonNull(afterFirstLine, "afterFirstLine == null");
    StdioPreface preface = new StdioPreface(in, DEFAULT_MAX_LINE_BYTES, false);
    Thread thread = new Thread(() -> {
      try {
        preface.readFirst(out, initializeResult);
      } finally {
        // Even on an Error: the transport must not wait for a line that will never come.
        preface.first.completeExceptionally(new IOException("reading the first line failed"));
      }
      afterFirstLine.run();
    }, "stdio-preface");
    thread.setDaemon(true);
    thread.start();
    return preface;
  }

  /** A preface that answers nothing: the transport reads every line itself. */
  static StdioPreface passive(InputStream in, int maxLineBytes) {
    return new StdioPreface(in, maxLineBytes, true);
  }

  /** The first line (null at end of input) with its early answer. Blocks until it is read. */
  First awaitFirst() throws IOException {
    if (passive) return new First(reader.next(), null, null);
    try {
      return first.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the first line", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) throw io;
      throw new IOException(e.getCause());
    }
  }

  private void readFirst(OutputStream out, UnaryOperator<String> initializeResult) {
    LineReader.Line line;
    try {
      line = reader.next();
    } catch (IOException | RuntimeException e) {
      first.completeExceptionally(e);
      return;
    }
    String answer = null;
    String requestKey = null;
    try {
      Initialize request = line == null || line.tooLong() ? null : initialize(line.bytes());
      if (request != null) {
        String response = response(request, initializeResult.apply(negotiate(request.protocolVersion)));
        byte[] bytes = (response + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        out.flush();
        answer = response;
        requestKey = request.key;
      }
    } catch (IOException | RuntimeException e) {
      // Nothing (whole) was answered: the SDK answers. A broken stdout fails there too.
      answer = null;
      requestKey = null;
    }
    first.complete(new First(line, answer, requestKey));
  }

  /** The version to answer with: the client's when spoken here, else the newest (as the SDK does). */
  static String negotiate(String requested) {
    return PROTOCOL_VERSIONS.contains(requested)
        ? requested
        : PROTOCOL_VERSIONS.get(PROTOCOL_VERSIONS.size() - 1);
  }

  /** The id (as JSON text and as a request key) and requested version of an initialize request. */
  record Initialize(String idJson, String key, String protocolVersion) {}

  /**
   * The request when {@code bytes} is one well-formed {@code initialize} request that the SDK will
   * answer with a result: UTF-8, one JSON object, {@code "jsonrpc":"2.0"}, a string or integer id,
   * and params with a string {@code protocolVersion}, a {@code capabilities} object and a {@code
   * clientInfo} object with a string {@code name} and {@code version}. Null otherwise.
   */
  static Initialize initialize(byte[] bytes) throws IOException {
    String text = LineReader.utf8(bytes);
    if (text == null) return null;
    String jsonrpc = null;
    String method = null;
    String idJson = null;
    String key = null;
    boolean sawParams = false;
    Params params = null;
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) return null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "jsonrpc" -> jsonrpc = value == JsonToken.VALUE_STRING ? parser.getText() : "";
          case "method" -> method = value == JsonToken.VALUE_STRING ? parser.getText() : "";
          case "id" -> {
            if (value == JsonToken.VALUE_STRING) {
              idJson = quoted(parser.getText());
              key = "s:" + parser.getText();
            } else if (value == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
              idJson = Long.toString(parser.getLongValue());
              key = "n:" + parser.getLongValue();
            } else {
              return null;
            }
          }
          case "params" -> {
            sawParams = true;
            params = value == JsonToken.START_OBJECT ? params(parser) : null;
            if (params == null) return null;
          }
          default -> {
            // "result" or "error" would make it something else than a request.
            if (field.equals("result") || field.equals("error")) return null;
            parser.skipChildren();
          }
        }
      }
      if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) return null;
    } catch (IOException e) {
      return null; // Not JSON: the transport answers with a parse error.
    }
    if (!"2.0".equals(jsonrpc) || !"initialize".equals(method) || idJson == null || !sawParams) {
      return null;
    }
    return params.complete() ? new Initialize(idJson, key, params.protocolVersion) : null;
  }

  private static final class Params {
    String protocolVersion;
    boolean capabilities;
    String clientName;
    String clientVersion;

    boolean complete() {
      return protocolVersion != null && capabilities && clientName != null && clientVersion != null;
    }
  }

  /**
   * Reads the params object (the parser is on its START_OBJECT); null if a member the SDK maps to a
   * type of its own has another shape (the SDK would then answer with an error, not a result).
   */
  private static Params params(JsonParser parser) throws IOException {
    Params params = new Params();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "protocolVersion" -> {
          if (value != JsonToken.VALUE_STRING) return null;
          params.protocolVersion = parser.getText();
        }
        case "capabilities" -> {
          if (value != JsonToken.START_OBJECT || !capabilities(parser)) return null;
          params.capabilities = true;
        }
        case "clientInfo" -> {
          if (value != JsonToken.START_OBJECT) return null;
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String member = parser.currentName();
            // name, version, title, description, websiteUrl: strings. Icons or anything else:
            // left to the SDK, whose mapping of them this does not mirror.
            if (parser.nextToken() != JsonToken.VALUE_STRING) return null;
            switch (member) {
              case "name" -> params.clientName = parser.getText();
              case "version" -> params.clientVersion = parser.getText();
              case "title", "description", "websiteUrl" -> { }
              default -> {
                return null;
              }
            }
          }
        }
        case "_meta" -> {
          if (value != JsonToken.START_OBJECT) return null;
          parser.skipChildren();
        }
        default -> parser.skipChildren();
      }
    }
    return params;
  }

  /**
   * Whether the client capabilities have the shapes the SDK maps: every capability an object,
   * {@code roots.listChanged} a boolean, {@code elicitation.form} and {@code .url} objects, every
   * extension an object.
   */
  private static boolean capabilities(JsonParser parser) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String capability = parser.currentName();
      if (parser.nextToken() != JsonToken.START_OBJECT) return false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String member = parser.currentName();
        JsonToken value = parser.nextToken();
        boolean fits = switch (capability) {
          case "roots" -> !member.equals("listChanged") || value == JsonToken.VALUE_TRUE
              || value == JsonToken.VALUE_FALSE;
          case "elicitation" -> !(member.equals("form") || member.equals("url"))
              || value == JsonToken.START_OBJECT;
          case "extensions" -> value == JsonToken.START_OBJECT;
          default -> true;
        };
        if (!fits) return false;
        parser.skipChildren();
      }
    }
    return true;
  }

  private static String response(Initialize request, String resultJson) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + request.idJson + ",\"result\":" + resultJson + "}";
  }

  private static String quoted(String text) throws IOException {
    StringWriter out = new StringWriter(text.length() + 2);
    try (var generator = JSON.createGenerator(out)) {
      generator.writeString(text);
    }
    return out.toString();
  }
}
