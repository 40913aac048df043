package ai.aisetu.mcp;

import static java.util.Objects.requireNonNull;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.admin.Cancellation;
import ai.aisetu.mcp.stdio.StdioServerTransport;
import ai.aisetu.mcp.tools.Access;
import ai.aisetu.mcp.tools.SessionContext;
import ai.aisetu.mcp.tools.ToolCall;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.mcp.tools.ToolJson;
import ai.aisetu.mcp.tools.ToolResult;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an SDK tool of a {@link ToolDefinition}: the wire description with all four hints
 * explicit, and a handler that checks the selection and the session's credential, asks the user
 * to confirm destructive tools, runs the definition's handler with a cancellable {@link ToolCall},
 * and maps every failure to an {@code isError} result.
 */
final class ToolAdapter {
  private static final Logger log = LoggerFactory.getLogger(ToolAdapter.class);
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(key|secret|token|password|pat|code).*");

  private final ToolSelection selection;
  private final Sessions sessions;
  private final InFlightCalls inFlight;
  private final boolean confirm;

  ToolAdapter(ToolSelection selection, Sessions sessions, InFlightCalls inFlight, boolean confirm) {
    this.selection = requireNonNull(selection, "selection == null");
    this.sessions = requireNonNull(sessions, "sessions == null");
    this.inFlight = requireNonNull(inFlight, "inFlight == null");
    this.confirm = confirm;
  }

  static McpSchema.Tool describe(ToolDefinition tool) {
    McpSchema.Tool.Builder builder = McpSchema.Tool.builder()
        .name(tool.name())
        .title(tool.title())
        .description(tool.description())
        .inputSchema(toMap(tool.inputSchema()))
        .annotations(new McpSchema.ToolAnnotations(tool.title(), tool.readOnlyHint(),
            tool.destructiveHint(), tool.idempotentHint(), tool.openWorldHint(), null));
    if (tool.outputSchema() != null) builder.outputSchema(toMap(tool.outputSchema()));
    return builder.build();
  }

  SyncToolSpecification specification(ToolDefinition tool) {
    return new SyncToolSpecification(describe(tool), (exchange, request) -> call(tool, exchange, request));
  }

  private McpSchema.CallToolResult call(
      ToolDefinition tool, McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
    Session session = sessions.forExchange(exchange);
    Object key = exchange.transportContext().get(StdioServerTransport.REQUEST_KEY);
    String requestKey = key instanceof String string ? string : null;
    Cancellation cancellation = inFlight.start(session.id(), requestKey);
    try {
      ToolResult result = run(tool, session, exchange, request, cancellation);
      log.debug("{} -> {}", tool.name(), result);
      return toSdk(result);
    } finally {
      inFlight.finished(session.id(), requestKey);
    }
  }

  private ToolResult run(ToolDefinition tool, Session session, McpSyncServerExchange exchange,
      McpSchema.CallToolRequest request, Cancellation cancellation) {
    String refusal = selection.refusal(tool);
    if (refusal != null) return ToolResult.error(refusal);
    if (tool.access() != Access.NONE) {
      if (!session.hasPat()) return ToolResult.error(ErrorMessages.NOT_SIGNED_IN);
      boolean readOnlyPat = tool.access() == Access.WRITE
          && session.cachedViewer().map(v -> !v.scopes().contains("admin:write")).orElse(false);
      if (readOnlyPat) return ToolResult.error(ErrorMessages.READ_ONLY_PAT);
    }
    ObjectNode arguments = request.arguments() == null
        ? ToolJson.object()
        : ToolJson.mapper().valueToTree(request.arguments());
    try {
      if (tool.confirm() && confirm && session.supportsFormElicitation()) {
        ToolResult refused = confirm(tool, exchange, arguments, cancellation);
        if (refused != null) return refused;
      }
      Call call = new Call(arguments, session, cancellation, exchange, request.progressToken());
      ToolResult result = tool.handler().handle(call);
      if (result == null) throw new IllegalStateException(tool.name() + " returned no result");
      return result;
    } catch (Exception e) {
      if (cancellation.isCancelled()) return ToolResult.error(ErrorMessages.CANCELLED);
      return ToolResult.error(ErrorMessages.describe(tool.name(), e, session.baseUrl().toString()));
    }
  }

  /** Asks the user yes/no; null to go ahead, else the result to answer with. */
  private static ToolResult confirm(ToolDefinition tool, McpSyncServerExchange exchange,
      ObjectNode arguments, Cancellation cancellation) throws Exception {
    ObjectNode schema = ToolJson.object().put("type", "object");
    schema.putObject("properties").putObject("confirm")
        .put("type", "boolean")
        .put("title", "Go ahead")
        .put("description", "Yes to " + tool.title().toLowerCase() + "; no to leave everything as it is.");
    schema.putArray("required").add("confirm");
    String message = tool.title() + " (" + tool.name() + ")" + describeArguments(arguments)
        + "? This cannot be undone.";
    McpSchema.ElicitRequest elicitation =
        McpSchema.ElicitRequest.builder(message, toMap(schema)).build();

    // Wait for the person, but give up at once if the client cancels the tool call.
    CompletableFuture<McpSchema.ElicitResult> answer =
        CompletableFuture.supplyAsync(() -> exchange.createElicitation(elicitation));
    try (Cancellation.Registration ignored = cancellation.onCancel(() -> answer.cancel(true))) {
      McpSchema.ElicitResult result = answer.get();
      boolean accepted = result.action() == McpSchema.ElicitResult.Action.ACCEPT
          && result.content() != null
          && Boolean.TRUE.equals(result.content().get("confirm"));
      return accepted ? null : ToolResult.error(ErrorMessages.DECLINED);
    } catch (java.util.concurrent.CancellationException e) {
      return ToolResult.error(ErrorMessages.CANCELLED);
    } catch (ExecutionException e) {
      log.debug("elicitation failed", e.getCause());
      return ToolResult.error("could not get the user's confirmation ("
          + e.getCause().getMessage() + "); nothing was changed");
    }
  }

  /** The identifying arguments, for the question: never a value whose name suggests a secret. */
  private static String describeArguments(ObjectNode arguments) {
    List<String> parts = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = arguments.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (SECRET_NAME.matcher(field.getKey()).matches() || !field.getValue().isValueNode()) continue;
      parts.add(field.getKey() + "=" + field.getValue().asText());
    }
    return parts.isEmpty() ? "" : " with " + String.join(", ", parts);
  }

  static McpSchema.CallToolResult toSdk(ToolResult result) {
    List<McpSchema.Content> content = new ArrayList<>();
    if (result.structuredContent() != null) {
      content.add(new McpSchema.TextContent(result.structuredContent().toString()));
    }
    if (result.text() != null) content.add(new McpSchema.TextContent(result.text()));
    if (result.userOnlyText() != null) {
      content.add(new McpSchema.TextContent(
          new McpSchema.Annotations(List.of(McpSchema.Role.USER), 1.0), result.userOnlyText()));
    }
    McpSchema.CallToolResult.Builder builder =
        McpSchema.CallToolResult.builder().content(content).isError(result.isError());
    if (result.structuredContent() != null) {
      builder.structuredContent(toMap((ObjectNode) result.structuredContent()));
    }
    return builder.build();
  }

  private static Map<String, Object> toMap(ObjectNode node) {
    return ToolJson.mapper().convertValue(node, MAP);
  }

  /** The {@link ToolCall} handed to a handler. */
  private static final class Call implements ToolCall {
    private final ObjectNode arguments;
    private final Session session;
    private final AiSetuAdmin admin;
    private final Cancellation cancellation;
    private final McpSyncServerExchange exchange;
    private final Object progressToken;

    Call(ObjectNode arguments, Session session, Cancellation cancellation,
        McpSyncServerExchange exchange, Object progressToken) {
      this.arguments = arguments;
      this.session = session;
      this.admin = session.admin();
      this.cancellation = cancellation;
      this.exchange = exchange;
      this.progressToken = progressToken;
    }

    @Override
    public JsonNode arguments() {
      return arguments;
    }

    @Override
    public AiSetuAdmin admin() {
      return admin;
    }

    @Override
    public String tenantId() {
      return optionalString("tenantId")
          .orElseGet(() -> session.viewer(cancellation).tenant().id());
    }

    @Override
    public Cancellation cancellation() {
      return cancellation;
    }

    @Override
    public void progress(double progress, Double total, String message) {
      if (progressToken == null || cancellation.isCancelled()) return;
      try {
        exchange.progressNotification(
            new McpSchema.ProgressNotification(progressToken, progress, total, message));
      } catch (RuntimeException e) {
        log.debug("progress notification failed", e);
      }
    }

    @Override
    public SessionContext session() {
      return session;
    }
  }
}
