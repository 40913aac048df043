package ai.aisetu.mcp;

import static java.util.Objects.requireNonNull;

import ai.aisetu.admin.AdminException;
import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.admin.Cancellation;
import ai.aisetu.admin.model.Viewer;
import ai.aisetu.mcp.tools.SessionContext;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One MCP session's state; see {@link SessionContext}. */
final class Session implements SessionContext {
  private static final Logger log = LoggerFactory.getLogger(Session.class);

  /** The credential and what hangs on it; replaced whole when the PAT changes. */
  private record Credential(String pat, AiSetuAdmin admin, Viewer viewer) {
    Credential withViewer(Viewer viewer) {
      return new Credential(pat, admin, viewer);
    }

    @Override
    public String toString() {
      return "Credential[pat=" + (pat == null ? "none" : "set") + "]";
    }
  }

  private final String id;
  private final AiSetuAdmin baseClient;
  private final Consumer<Session> onPatChanged;
  private final AtomicReference<Credential> credential = new AtomicReference<>();
  private final AtomicReference<List<URI>> roots = new AtomicReference<>();
  private volatile McpSyncServerExchange exchange;
  private volatile McpSchema.ClientCapabilities capabilities;
  private volatile String clientName = "unknown";

  /**
   * @param baseClient a client without PAT whose connections every credential shares
   * @param pat the initial PAT, or null
   * @param onPatChanged told after {@link #setPat} (to send {@code tools/list_changed})
   */
  Session(String id, AiSetuAdmin baseClient, String pat, Consumer<Session> onPatChanged) {
    this.id = requireNonNull(id, "id == null");
    this.baseClient = requireNonNull(baseClient, "baseClient == null");
    this.onPatChanged = requireNonNull(onPatChanged, "onPatChanged == null");
    this.credential.set(credentialFor(pat));
  }

  private Credential credentialFor(String pat) {
    return new Credential(pat, pat == null ? baseClient.withoutPat() : baseClient.withPat(pat), null);
  }

  /** Remembers what the client declared; called on every request of the session. */
  void seen(McpSyncServerExchange exchange) {
    this.exchange = exchange;
    if (capabilities == null) {
      capabilities = exchange.getClientCapabilities();
      McpSchema.Implementation info = exchange.getClientInfo();
      if (info != null && info.name() != null) clientName = info.name();
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public URI baseUrl() {
    return URI.create(baseClient.baseUrl());
  }

  @Override
  public boolean hasPat() {
    return credential.get().pat() != null;
  }

  @Override
  public void setPat(String pat) {
    credential.set(credentialFor(pat));
    log.debug("session {}: credential changed", id);
    onPatChanged.accept(this);
  }

  @Override
  public AiSetuAdmin admin() {
    return credential.get().admin();
  }

  @Override
  public Viewer viewer(Cancellation cancellation) {
    Credential current = credential.get();
    if (current.pat() == null) throw new IllegalStateException("no PAT");
    if (current.viewer() != null) return current.viewer();
    Viewer viewer = current.admin().viewer(cancellation);
    credential.compareAndSet(current, current.withViewer(viewer));
    return viewer;
  }

  @Override
  public Optional<Viewer> cachedViewer() {
    return Optional.ofNullable(credential.get().viewer());
  }

  /**
   * The PAT's scopes for deciding what to list: null when unknown (no PAT, or the lookup failed:
   * then everything is listed and calls report the problem).
   */
  List<String> scopesForListing() {
    if (!hasPat()) return null;
    try {
      return viewer(Cancellation.create()).scopes();
    } catch (AdminException e) {
      log.debug("session {}: viewer lookup failed; listing every tool", id, e);
      return null;
    }
  }

  @Override
  public boolean supportsFormElicitation() {
    McpSchema.ClientCapabilities caps = capabilities;
    if (caps == null || caps.elicitation() == null) return false;
    McpSchema.ClientCapabilities.Elicitation elicitation = caps.elicitation();
    // An empty elicitation object (protocol 2025-06-18) means form.
    return elicitation.form() != null || elicitation.url() == null;
  }

  @Override
  public boolean supportsUrlElicitation() {
    McpSchema.ClientCapabilities caps = capabilities;
    return caps != null && caps.elicitation() != null && caps.elicitation().url() != null;
  }

  @Override
  public List<URI> roots() {
    List<URI> cached = roots.get();
    if (cached != null) return cached;
    McpSchema.ClientCapabilities caps = capabilities;
    McpSyncServerExchange current = exchange;
    if (caps == null || caps.roots() == null || current == null) return List.of();
    List<URI> fetched = new ArrayList<>();
    try {
      for (McpSchema.Root root : current.listRoots().roots()) fetched.add(URI.create(root.uri()));
    } catch (RuntimeException e) {
      log.debug("session {}: roots/list failed", id, e);
      return List.of();
    }
    List<URI> result = List.copyOf(fetched);
    roots.set(result);
    return result;
  }

  /** Forgets the cached roots (the client sent {@code notifications/roots/list_changed}). */
  void rootsChanged() {
    roots.set(null);
  }

  @Override
  public String clientName() {
    return clientName;
  }

  McpSyncServerExchange exchange() {
    return exchange;
  }

  @Override
  public String toString() {
    return "Session[" + id + ", " + credential.get() + "]";
  }
}
