package ai.aisetu.secrets;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saved credential file that onboarding writes and the server reads at start-up:
 * {@code $XDG_CONFIG_HOME/ai-setu/credentials.json} (else {@code ~/.config/ai-setu/credentials.json}),
 * mode 0600 in a 0700 directory. It keeps one entry per control plane, keyed by {@link
 * #controlPlaneKey}, so a PAT minted against one plane is never sent to another:
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "controlPlanes": {
 *     "production": {"pat": "tt_pat_…", "email": "ada@example.com", "savedAt": "2025-01-01T00:00:00Z"},
 *     "local":      {"pat": "tt_pat_…", "email": "ada@example.com", "savedAt": "…"}
 *   }
 * }
 * }</pre>
 *
 * <pre>{@code
 * CredentialStore store = CredentialStore.at(CredentialStore.defaultPath(System.getenv()));
 * String plane = CredentialStore.controlPlaneKey(baseUrl, local);
 * Optional<String> pat = store.pat(plane);
 * store.save(plane, newPat, email, Instant.now());
 * }</pre>
 *
 * <p>Every write replaces the file atomically (a 0600 temporary file in the same directory, then
 * an atomic move), under an advisory lock so two server processes saving at once do not lose each
 * other's entry. Fields this class does not know are kept. A file that is not valid JSON fails
 * with a {@link CredentialFileException} that names the path and never quotes the content.
 * Thread-safe.
 */
public final class CredentialStore {
  /** The key of the production control plane. */
  public static final String PRODUCTION = "production";
  /** The key of the embedded local control plane, whatever port it listens on. */
  public static final String LOCAL = "local";
  /** The production control plane's base URL. */
  public static final String PRODUCTION_BASE_URL = "https://api.aisetu.ai";

  private static final Logger log = LoggerFactory.getLogger(CredentialStore.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** Serialises writers within this process; the file lock serialises processes. */
  private static final Object PROCESS_LOCK = new Object();

  private final Path file;

  private CredentialStore(Path file) {
    this.file = file;
  }

  /** A store backed by {@code file}, which need not exist yet. */
  public static CredentialStore at(Path file) {
    return new CredentialStore(requireNonNull(file, "file == null").toAbsolutePath());
  }

  /**
   * {@code $XDG_CONFIG_HOME/ai-setu/credentials.json} if that variable holds an absolute path,
   * else {@code $HOME/.config/ai-setu/credentials.json}.
   */
  public static Path defaultPath(Map<String, String> env) {
    return XdgDirectories.configHome(env).resolve("ai-setu").resolve("credentials.json");
  }

  /**
   * The identity of a control plane for the credential file: {@value #LOCAL} for the embedded
   * local plane, {@value #PRODUCTION} for {@value #PRODUCTION_BASE_URL} (or no URL), and otherwise
   * the URL normalised: scheme and host lower-cased, default port, user info, query, fragment and
   * trailing slashes dropped ({@code HTTPS://Api.Example.com:443/v1/} → {@code
   * https://api.example.com/v1}).
   *
   * @throws IllegalArgumentException if {@code baseUrl} is not an absolute http(s) URL
   */
  public static String controlPlaneKey(String baseUrl, boolean local) {
    if (local) return LOCAL;
    if (baseUrl == null || baseUrl.isBlank()) return PRODUCTION;
    URI uri;
    try {
      uri = new URI(baseUrl.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "baseUrl is not a valid URL: give the control plane's absolute URL, such as "
              + PRODUCTION_BASE_URL);
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"https".equals(scheme) && !"http".equals(scheme) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "baseUrl must be an absolute http or https URL with a host, such as "
              + PRODUCTION_BASE_URL);
    }
    StringBuilder key = new StringBuilder(scheme).append("://")
        .append(uri.getHost().toLowerCase(Locale.ROOT));
    int port = uri.getPort();
    if (port != -1 && !(port == 443 && scheme.equals("https")) && !(port == 80 && scheme.equals("http"))) {
      key.append(':').append(port);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
    key.append(path);
    String normalised = key.toString();
    return normalised.equals(PRODUCTION_BASE_URL) ? PRODUCTION : normalised;
  }

  /** The file this store reads and writes. */
  public Path file() {
    return file;
  }

  /** The PAT saved for {@code controlPlaneKey}, if any. */
  public Optional<String> pat(String controlPlaneKey) {
    return entry(controlPlaneKey).map(Entry::pat);
  }

  /** The whole entry saved for {@code controlPlaneKey}, if any. */
  public Optional<Entry> entry(String controlPlaneKey) {
    requireNonNull(controlPlaneKey, "controlPlaneKey == null");
    ObjectNode root = read();
    JsonNode entry = planes(root).get(controlPlaneKey);
    if (entry == null || entry.isNull()) return Optional.empty();
    JsonNode pat = entry.get("pat");
    if (!entry.isObject() || pat == null || !pat.isTextual() || pat.textValue().isBlank()) {
      throw malformed("the entry for " + controlPlaneKey + " has no \"pat\" string");
    }
    JsonNode email = entry.get("email");
    JsonNode savedAt = entry.get("savedAt");
    Instant saved = null;
    if (savedAt != null && savedAt.isTextual()) {
      try {
        saved = Instant.parse(savedAt.textValue());
      } catch (DateTimeParseException e) {
        throw malformed("the entry for " + controlPlaneKey + " has a \"savedAt\" that is not an ISO-8601 instant");
      }
    }
    return Optional.of(new Entry(
        pat.textValue(), email != null && email.isTextual() ? email.textValue() : null, saved));
  }

  /**
   * Saves {@code pat} for {@code controlPlaneKey}, replacing any previous entry for that plane and
   * keeping the others. Creates the directory (0700) and the file (0600) as needed, and brings an
   * existing file to 0600.
   */
  public void save(String controlPlaneKey, String pat, String email, Instant savedAt) {
    requireNonNull(controlPlaneKey, "controlPlaneKey == null");
    requireNonNull(pat, "pat == null");
    requireNonNull(savedAt, "savedAt == null");
    if (pat.isBlank()) throw new IllegalArgumentException("pat is blank");
    update(root -> {
      ObjectNode entry = planes(root).putObject(controlPlaneKey);
      entry.put("pat", pat);
      if (email != null) entry.put("email", email);
      entry.put("savedAt", savedAt.toString());
    });
  }

  /** Removes the entry for {@code controlPlaneKey}; does nothing if there is none. */
  public void remove(String controlPlaneKey) {
    requireNonNull(controlPlaneKey, "controlPlaneKey == null");
    if (!Files.exists(file)) return;
    update(root -> planes(root).remove(controlPlaneKey));
  }

  private interface Edit {
    void apply(ObjectNode root);
  }

  private void update(Edit edit) {
    synchronized (PROCESS_LOCK) {
      try {
        PrivateFiles.createDirectories(file.getParent());
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE), PrivateFiles.fileAttributes(lockFile));
            FileLock ignored = channel.lock()) {
          ObjectNode root = read();
          root.put("version", 1);
          edit.apply(root);
          PrivateFiles.writeAtomically(file, JSON.writeValueAsBytes(root));
        }
      } catch (IOException e) {
        throw new CredentialFileException(
            "could not write the credential file " + file + " (" + e.getClass().getSimpleName()
                + "): check that its directory is writable by you", e);
      }
    }
  }

  private ObjectNode read() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return JSON.createObjectNode();
    } catch (IOException e) {
      throw new CredentialFileException(
          "could not read the credential file " + file + " (" + e.getClass().getSimpleName()
              + "): check that it is a file readable by you", e);
    }
    warnIfLoose();
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      // The parser's message quotes the content: keep only the position.
      throw malformed("it is not valid JSON"
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (IOException e) {
      throw malformed("it could not be parsed");
    }
    if (root == null || root.isMissingNode()) return JSON.createObjectNode();
    if (!root.isObject()) throw malformed("it is not a JSON object");
    return (ObjectNode) root;
  }

  private ObjectNode planes(ObjectNode root) {
    JsonNode planes = root.get("controlPlanes");
    if (planes == null || planes.isNull()) return root.putObject("controlPlanes");
    if (!planes.isObject()) throw malformed("\"controlPlanes\" is not an object");
    return (ObjectNode) planes;
  }

  private void warnIfLoose() {
    try {
      if (PrivateFiles.isLooserThanOwnerOnly(file)) {
        log.warn("credential file {} is readable or writable by others; run: chmod 600 {}", file, file);
      }
    } catch (IOException ignored) {
      // The read already succeeded; the mode check is advisory.
    }
  }

  private CredentialFileException malformed(String what) {
    return new CredentialFileException("the credential file " + file + " is damaged: " + what
        + ". Fix it, or delete it and run onboarding again");
  }

  /** A saved credential. {@link #toString()} shows only the PAT's redacted form. */
  public record Entry(String pat, String email, Instant savedAt) {
    public Entry {
      requireNonNull(pat, "pat == null");
    }

    @Override
    public String toString() {
      return "Entry[pat=" + Redactor.redactedForm(pat) + ", email=" + email + ", savedAt=" + savedAt + "]";
    }
  }
}
