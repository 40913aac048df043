package ai.aisetu.onboarding;

import static java.util.Objects.requireNonNull;

import ai.aisetu.mcp.stdio.MessageObserver;
import ai.aisetu.secrets.TranscriptWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation transcript as a transport {@link MessageObserver}: one redacted JSON line per
 * message in and out, per session, in {@code $XDG_STATE_HOME/ai-setu-mcp/transcripts/<session>.jsonl}
 * (or the {@code --transcript} path), opened on the session's first message with the session's
 * redactor. Put a {@link SecretIntake} in front of it so inbound secrets are registered first:
 *
 * <pre>{@code
 * ConversationTranscript transcript = ConversationTranscript.open(secrets, env, options.transcript());
 * MessageObserver observer = new SecretIntake(secrets, transcript);
 * }</pre>
 */
public final class ConversationTranscript implements MessageObserver, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConversationTranscript.class);

  private final SessionSecrets secrets;
  private final Map<String, String> env;
  private final Path explicitPath;
  private final Map<String, TranscriptWriter> writers = new ConcurrentHashMap<>();

  private ConversationTranscript(SessionSecrets secrets, Map<String, String> env, Path explicitPath) {
    this.secrets = requireNonNull(secrets, "secrets == null");
    this.env = Map.copyOf(requireNonNull(env, "env == null"));
    this.explicitPath = explicitPath;
  }

  /**
   * @param path the {@code --transcript} file, or null for the default per-session file under
   *     the state directory read from {@code env}
   */
  public static ConversationTranscript open(SessionSecrets secrets, Map<String, String> env, Path path) {
    return new ConversationTranscript(secrets, env, path);
  }

  /** The file of {@code sessionId}'s transcript (whether or not it was written yet). */
  public Path file(String sessionId) {
    return explicitPath != null ? explicitPath : TranscriptWriter.defaultPath(env, sessionId);
  }

  @Override
  public void onMessage(String sessionId, boolean inbound, String json) {
    if (sessionId == null) return;
    TranscriptWriter writer = writers.computeIfAbsent(sessionId, this::openWriter);
    writer.record(sessionId, inbound ? TranscriptWriter.Direction.IN : TranscriptWriter.Direction.OUT, json);
  }

  private TranscriptWriter openWriter(String sessionId) {
    Path file = file(sessionId);
    try {
      return TranscriptWriter.open(file, secrets.redactor(sessionId));
    } catch (IOException e) {
      log.warn("cannot write the transcript {} ({}); going on without it", file, e.getClass().getSimpleName());
      return TranscriptWriter.disabled();
    }
  }

  /** Closes the session's transcript file: the session ended. */
  @Override
  public void sessionEnded(String sessionId) {
    if (sessionId == null) return;
    TranscriptWriter writer = writers.remove(sessionId);
    if (writer != null) writer.close();
  }

  /** Transcript files open now, one per live session that has written. */
  int openWriters() {
    return writers.size();
  }

  @Override
  public void close() {
    writers.values().forEach(TranscriptWriter::close);
  }
}
