package ai.aisetu.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit record of an MCP conversation, "what did the agent do to my account": one JSON line
 * per JSON-RPC message in and out.
 *
 * <pre>{@code
 * {"time":"2025-03-01T10:15:30.123Z","session":"s-1","direction":"in","method":"tools/call","id":7,"tool":"api_keys_create","arguments":{"workspaceId":"ws_1","name":"ci"}}
 * {"time":"2025-03-01T10:15:30.301Z","session":"s-1","direction":"out","id":7,"tool":"api_keys_create","result":{"content":[{"type":"text","text":"… tt_live_…abcd …"}]}}
 * }</pre>
 *
 * <p>A request carries {@code method} and {@code id}; {@code tools/call} also {@code tool} and
 * {@code arguments} (other parameters go under {@code params}); its response repeats the {@code
 * id} and the {@code tool} and holds {@code result} or {@code error}; a notification carries
 * {@code method} and {@code params}. A line that is not a JSON object is kept as {@code raw} text
 * with {@code "invalid":true}.
 *
 * <p><b>Every line passes through the {@link Redactor} before it reaches the disk</b>: every
 * string value and field name, then the serialised line as a whole. So the message that surfaces
 * a once-only secret is stored redacted, and so is a later message in which the model echoes it.
 *
 * <pre>{@code
 * TranscriptWriter transcript = TranscriptWriter.open(TranscriptWriter.defaultPath(System.getenv(), sessionId), redactor);
 * transcript.record(sessionId, Direction.IN, line);    // for each message read
 * transcript.record(sessionId, Direction.OUT, json);   // for each message written
 * }</pre>
 *
 * <p>The file is created 0600 (its missing directories 0700) and appended to. When it would grow
 * past {@code maxBytes} it is rotated: {@code s-1.jsonl} becomes {@code s-1.1.jsonl}, {@code
 * s-1.1.jsonl} becomes {@code s-1.2.jsonl}, and so on up to {@code keep} old files. Thread-safe;
 * each line is written and flushed under a lock, so lines never interleave. {@link #record} never
 * throws on I/O: a failing disk is logged once and the transcript stops, the session goes on.
 */
public final class TranscriptWriter implements AutoCloseable {
  /** Which way a message went: {@code IN} from the client, {@code OUT} from this server. */
  public enum Direction {
    IN,
    OUT
  }

  public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
  public static final int DEFAULT_KEEP = 5;

  private static final Logger log = LoggerFactory.getLogger(TranscriptWriter.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_PENDING_REQUESTS = 1024;
  private static final Set<String> TOOL_CALL_FIELDS = Set.of("name", "arguments");

  private final Path file;
  private final Redactor redactor;
  private final long maxBytes;
  private final int keep;
  private final Clock clock;

  /** Tool names of tools/call requests awaiting their response, by session, direction and id. */
  private final Map<String, String> pendingTools =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > MAX_PENDING_REQUESTS;
        }
      };

  private final Object writeLock = new Object();
  private OutputStream out; // guarded by writeLock
  private long size; // guarded by writeLock
  private boolean closed; // guarded by writeLock

  private TranscriptWriter(Path file, Redactor redactor, long maxBytes, int keep, Clock clock) {
    this.file = file;
    this.redactor = redactor;
    this.maxBytes = maxBytes;
    this.keep = keep;
    this.clock = clock;
  }

  /** Opens {@code file} for appending, rotating at {@value #DEFAULT_MAX_BYTES} bytes. */
  public static TranscriptWriter open(Path file, Redactor redactor) throws IOException {
    return open(file, redactor, DEFAULT_MAX_BYTES, DEFAULT_KEEP);
  }

  /**
   * Opens {@code file} for appending.
   *
   * @param maxBytes the size past which the file is rotated
   * @param keep how many rotated files to keep (0 discards the old content at rotation)
   * @throws IOException if the directory or file cannot be created or is a symlink
   */
  public static TranscriptWriter open(Path file, Redactor redactor, long maxBytes, int keep)
      throws IOException {
    return open(file, redactor, maxBytes, keep, Clock.systemUTC());
  }

  static TranscriptWriter open(Path file, Redactor redactor, long maxBytes, int keep, Clock clock)
      throws IOException {
    requireNonNull(file, "file == null");
    requireNonNull(redactor, "redactor == null");
    requireNonNull(clock, "clock == null");
    if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes <= 0");
    if (keep < 0) throw new IllegalArgumentException("keep < 0");
    TranscriptWriter writer =
        new TranscriptWriter(file.toAbsolutePath(), redactor, maxBytes, keep, clock);
    synchronized (writer.writeLock) {
      writer.openFile();
    }
    return writer;
  }

  /** A writer that records nothing ({@code --no-transcript}). */
  public static TranscriptWriter disabled() {
    TranscriptWriter writer =
        new TranscriptWriter(null, new Redactor(), DEFAULT_MAX_BYTES, 0, Clock.systemUTC());
    writer.closed = true;
    return writer;
  }

  /**
   * {@code $XDG_STATE_HOME/ai-setu-mcp/transcripts/<session>.jsonl}, else {@code
   * ~/.local/state/ai-setu-mcp/transcripts/<session>.jsonl}. Characters of the session id other
   * than letters, digits, {@code .}, {@code _} and {@code -} become {@code _}.
   */
  public static Path defaultPath(Map<String, String> env, String sessionId) {
    requireNonNull(env, "env == null");
    requireNonNull(sessionId, "sessionId == null");
    String name = sessionId.replaceAll("[^A-Za-z0-9._-]", "_");
    if (name.isEmpty() || name.startsWith(".")) name = "session" + name;
    if (name.length() > 100) name = name.substring(0, 100);
    return XdgDirectories.stateHome(env).resolve("ai-setu-mcp").resolve("transcripts")
        .resolve(name + ".jsonl");
  }

  /** The file written, or null if {@link #disabled()}. */
  public Path file() {
    return file;
  }

  /** Returns false for a {@link #disabled()} writer. */
  public boolean enabled() {
    return file != null;
  }

  /** Records one JSON-RPC message as one redacted line. Never throws on I/O. */
  public void record(String sessionId, Direction direction, String jsonRpcMessage) {
    requireNonNull(sessionId, "sessionId == null");
    requireNonNull(direction, "direction == null");
    requireNonNull(jsonRpcMessage, "jsonRpcMessage == null");
    if (!enabled()) return;
    JsonNode message;
    try {
      message = JSON.readTree(jsonRpcMessage);
    } catch (JsonProcessingException e) {
      message = null;
    }
    ObjectNode line = entry(sessionId, direction);
    if (message == null || !message.isObject()) {
      line.put("invalid", true);
      line.put("raw", jsonRpcMessage.strip());
    } else {
      describe(sessionId, direction, (ObjectNode) message, line);
    }
    write(line);
  }

  /** Records one JSON-RPC message already parsed. Never throws on I/O. */
  public void record(String sessionId, Direction direction, JsonNode message) {
    requireNonNull(sessionId, "sessionId == null");
    requireNonNull(direction, "direction == null");
    requireNonNull(message, "message == null");
    if (!enabled()) return;
    ObjectNode line = entry(sessionId, direction);
    if (message.isObject()) {
      describe(sessionId, direction, (ObjectNode) message, line);
    } else {
      line.put("invalid", true);
      line.set("raw", message);
    }
    write(line);
  }

  private ObjectNode entry(String sessionId, Direction direction) {
    ObjectNode line = JSON.createObjectNode();
    line.put("time", clock.instant().toString());
    line.put("session", sessionId);
    line.put("direction", direction.name().toLowerCase(Locale.ROOT));
    return line;
  }

  private void describe(String sessionId, Direction direction, ObjectNode message, ObjectNode line) {
    JsonNode method = message.get("method");
    JsonNode id = message.get("id");
    JsonNode params = message.get("params");
    if (method != null) line.set("method", method);
    if (id != null) line.set("id", id);

    if (method != null && "tools/call".equals(method.asText()) && params != null && params.isObject()) {
      JsonNode name = params.get("name");
      if (name != null) line.set("tool", name);
      if (params.has("arguments")) line.set("arguments", params.get("arguments"));
      ObjectNode rest = JSON.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!TOOL_CALL_FIELDS.contains(field.getKey())) rest.set(field.getKey(), field.getValue());
      }
      if (!rest.isEmpty()) line.set("params", rest);
      if (id != null && name != null) {
        synchronized (pendingTools) {
          pendingTools.put(pendingKey(sessionId, direction, id), name.asText());
        }
      }
    } else if (params != null) {
      line.set("params", params);
    }

    if (method == null && id != null) {
      Direction requestDirection = direction == Direction.IN ? Direction.OUT : Direction.IN;
      String tool;
      synchronized (pendingTools) {
        tool = pendingTools.remove(pendingKey(sessionId, requestDirection, id));
      }
      if (tool != null) line.put("tool", tool);
    }
    if (message.has("result")) line.set("result", message.get("result"));
    if (message.has("error")) line.set("error", message.get("error"));
  }

  private static String pendingKey(String sessionId, Direction direction, JsonNode id) {
    return sessionId + '\u0000' + direction + '\u0000' + id;
  }

  private void write(ObjectNode line) {
    byte[] bytes;
    try {
      String redacted = redactor.redact(JSON.writeValueAsString(redactor.redact(line)));
      bytes = (redacted + "\n").getBytes(UTF_8);
    } catch (JsonProcessingException e) {
      throw new AssertionError("a tree always serialises", e);
    }
    synchronized (writeLock) {
      if (closed) return;
      try {
        if (size > 0 && size + bytes.length > maxBytes) rotate();
        out.write(bytes);
        out.flush();
        size += bytes.length;
      } catch (IOException e) {
        log.warn("transcript {} could not be written ({}); the session continues without it",
            file, e.getClass().getSimpleName());
        closeQuietly();
      }
    }
  }

  /** Writes buffered lines to the file. Each record is already flushed; this is for symmetry. */
  public void flush() {
    synchronized (writeLock) {
      if (closed) return;
      try {
        out.flush();
      } catch (IOException e) {
        log.warn("transcript {} could not be flushed ({})", file, e.getClass().getSimpleName());
        closeQuietly();
      }
    }
  }

  @Override
  public void close() {
    synchronized (writeLock) {
      if (closed) return;
      closeQuietly();
    }
  }

  private void closeQuietly() {
    closed = true;
    try {
      if (out != null) out.close();
    } catch (IOException ignored) {
      // Closing after a failure: nothing more to record.
    }
  }

  private void openFile() throws IOException {
    PrivateFiles.createDirectories(file.getParent());
    FileChannel channel = FileChannel.open(file,
        Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
            LinkOption.NOFOLLOW_LINKS),
        PrivateFiles.fileAttributes(file));
    try {
      PrivateFiles.restrict(file);
      size = channel.size();
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
  }

  private void rotate() throws IOException {
    out.close();
    if (keep == 0) {
      Files.deleteIfExists(file);
    } else {
      Files.deleteIfExists(rotated(keep));
      for (int i = keep - 1; i >= 1; i--) {
        if (Files.exists(rotated(i), LinkOption.NOFOLLOW_LINKS)) {
          Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
    }
    openFile();
  }

  /** {@code s-1.jsonl} → {@code s-1.<n>.jsonl}; a name without {@code .jsonl} gets {@code .<n>}. */
  Path rotated(int n) {
    String name = file.getFileName().toString();
    String rotated = name.endsWith(".jsonl")
        ? name.substring(0, name.length() - ".jsonl".length()) + "." + n + ".jsonl"
        : name + "." + n;
    return file.resolveSibling(rotated);
  }
}
