package ai.aisetu.mcp.http;

/**
 * Rewrites each JSON-RPC message on its way to the client, per session: the HTTP counterpart of
 * wrapping stdio's output (onboarding plugs in its redaction here, so a once-only secret reaches
 * the client once and only its redacted form afterwards). Called on the writing thread, after the
 * {@link ai.aisetu.mcp.stdio.MessageObserver} saw the original; must be thread-safe and must
 * return valid JSON.
 */
@FunctionalInterface
public interface OutboundRewriter {
  OutboundRewriter NONE = (sessionId, json) -> json;

  String rewrite(String sessionId, String json);
}
