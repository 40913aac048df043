/**
 * The secret model of the server: what may be shown, where, and how often.
 *
 * <ul>
 *   <li>{@link ai.aisetu.secrets.Redactor}: the registry of a session's secrets (minted and
 *       inbound) and the redaction of every byte the server writes: tool results after the one
 *       that surfaces a secret, errors, log notifications, the transcript, stderr.
 *   <li>{@link ai.aisetu.secrets.OnceOnlySecret}: a minted secret that can be handed on exactly
 *       once, registered for redaction before it is.
 *   <li>{@link ai.aisetu.secrets.SecretDestination}: where it goes (the conversation, a {@link
 *       ai.aisetu.secrets.FileDestination file} in the workspace, the reveal page).
 *   <li>{@link ai.aisetu.secrets.EnvSecretReader}: inbound keys read from the server's environment,
 *       so they never pass through the model.
 *   <li>{@link ai.aisetu.secrets.TranscriptWriter}: the redacted audit record of the conversation.
 *   <li>{@link ai.aisetu.secrets.CredentialStore}: the saved PAT per control plane (0600).
 *   <li>{@link ai.aisetu.secrets.LogRedaction}: stderr through the process-wide registry.
 * </ul>
 *
 * <p>Wiring for one session:
 *
 * <pre>{@code
 * LogRedaction.installOnStderr(Redactor.global());               // once per process, first
 * Redactor redactor = Redactor.forSession();                      // feeds Redactor.global()
 * redactor.register(activePat);                                   // inbound: from the first byte
 * TranscriptWriter transcript = TranscriptWriter.open(TranscriptWriter.defaultPath(env, id), redactor);
 *
 * OnceOnlySecret key = OnceOnlySecret.mint(redactor, "api_key", created.secret());
 * String shown = key.reveal();   // once: into the one result marked audience ["user"], a file, or the page
 * }</pre>
 *
 * <p>Nothing here depends on the MCP SDK or on OkHttp.
 */
package ai.aisetu.secrets;
