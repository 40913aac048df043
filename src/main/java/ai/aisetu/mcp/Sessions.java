package ai.aisetu.mcp;

import static java.util.Objects.requireNonNull;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.mcp.stdio.StdioServerTransport;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The sessions of this server by id, created on first sight with the server's initial PAT. (A
 * future HTTP transport passes each caller's PAT instead; each session only ever uses its own.)
 */
final class Sessions {
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final AiSetuAdmin baseClient;
  private final String initialPat;
  private final Consumer<Session> onPatChanged;

  Sessions(AiSetuAdmin baseClient, String initialPat, Consumer<Session> onPatChanged) {
    this.baseClient = requireNonNull(baseClient, "baseClient == null");
    this.initialPat = initialPat;
    this.onPatChanged = requireNonNull(onPatChanged, "onPatChanged == null");
  }

  Session get(String id) {
    return sessions.computeIfAbsent(id, key -> new Session(key, baseClient, initialPat, onPatChanged));
  }

  Session forExchange(McpSyncServerExchange exchange) {
    Session session = get(exchange.sessionId());
    session.seen(exchange);
    return session;
  }

  /** The session named in a transport context, or null if the context names none. */
  Session forContext(McpTransportContext context) {
    Object id = context == null ? null : context.get(StdioServerTransport.SESSION_KEY);
    return id instanceof String string ? get(string) : null;
  }
}
