package ai.aisetu.onboarding;

import static java.util.Objects.requireNonNull;

import ai.aisetu.mcp.stdio.MessageObserver;

/**
 * The transport's {@link MessageObserver}: registers the secrets a message carries in (a BYOK
 * {@code apiKey}, {@code awsSecretAccessKey}, a sign-in {@code code}) the moment it is read,
 * before any handler, log line or transcript sees it, then hands the message, with those
 * arguments redacted, to the next observer (the transcript).
 *
 * <pre>{@code
 * MessageObserver observer = new SecretIntake(secrets, (session, inbound, json) ->
 *     transcript.record(session, inbound ? Direction.IN : Direction.OUT, json));
 * }</pre>
 */
public final class SecretIntake implements MessageObserver {
  private final SessionSecrets secrets;
  private final MessageObserver next;

  public SecretIntake(SessionSecrets secrets, MessageObserver next) {
    this.secrets = requireNonNull(secrets, "secrets == null");
    this.next = requireNonNull(next, "next == null");
  }

  @Override
  public void onMessage(String sessionId, boolean inbound, String json) {
    if (sessionId == null) {
      next.onMessage(null, inbound, json);
      return;
    }
    String recorded = inbound
        ? secrets.intake(sessionId, json)
        : secrets.redactor(sessionId).redact(json);
    next.onMessage(sessionId, inbound, recorded);
  }

  /** Forgets the session's secrets after the next observer has let go of them. */
  @Override
  public void sessionEnded(String sessionId) {
    try {
      next.sessionEnded(sessionId);
    } finally {
      secrets.forget(sessionId);
    }
  }
}
