package ai.aisetu.mcp;

import ai.aisetu.admin.Cancellation;
import ai.aisetu.mcp.stdio.CancellationListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link Cancellation} of every tool call in flight, by session and request, so that {@code
 * notifications/cancelled} aborts the control-plane call of that request.
 */
final class InFlightCalls implements CancellationListener {
  private final Map<String, Cancellation> calls = new ConcurrentHashMap<>();

  /** A cancellation for the request, registered until {@link #finished}. */
  Cancellation start(String sessionId, String requestKey) {
    Cancellation cancellation = Cancellation.create();
    if (requestKey != null) calls.put(key(sessionId, requestKey), cancellation);
    return cancellation;
  }

  void finished(String sessionId, String requestKey) {
    if (requestKey != null) calls.remove(key(sessionId, requestKey));
  }

  @Override
  public void onCancelled(String sessionId, String requestKey) {
    Cancellation cancellation = calls.get(key(sessionId, requestKey));
    if (cancellation != null) cancellation.cancel();
  }

  int size() {
    return calls.size();
  }

  private static String key(String sessionId, String requestKey) {
    return sessionId + "\u0000" + requestKey;
  }
}
