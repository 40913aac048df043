package ai.aisetu.mcp.tools;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.admin.Cancellation;
import ai.aisetu.admin.model.Viewer;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The state of one MCP session (one client connection): its credential, the admin client bound to
 * it, the cached {@code viewer}, and what the client can do. Thread-safe: tool calls of a session
 * run concurrently.
 *
 * <p>The credential can change during a session: onboarding mints a PAT and calls {@link
 * #setPat(String)}; the next tool call uses it, the listing follows its scopes and the client
 * receives {@code notifications/tools/list_changed}.
 */
public interface SessionContext {
  /** The MCP session id (also the transcript's session). */
  String id();

  /** The control plane this session talks to. */
  URI baseUrl();

  /** True once the session has a PAT (from the command line, the environment, a file, or onboarding). */
  boolean hasPat();

  /**
   * Makes {@code pat} this session's credential at once: drops the cached viewer, rebinds {@link
   * #admin()}, re-evaluates which tools are listed and notifies the client. Null signs out.
   */
  void setPat(String pat);

  /** The admin client with the session's current PAT (or none, for the onboarding calls). */
  AiSetuAdmin admin();

  /**
   * Who the session's PAT belongs to, looked up once per PAT and cached.
   *
   * @throws IllegalStateException if the session has no PAT
   * @throws ai.aisetu.admin.AdminException if the lookup fails (not cached)
   */
  Viewer viewer(Cancellation cancellation);

  /** The viewer if it was already looked up for the current PAT; never calls the control plane. */
  Optional<Viewer> cachedViewer();

  /** True if the client declared form elicitation (it can ask its user a question). */
  boolean supportsFormElicitation();

  /** True if the client declared URL elicitation (it can open a page for its user). */
  boolean supportsUrlElicitation();

  /**
   * The workspace roots the client exposes (file URIs), asked once and cached until the client
   * says they changed; empty if the client has no roots capability or the request fails.
   */
  List<URI> roots();

  /** The client's name from {@code initialize} ({@code clientInfo.name}), or "unknown". */
  String clientName();
}
