package ai.aisetu.onboarding;

import static java.util.Objects.requireNonNull;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.admin.Cancellation;
import ai.aisetu.admin.model.Viewer;
import ai.aisetu.mcp.tools.SecretHandling;
import ai.aisetu.mcp.tools.SessionContext;
import ai.aisetu.mcp.tools.ToolCall;
import ai.aisetu.mcp.tools.ToolCatalogue;
import ai.aisetu.mcp.tools.ToolDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A catalogue whose tools see {@code secrets} as their session's {@link SessionContext#secrets()}:
 * how the server hands its {@link SecretDelivery} (destinations, environment secrets) to tools
 * that are plain values, without the session knowing about it.
 *
 * <pre>{@code
 * ToolCatalogue catalogue = new SecretHandlingCatalogue(plainCatalogue, delivery);
 * }</pre>
 */
public final class SecretHandlingCatalogue implements ToolCatalogue {
  private final List<ToolDefinition> tools;

  public SecretHandlingCatalogue(ToolCatalogue catalogue, SecretHandling secrets) {
    requireNonNull(catalogue, "catalogue == null");
    requireNonNull(secrets, "secrets == null");
    List<ToolDefinition> wrapped = new ArrayList<>();
    for (ToolDefinition tool : catalogue.tools()) {
      wrapped.add(new ToolDefinition(tool.name(), tool.title(), tool.description(), tool.toolset(),
          tool.access(), tool.inputSchema(), tool.outputSchema(), tool.readOnlyHint(),
          tool.destructiveHint(), tool.idempotentHint(), tool.openWorldHint(), tool.confirm(),
          call -> tool.handler().handle(new Call(call, secrets))));
    }
    this.tools = List.copyOf(wrapped);
  }

  @Override
  public List<ToolDefinition> tools() {
    return tools;
  }

  private static final class Call implements ToolCall {
    private final ToolCall call;
    private final Session session;

    Call(ToolCall call, SecretHandling secrets) {
      this.call = call;
      this.session = new Session(call.session(), secrets);
    }

    @Override
    public JsonNode arguments() {
      return call.arguments();
    }

    @Override
    public AiSetuAdmin admin() {
      return call.admin();
    }

    @Override
    public String tenantId() {
      return call.tenantId();
    }

    @Override
    public Cancellation cancellation() {
      return call.cancellation();
    }

    @Override
    public void progress(double progress, Double total, String message) {
      call.progress(progress, total, message);
    }

    @Override
    public SessionContext session() {
      return session;
    }
  }

  private static final class Session implements SessionContext {
    private final SessionContext session;
    private final SecretHandling secrets;

    Session(SessionContext session, SecretHandling secrets) {
      this.session = session;
      this.secrets = secrets;
    }

    @Override
    public SecretHandling secrets() {
      return secrets;
    }

    @Override
    public String id() {
      return session.id();
    }

    @Override
    public URI baseUrl() {
      return session.baseUrl();
    }

    @Override
    public boolean hasPat() {
      return session.hasPat();
    }

    @Override
    public void setPat(String pat) {
      session.setPat(pat);
    }

    @Override
    public AiSetuAdmin admin() {
      return session.admin();
    }

    @Override
    public Viewer viewer(Cancellation cancellation) {
      return session.viewer(cancellation);
    }

    @Override
    public Optional<Viewer> cachedViewer() {
      return session.cachedViewer();
    }

    @Override
    public boolean supportsFormElicitation() {
      return session.supportsFormElicitation();
    }

    @Override
    public boolean supportsUrlElicitation() {
      return session.supportsUrlElicitation();
    }

    @Override
    public UrlElicitationAnswer elicitUrl(String message, URI url, String elicitationId) {
      return session.elicitUrl(message, url, elicitationId);
    }

    @Override
    public List<URI> roots() {
      return session.roots();
    }

    @Override
    public String clientName() {
      return session.clientName();
    }

    @Override
    public String toString() {
      return session.toString();
    }
  }
}
