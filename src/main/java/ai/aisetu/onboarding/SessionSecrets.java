package ai.aisetu.onboarding;

import static java.util.Objects.requireNonNull;

import ai.aisetu.secrets.Redactor;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets of each MCP session, and the one rule for what leaves the server: every outbound
 * message passes through the session's {@link Redactor}, except the single text block (marked
 * {@code audience: ["user"]}) that surfaces a once-only secret for the first time.
 *
 * <pre>{@code
 * SessionSecrets secrets = new SessionSecrets(Redactor.global());
 * secrets.redactor(sessionId).register(pat);               // the active PAT, an inbound key
 * secrets.surfaceOnce(sessionId, newKey);                  // the next user-only block may show it
 * String line = secrets.redactOutbound(sessionId, json);   // what really goes to the client
 * }</pre>
 *
 * <p>Each session's redactor also feeds {@code parent} (the process-wide redactor behind stderr).
 * Thread-safe.
 */
public final class SessionSecrets {
  /**
   * Argument names whose string values are secrets wherever they appear in a tool call: BYOK keys,
   * PATs, sign-in codes. They are registered and redacted from the first byte read.
   */
  public static final Set<String> INBOUND_SECRET_FIELDS = Set.of(
      "apiKey", "awsSecretAccessKey", "awsSessionToken", "secretAccessKey", "pat", "secret",
      "code", "password", "token");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Redactor parent;
  private final Map<String, Ledger> sessions = new ConcurrentHashMap<>();
  private final Set<String> serverSecrets = ConcurrentHashMap.newKeySet();

  public SessionSecrets(Redactor parent) {
    this.parent = requireNonNull(parent, "parent == null");
  }

  private static final class Ledger {
    final Redactor redactor;
    /** Secrets the next user-only block may show raw, once each. */
    final Set<String> surfacing = ConcurrentHashMap.newKeySet();

    Ledger(Redactor redactor) {
      this.redactor = redactor;
    }
  }

  private Ledger ledger(String sessionId) {
    requireNonNull(sessionId, "sessionId == null");
    return sessions.computeIfAbsent(sessionId, id -> {
      Redactor redactor = Redactor.childOf(parent);
      serverSecrets.forEach(redactor::register);
      return new Ledger(redactor);
    });
  }

  /**
   * Registers a secret of the whole server (the PAT it was started with) with every session,
   * present and future.
   */
  public void registerForAllSessions(String secret) {
    if (secret == null || secret.isBlank()) return;
    serverSecrets.add(secret);
    parent.register(secret);
    sessions.values().forEach(ledger -> ledger.redactor.register(secret));
  }

  /**
   * Drops the session's redactor and once-only allowances (the session ended). The secrets stay
   * registered with {@code parent}.
   */
  public void forget(String sessionId) {
    if (sessionId != null) sessions.remove(sessionId);
  }

  /** Sessions with a redactor (for diagnostics and tests). */
  public int sessionCount() {
    return sessions.size();
  }

  /** The session's redactor (created on first use). */
  public Redactor redactor(String sessionId) {
    return ledger(sessionId).redactor;
  }

  /**
   * Registers {@code secret} and lets it through, once, inside the next outbound text block
   * annotated {@code audience: ["user"]} that contains it.
   */
  public void surfaceOnce(String sessionId, String secret) {
    requireNonNull(secret, "secret == null");
    Ledger ledger = ledger(sessionId);
    ledger.redactor.register(secret);
    ledger.surfacing.add(secret);
  }

  /**
   * Registers the inbound secret arguments of a {@code tools/call} message ({@link
   * #INBOUND_SECRET_FIELDS}) and returns the message with them redacted, whatever their length.
   * Other messages come back redacted as they are.
   */
  public String intake(String sessionId, String json) {
    Redactor redactor = redactor(sessionId);
    JsonNode message;
    try {
      message = JSON.readTree(json);
    } catch (Exception e) {
      return redactor.redact(json);
    }
    if (message == null || !message.isObject()) return redactor.redact(json);
    JsonNode arguments = message.path("params").path("arguments");
    if (!"tools/call".equals(message.path("method").asText()) || !arguments.isObject()) {
      return redactor.redact(json);
    }
    ObjectNode copy = message.deepCopy();
    ((ObjectNode) copy.get("params"))
        .set("arguments", redactor.redactFields(arguments, INBOUND_SECRET_FIELDS));
    return redactor.redact(copy.toString());
  }

  /**
   * What the client receives instead of {@code json}: the message with every registered secret
   * and token look-alike redacted, except a secret allowed by {@link #surfaceOnce} inside a text
   * block for the user, which is kept raw and no longer allowed afterwards.
   */
  public String redactOutbound(String sessionId, String json) {
    Ledger ledger = ledger(sessionId);
    if (!ledger.surfacing.isEmpty()) {
      String kept = keepSurfacedBlock(ledger, json);
      if (kept != null) return kept;
    }
    return ledger.redactor.redact(json);
  }

  private static String keepSurfacedBlock(Ledger ledger, String json) {
    JsonNode message;
    try {
      message = JSON.readTree(json);
    } catch (Exception e) {
      return null;
    }
    JsonNode content = message == null ? null : message.path("result").path("content");
    if (content == null || !content.isArray()) return null;
    for (JsonNode block : content) {
      if (!isForUserOnly(block) || !block.path("text").isTextual()) continue;
      String text = block.get("text").textValue();
      for (Iterator<String> it = ledger.surfacing.iterator(); it.hasNext(); ) {
        String secret = it.next();
        if (!text.contains(secret)) continue;
        if (!ledger.surfacing.remove(secret)) continue; // Another writer took it.
        String placeholder = "SURFACED_" + UUID.randomUUID().toString().replace("-", "");
        ((ObjectNode) block).set("text", TextNode.valueOf(placeholder));
        String redacted = ledger.redactor.redact(message.toString());
        String quoted = new String(JsonStringEncoder.getInstance().quoteAsString(text));
        return redacted.replace(placeholder, quoted);
      }
    }
    return null;
  }

  private static boolean isForUserOnly(JsonNode block) {
    JsonNode audience = block.path("annotations").path("audience");
    return audience.isArray() && audience.size() == 1 && "user".equals(audience.get(0).asText());
  }
}
