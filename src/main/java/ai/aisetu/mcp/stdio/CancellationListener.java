package ai.aisetu.mcp.stdio;

/**
 * Told when the client cancels one of its requests still in flight ({@code
 * notifications/cancelled}). The SDK ignores that notification; the transport intercepts it and
 * calls this, so the server can abort the control-plane call of that request. The request's key is
 * the one the transport put in the request's transport context under {@link
 * StdioServerTransport#REQUEST_KEY}.
 */
@FunctionalInterface
public interface CancellationListener {
  CancellationListener NONE = (sessionId, requestKey) -> {};

  void onCancelled(String sessionId, String requestKey);
}
