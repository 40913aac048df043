package ai.aisetu.mcp.http;

import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.lang.reflect.Field;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a Streamable HTTP session inside the SDK's transport when the gate expires it. SDK 2.2.0
 * frees a session only on {@code DELETE} or in its own sweeper, and that sweeper can evict a
 * session created while it runs (the new id lands in the next round's set); so the gate decides
 * expiry and this removes the SDK's session object from the transport's table ({@code sessions},
 * read reflectively) and closes it. If the field is not there (another SDK version), expiry still
 * frees everything of ours and logs once that the SDK's object stays until its stream closes.
 */
final class SdkSessions {
  private static final Logger log = LoggerFactory.getLogger(SdkSessions.class);

  private final Map<String, McpStreamableServerSession> sessions;

  @SuppressWarnings("unchecked")
  SdkSessions(HttpServletStreamableServerTransportProvider provider) {
    Map<String, McpStreamableServerSession> table = null;
    try {
      Field field = HttpServletStreamableServerTransportProvider.class.getDeclaredField("sessions");
      field.setAccessible(true);
      table = (Map<String, McpStreamableServerSession>) field.get(provider);
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn("cannot reach the MCP SDK's session table ({}); expired sessions keep a small SDK object",
          e.getClass().getSimpleName());
    }
    this.sessions = table;
  }

  /** Removes and closes the SDK's session {@code id}, if it still has one. */
  void close(String id) {
    if (sessions == null) return;
    McpStreamableServerSession session = sessions.remove(id);
    if (session == null) return;
    session.closeGracefully().subscribe(null, e -> log.debug("closing an expired session failed", e));
  }

  /** The SDK's live sessions, or -1 if unknown. */
  int size() {
    return sessions == null ? -1 : sessions.size();
  }
}
