package ai.aisetu.local.byok;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of {@link ProviderProbe} checking a credential against its provider.
 *
 * @param ok true if the provider accepted the credential.
 * @param message a sentence for a person: what happened and, on failure, what to do. Never
 *     contains the credential.
 * @param latencyMs time from sending the request to the provider's answer or to giving up.
 */
public record ProbeResult(boolean ok, String message, long latencyMs) {
  public ProbeResult {
    requireNonNull(message, "message == null");
  }
}
