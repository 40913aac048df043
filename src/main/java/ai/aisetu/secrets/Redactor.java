package ai.aisetu.secrets;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registry of a session's secrets, and the redaction of every byte the server writes.
 *
 * <p>Register each once-only secret as it is minted (or let {@link OnceOnlySecret#mint} do it)
 * and each secret that flows in (a BYOK {@code apiKey}, the session's PAT) as soon as it is seen;
 * then pass every outbound text through {@link #redact(String)}:
 *
 * <pre>{@code
 * Redactor redactor = Redactor.forSession();   // also feeds Redactor.global(), used for stderr
 * redactor.register(pat);
 * log.info(redactor.redact("signed in with " + pat));   // "signed in with tt_pat_…abcd"
 * }</pre>
 *
 * <p>What is replaced by {@link #redactedForm the redacted form} of its secret:
 *
 * <ul>
 *   <li>every registered secret, raw, JSON-escaped (also with {@code \/}), URL-encoded
 *       ({@code +} or {@code %20} for space, upper or lower hex) and base64 (standard and
 *       URL-safe, padded or not); inside a longer base64 stream, the characters that encode only
 *       the secret at each of the three byte alignments;
 *   <li>anything that looks like an AI Setu token ({@code tt_pat_} or {@code tt_live_} followed
 *       by at least {@value #TOKEN_LOOKALIKE_MIN_BODY} base62 characters), registered or not.
 * </ul>
 *
 * <p>Where matches overlap, the union of their spans is redacted. A secret split across two
 * separate strings (two JSON values, two log calls) is not recognised: no single record then
 * holds it. Secrets shorter than {@value #MIN_SECRET_LENGTH} characters are not registered: they
 * would redact innocent text.
 *
 * <p>Thread-safe. Redaction is one pass over the text with an Aho–Corasick automaton that is
 * rebuilt lazily after a registration, so it costs the same with one secret or a hundred.
 */
public final class Redactor {
  /** Registered secrets shorter than this are ignored. */
  public static final int MIN_SECRET_LENGTH = 8;

  /** Base62 characters after a token prefix from which a string is redacted as a token. */
  static final int TOKEN_LOOKALIKE_MIN_BODY = 24;

  private static final String ELLIPSIS = "…";
  private static final String[] TOKEN_PREFIXES = {"tt_pat_", "tt_live_"};
  /** Prefixes that say what a secret is without saying anything of its value. */
  private static final String[] KNOWN_PREFIXES = {
    "tt_pat_", "tt_live_", "sk-ant-", "sk-proj-", "sk-", "gsk_", "xai-", "AKIA", "ASIA"
  };

  private static final Redactor GLOBAL = new Redactor(null);

  private final Redactor parent;
  private final Object lock = new Object();
  private final Set<String> secrets = new LinkedHashSet<>(); // guarded by lock
  private volatile int version;
  private volatile Snapshot snapshot = new Snapshot(0, NeedleMatcher.EMPTY);

  /** A standalone registry. Sessions should prefer {@link #forSession()}. */
  public Redactor() {
    this(null);
  }

  private Redactor(Redactor parent) {
    this.parent = parent;
  }

  /**
   * The process-wide registry: every secret registered with any {@link #forSession() session
   * redactor} is also registered here. Use it for output shared by all sessions, such as stderr
   * (see {@link LogRedaction}).
   */
  public static Redactor global() {
    return GLOBAL;
  }

  /** A registry for one session whose registrations also go to {@link #global()}. */
  public static Redactor forSession() {
    return childOf(GLOBAL);
  }

  /** A registry whose registrations also go to {@code parent}. */
  public static Redactor childOf(Redactor parent) {
    return new Redactor(requireNonNull(parent, "parent == null"));
  }

  /**
   * Registers {@code secret} so that every later {@link #redact} replaces it. Null, blank and
   * short (under {@value #MIN_SECRET_LENGTH} characters) values are ignored. A value with
   * surrounding whitespace is registered both as given and stripped.
   */
  public void register(String secret) {
    if (secret == null || secret.isBlank()) return;
    String stripped = secret.strip();
    synchronized (lock) {
      boolean added = false;
      if (secret.length() >= MIN_SECRET_LENGTH) added |= secrets.add(secret);
      if (stripped.length() >= MIN_SECRET_LENGTH) added |= secrets.add(stripped);
      if (added) version++;
    }
    if (parent != null) parent.register(secret);
  }

  /** Returns true if {@code secret} has been registered. */
  public boolean isRegistered(String secret) {
    if (secret == null) return false;
    synchronized (lock) {
      return secrets.contains(secret);
    }
  }

  /** The number of registered secrets. */
  public int size() {
    synchronized (lock) {
      return secrets.size();
    }
  }

  /**
   * What the server shows instead of {@code secret}: its known prefix, an ellipsis, and its last
   * four characters ({@code tt_pat_…abcd}, {@code sk-ant-…wxyz}, {@code …EKEY}). The last four are
   * omitted when the rest of the secret is shorter than 12 characters or when they hold anything
   * but letters, digits and {@code +/=_.-}, so the redacted form is safe to drop into JSON, a URL
   * or a log line.
   */
  public static String redactedForm(String secret) {
    if (secret == null || secret.isEmpty()) return ELLIPSIS;
    String prefix = "";
    for (String known : KNOWN_PREFIXES) {
      if (secret.startsWith(known)) {
        prefix = known;
        break;
      }
    }
    int rest = secret.length() - prefix.length();
    if (rest < 12) return prefix + ELLIPSIS;
    String tail = secret.substring(secret.length() - 4);
    for (int i = 0; i < tail.length(); i++) {
      if (!isTailSafe(tail.charAt(i))) return prefix + ELLIPSIS;
    }
    return prefix + ELLIPSIS + tail;
  }

  /** Returns {@code text} with every registered secret and token look-alike redacted. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) return text;
    NeedleMatcher matcher = matcher();
    NeedleMatcher.MatchList matches = new NeedleMatcher.MatchList();
    matcher.findAll(text, matches);
    findTokenLookalikes(text, matches);
    if (matches.size == 0) return text;
    return replace(text, matcher, matches);
  }

  /**
   * Returns a deep copy of {@code node} with every string value and field name {@link
   * #redact(String) redacted}. Binary values are redacted in their base64 text form.
   */
  public JsonNode redact(JsonNode node) {
    if (node == null) return null;
    return copy(node, Set.of());
  }

  /**
   * Registers the string values of every field named in {@code fieldNames} (at any depth, exact
   * names), then returns a deep copy of {@code node} where those values are replaced by their
   * {@link #redactedForm redacted form}, whatever their length, and everything else is {@link
   * #redact(JsonNode) redacted}. Use it on inbound arguments: {@code redactFields(arguments,
   * Set.of("apiKey", "awsSecretAccessKey"))}.
   */
  public JsonNode redactFields(JsonNode node, Set<String> fieldNames) {
    requireNonNull(fieldNames, "fieldNames == null");
    if (node == null) return null;
    registerFields(node, fieldNames);
    return copy(node, fieldNames);
  }

  private void registerFields(JsonNode node, Set<String> fieldNames) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (fieldNames.contains(field.getKey()) && field.getValue().isTextual()) {
          register(field.getValue().textValue());
        } else {
          registerFields(field.getValue(), fieldNames);
        }
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) registerFields(element, fieldNames);
    }
  }

  private JsonNode copy(JsonNode node, Set<String> secretFields) {
    JsonNodeFactory factory = JsonNodeFactory.instance;
    if (node.isObject()) {
      ObjectNode copy = factory.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String name = field.getKey();
        JsonNode value = field.getValue();
        if (secretFields.contains(name) && value.isTextual()) {
          copy.set(redact(name), TextNode.valueOf(redactedForm(value.textValue())));
        } else {
          copy.set(redact(name), copy(value, secretFields));
        }
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = factory.arrayNode(node.size());
      for (JsonNode element : node) copy.add(copy(element, secretFields));
      return copy;
    }
    if (node.isTextual()) {
      String text = node.textValue();
      String redacted = redact(text);
      return redacted.equals(text) ? node : TextNode.valueOf(redacted);
    }
    if (node.isBinary() || node.isPojo()) {
      String text = node.isBinary() ? encodeBinary(node) : node.toString();
      String redacted = redact(text);
      return redacted.equals(text) ? node.deepCopy() : TextNode.valueOf(redacted);
    }
    return node.deepCopy(); // numbers, booleans, null, missing: immutable and secret-free
  }

  private static String encodeBinary(JsonNode node) {
    try {
      return Base64.getEncoder().encodeToString(node.binaryValue());
    } catch (java.io.IOException e) {
      throw new AssertionError("binary node without bytes", e);
    }
  }

  private NeedleMatcher matcher() {
    Snapshot current = snapshot;
    if (current.version == version) return current.matcher;
    synchronized (lock) {
      current = snapshot;
      if (current.version == version) return current.matcher;
      List<String> needles = new ArrayList<>();
      List<String> replacements = new ArrayList<>();
      Set<String> seen = new LinkedHashSet<>();
      for (String secret : secrets) {
        String replacement = redactedForm(secret);
        for (String form : SecretForms.of(secret)) {
          if (seen.add(form)) {
            needles.add(form);
            replacements.add(replacement);
          }
        }
      }
      Snapshot built = new Snapshot(version, new NeedleMatcher(needles, replacements));
      snapshot = built;
      return built.matcher;
    }
  }

  private static void findTokenLookalikes(String text, NeedleMatcher.MatchList matches) {
    for (int at = text.indexOf("tt_"); at >= 0; at = text.indexOf("tt_", at + 1)) {
      for (String prefix : TOKEN_PREFIXES) {
        if (!text.startsWith(prefix, at)) continue;
        int end = at + prefix.length();
        while (end < text.length() && isBase62(text.charAt(end))) end++;
        if (end - at - prefix.length() >= TOKEN_LOOKALIKE_MIN_BODY) matches.add(at, end, -1);
      }
    }
  }

  /** Replaces the union of the matched spans; an overlap extends the span being replaced. */
  private static String replace(String text, NeedleMatcher matcher, NeedleMatcher.MatchList m) {
    Integer[] order = new Integer[m.size];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, (a, b) ->
        m.start(a) != m.start(b) ? Integer.compare(m.start(a), m.start(b))
            : Integer.compare(m.end(b), m.end(a)));
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    int i = 0;
    while (i < order.length) {
      int first = order[i];
      int start = m.start(first);
      int end = m.end(first);
      for (i++; i < order.length && m.start(order[i]) < end; i++) {
        end = Math.max(end, m.end(order[i]));
      }
      int replacementIndex = m.replacement(first);
      String replacement = replacementIndex >= 0
          ? matcher.replacement(replacementIndex)
          : redactedForm(text.substring(m.start(first), m.end(first)));
      out.append(text, copied, start).append(replacement);
      copied = end;
    }
    return out.append(text, copied, text.length()).toString();
  }

  private static boolean isBase62(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean isTailSafe(char c) {
    return isBase62(c) || c == '+' || c == '/' || c == '=' || c == '_' || c == '.' || c == '-';
  }

  private record Snapshot(int version, NeedleMatcher matcher) {}
}
