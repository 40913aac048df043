package ai.aisetu.local;

import static java.util.Objects.requireNonNull;

import ai.aisetu.local.byok.EnvelopeCipher;
import ai.aisetu.local.byok.ProviderProbe;
import ai.aisetu.local.byok.Upstreams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AI Setu control plane on this machine: the GraphQL API of {@code schema/schema-public.gql}
 * over HTTP on loopback, backed by SQLite, with a local outbox for sign-in codes and a checkout
 * page for top-ups. In the spirit of stripe-mock or LocalStack, but with real storage.
 *
 * <pre>{@code
 * try (LocalControlPlane plane = LocalControlPlane.builder().inMemory().port(0).build().start()) {
 *   URI graphql = plane.graphqlUri();                      // http://127.0.0.1:<port>/graphql
 *   // requestLoginCode(email) over HTTP, then:
 *   String code = plane.latestLoginCode(email).orElseThrow();
 *   // verifyLoginCode(email, code) returns a PAT; seed spend for the usage projection:
 *   plane.seedUsage(tenantId, 1_250, Instant.now());
 * }
 * }</pre>
 *
 * <p>By default the database is {@code control-plane.db} in the state directory
 * ({@code $XDG_STATE_HOME/ai-setu-mcp/local}, else {@code ~/.local/state/ai-setu-mcp/local}), the
 * outbox is its {@code outbox} folder and the key-encryption key for BYOK secrets is
 * {@code AI_SETU_LOCAL_KEK} or the 0600 file {@code kek} there. An {@link Builder#inMemory()
 * in-memory} plane without an explicit state directory keeps nothing on disk but its outbox, in a
 * fresh temporary folder, and uses a random KEK.
 */
public final class LocalControlPlane implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalControlPlane.class);

  private final Builder config;
  private final Database db;
  private final Outbox outbox;
  private final Billing billing;
  private final Server server;
  private final Path temporaryOutbox;
  private URI baseUri;

  private LocalControlPlane(Builder config) {
    this.config = config;
    Path stateDir = config.stateDir != null ? config.stateDir : defaultStateDir(config.environment);
    boolean ephemeral = config.inMemory && config.stateDir == null;
    this.db = config.inMemory ? Database.inMemory()
        : Database.file(config.databaseFile != null ? config.databaseFile : stateDir.resolve("control-plane.db"));
    try {
      Path outboxDir = config.outboxDir != null ? config.outboxDir
          : ephemeral ? Files.createTempDirectory("ai-setu-outbox") : stateDir.resolve("outbox");
      this.temporaryOutbox = config.outboxDir == null && ephemeral ? outboxDir : null;
      this.outbox = new Outbox(outboxDir);
      EnvelopeCipher cipher = ephemeral && !config.environment.containsKey(EnvelopeCipher.KEK_ENV)
          ? new EnvelopeCipher(randomKey())
          : EnvelopeCipher.fromEnvironment(config.environment, stateDir.resolve("kek"));
      this.billing = new Billing(db, config.clock);
      Services services = new Services(new Accounts(db), new Workspaces(db, config.clock),
          new ApiKeys(db, config.clock), billing, new Pats(db, config.clock),
          new ProviderCredentials(db, config.clock, cipher, new ProviderProbe(config.upstreams, config.probeTimeout)), new Logins(db, config.clock, outbox));
      QueuedThreadPool threads = new QueuedThreadPool(16, 2);
      threads.setName("local-control-plane");
      threads.setDaemon(true);
      this.server = new Server(threads);
      ErrorHandler errors = new ErrorHandler();
      errors.setShowStacks(false);
      server.setErrorHandler(errors);
      ServerConnector connector = new ServerConnector(server, 1, 1);
      connector.setHost("127.0.0.1");
      connector.setPort(config.port);
      server.addConnector(connector);
      server.setHandler(new HttpFront(new ControlPlaneGraphQL(services), services.pats(), billing, outbox));
      server.setStopTimeout(0);
    } catch (IOException e) {
      db.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Binds the port and starts serving; returns this. */
  public LocalControlPlane start() {
    try {
      server.start();
    } catch (Exception e) {
      close();
      throw new IllegalStateException("cannot start the local control plane on 127.0.0.1:" + config.port + ": "
          + e.getMessage(), e);
    }
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    baseUri = URI.create("http://127.0.0.1:" + port);
    billing.baseUri(baseUri);
    log.info("AI Setu local control plane at {} ; sign-in codes go to the outbox {} (also {})",
        graphqlUri(), outbox.dir().toAbsolutePath(), outboxUri());
    return this;
  }

  /** {@code http://127.0.0.1:<port>}; only after {@link #start()}. */
  public URI baseUri() {
    if (baseUri == null) throw new IllegalStateException("not started");
    return baseUri;
  }

  public URI graphqlUri() {
    return baseUri().resolve("/graphql");
  }

  /** The HTML page listing recent outbox messages; {@code /outbox.json} has the same as JSON. */
  public URI outboxUri() {
    return baseUri().resolve("/outbox");
  }

  public Path outboxDir() {
    return outbox.dir();
  }

  /** The code in the newest outbox message to {@code email}: for tests and demos. */
  public Optional<String> latestLoginCode(String email) {
    return outbox.latestLoginCode(requireNonNull(email, "email == null"));
  }

  /** Records synthetic inference spend of {@code cents} at {@code at}, drawn from the tenant's balance. */
  public void seedUsage(String tenantId, long cents, Instant at) {
    billing.seedUsage(requireNonNull(tenantId, "tenantId == null"), cents, requireNonNull(at, "at == null"));
  }

  /** The whole store as text, for tests that prove a refused call changed nothing. */
  Map<String, java.util.List<String>> snapshot() {
    return db.snapshot();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("stopping the local control plane: {}", e.toString());
    } finally {
      db.close();
      if (temporaryOutbox != null) deleteTree(temporaryOutbox);
    }
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      log.debug("could not delete the temporary outbox {}: {}", dir, e.toString());
    }
  }

  static Path defaultStateDir(Map<String, String> env) {
    String xdg = env.get("XDG_STATE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg)
        : Paths.get(System.getProperty("user.home"), ".local", "state");
    return base.resolve("ai-setu-mcp").resolve("local");
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  /** Configures a {@link LocalControlPlane}; every setting has a default. */
  public static final class Builder {
    private int port = 0;
    private boolean inMemory;
    private Path databaseFile;
    private Path stateDir;
    private Path outboxDir;
    private Map<String, String> environment = System.getenv();
    private Clock clock = Clock.systemUTC();
    private Upstreams upstreams = Upstreams.defaults();
    private Duration probeTimeout = Duration.ofSeconds(10);

    private Builder() {}

    /** 0 (the default) picks a free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) throw new IllegalArgumentException("port must be 0 to 65535");
      this.port = port;
      return this;
    }

    /** Keeps the database in memory: gone on {@link #close()}. */
    public Builder inMemory() {
      this.inMemory = true;
      this.databaseFile = null;
      return this;
    }

    public Builder databaseFile(Path databaseFile) {
      this.databaseFile = requireNonNull(databaseFile, "databaseFile == null");
      this.inMemory = false;
      return this;
    }

    /** Where the database, the outbox and the KEK file go by default. */
    public Builder stateDir(Path stateDir) {
      this.stateDir = requireNonNull(stateDir, "stateDir == null");
      return this;
    }

    public Builder outboxDir(Path outboxDir) {
      this.outboxDir = requireNonNull(outboxDir, "outboxDir == null");
      return this;
    }

    /** Replaces {@code System.getenv()}: {@code XDG_STATE_HOME}, {@code AI_SETU_LOCAL_KEK}. */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(requireNonNull(environment, "environment == null"));
      return this;
    }

    /** The clock for every timestamp, expiry and projection. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock == null");
      return this;
    }

    /** Where provider tests go (OpenAI, Anthropic, STS): aim them at local fakes in tests. */
    public Builder upstreams(Upstreams upstreams) {
      this.upstreams = requireNonNull(upstreams, "upstreams == null");
      return this;
    }

    /** How long one provider test may take in all; 10 seconds by default. */
    public Builder probeTimeout(Duration probeTimeout) {
      this.probeTimeout = requireNonNull(probeTimeout, "probeTimeout == null");
      return this;
    }

    public LocalControlPlane build() {
      return new LocalControlPlane(this);
    }
  }
}
