package ai.aisetu.mcp.stdio;

/**
 * Sees every JSON-RPC message a transport reads or writes, as the exact JSON text, in the order
 * they cross the wire; an outgoing message is reported just before it is written. The conversation transcript plugs in here. Called from the transport's
 * threads: implementations must be thread-safe and quick, and must not throw (an exception is
 * logged and ignored).
 */
@FunctionalInterface
public interface MessageObserver {
  MessageObserver NONE = (sessionId, inbound, json) -> {};

  /**
   * @param inbound true for a message from the client, false for one to it
   * @param json one JSON-RPC message; malformed input lines are not reported, the error answer is
   */
  void onMessage(String sessionId, boolean inbound, String json);

  /**
   * The session ended (closed by the client, or expired): nothing more will be reported for it,
   * so whatever is kept for it (an open transcript file, a redactor) can be released.
   */
  default void sessionEnded(String sessionId) {}
}
