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
 * The sessions of this server by id, created on first sight with the server's initial PAT, or,
 * when the transport context carries {@link AiSetuMcpServer#CALLER_PAT_KEY} (HTTP, one PAT per
 * caller), with that caller's PAT. Each session only ever uses its own credential.
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
    return get(id, null);
  }

  private Session get(String id, McpTransportContext context) {
    Object callerPat = context == null ? null : context.get(AiSetuMcpServer.CALLER_PAT_KEY);
    String pat = callerPat instanceof String string ? string : initialPat;
    return sessions.computeIfAbsent(id, key -> new Session(key, baseClient, pat, onPatChanged));
  }

  /** Forgets the session (it ended): its credential, cached viewer and roots go with it. */
  void remove(String id) {
    if (id != null) sessions.remove(id);
  }

  int size() {
    return sessions.size();
  }

  Session forExchange(McpSyncServerExchange exchange) {
    Session session = get(exchange.sessionId(), exchange.transportContext());
    session.seen(exchange);
    return session;
  }

  /** The session named in a transport context, or null if the context names none. */
  Session forContext(McpTransportContext context) {
    Object id = context == null ? null : context.get(StdioServerTransport.SESSION_KEY);
    return id instanceof String string ? get(string, context) : null;
  }
}
