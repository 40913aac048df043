package ai.aisetu.onboarding;

import static java.util.Objects.requireNonNull;

import ai.aisetu.mcp.stdio.MessageObserver;
import ai.aisetu.mcp.tools.ToolCatalogue;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.secrets.CredentialStore;
import ai.aisetu.secrets.Redactor;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything the server needs for onboarding and once-only secrets, assembled once by the CLI:
 * the per-session {@link SessionSecrets}, the {@link RevealPage}, the {@link SecretDelivery}, the
 * onboarding tools, the transcript and the redacted stdout.
 *
 * <pre>{@code
 * try (ServerSecrets secrets = ServerSecrets.builder(env)
 *     .initialPat(options.pat())
 *     .transcript(options.transcriptEnabled(), options.transcript())
 *     .credentialStore(CredentialStore.at(CredentialStore.defaultPath(env)), planeKey) // unless --no-save-credentials
 *     .localOutbox(plane.outboxUri(), plane.outboxDir())                                // --local only
 *     .build()) {
 *   ToolCatalogue catalogue = secrets.catalogue(adminCatalogue);  // + onboarding, with destinations
 *   OutputStream stdout = secrets.stdout(System.out, server::sessionId);
 *   MessageObserver observer = secrets.observer();
 * }
 * }</pre>
 */
public final class ServerSecrets implements AutoCloseable {
  private final SessionSecrets sessions;
  private final RevealPage pages;
  private final SecretDelivery delivery;
  private final Onboarding onboarding;
  private final ConversationTranscript transcript;

  private ServerSecrets(Builder builder) {
    this.sessions = new SessionSecrets(Redactor.global());
    sessions.registerForAllSessions(builder.initialPat);
    this.pages = RevealPage.create(builder.clock, RevealPage.DEFAULT_TTL);
    this.delivery = new SecretDelivery(sessions, pages, builder.workingDirectory, builder.env);
    Onboarding.Builder onboarding = Onboarding.builder(delivery, pages).clock(builder.clock);
    if (builder.store != null) onboarding.credentialStore(builder.store, builder.controlPlaneKey);
    if (builder.outboxPage != null) onboarding.localOutbox(builder.outboxPage, builder.outboxFolder);
    this.onboarding = onboarding.build();
    this.transcript = builder.transcriptEnabled
        ? ConversationTranscript.open(sessions, builder.env, builder.transcriptPath)
        : null;
  }

  public static Builder builder(Map<String, String> env) {
    return new Builder(env);
  }

  /** {@code tools} plus the onboarding tools, all seeing the secret destinations. */
  public ToolCatalogue catalogue(ToolCatalogue tools) {
    requireNonNull(tools, "tools == null");
    return new SecretHandlingCatalogue(() -> {
      List<ToolDefinition> all = new ArrayList<>(tools.tools());
      all.addAll(onboarding.tools());
      return all;
    }, delivery);
  }

  /** The transport's observer: inbound secrets registered first, then the transcript. */
  public MessageObserver observer() {
    return new SecretIntake(sessions, transcript != null ? transcript : MessageObserver.NONE);
  }

  /** {@code out} with every line redacted but the one block that surfaces a secret. */
  public OutputStream stdout(OutputStream out, Supplier<String> sessionId) {
    return new RedactingOutput(out, sessions, sessionId);
  }

  /** The transcript file of {@code sessionId}, or null with {@code --no-transcript}. */
  public Path transcriptFile(String sessionId) {
    return transcript == null ? null : transcript.file(sessionId);
  }

  public SessionSecrets sessions() {
    return sessions;
  }

  @Override
  public void close() {
    pages.close();
    if (transcript != null) transcript.close();
  }

  public static final class Builder {
    private final Map<String, String> env;
    private String initialPat;
    private boolean transcriptEnabled = true;
    private Path transcriptPath;
    private CredentialStore store;
    private String controlPlaneKey;
    private URI outboxPage;
    private Path outboxFolder;
    private Path workingDirectory = Path.of("").toAbsolutePath();
    private Clock clock = Clock.systemUTC();

    private Builder(Map<String, String> env) {
      this.env = Map.copyOf(requireNonNull(env, "env == null"));
    }

    /** The PAT the server starts with (null for none): redacted everywhere from the start. */
    public Builder initialPat(String pat) {
      this.initialPat = pat;
      return this;
    }

    /** {@code --transcript PATH} (null: the default per-session file) / {@code --no-transcript}. */
    public Builder transcript(boolean enabled, Path path) {
      this.transcriptEnabled = enabled;
      this.transcriptPath = path;
      return this;
    }

    /** Where onboarding saves the PAT it mints; leave unset for {@code --no-save-credentials}. */
    public Builder credentialStore(CredentialStore store, String controlPlaneKey) {
      this.store = requireNonNull(store, "store == null");
      this.controlPlaneKey = requireNonNull(controlPlaneKey, "controlPlaneKey == null");
      return this;
    }

    public Builder localOutbox(URI page, Path folder) {
      this.outboxPage = page;
      this.outboxFolder = folder;
      return this;
    }

    /** Where {@code file} destinations go when the client exposes no roots. */
    public Builder workingDirectory(Path workingDirectory) {
      this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory == null");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock == null");
      return this;
    }

    public ServerSecrets build() {
      return new ServerSecrets(this);
    }
  }
}
