package ai.aisetu.cli;

import java.util.Optional;

/**
 * Where a saved PAT for a control plane comes from when neither {@code --pat} nor {@code
 * AI_SETU_PAT} gives one: the credential file in production, nothing in tests.
 */
@FunctionalInterface
interface CredentialSource {
  CredentialSource NONE = (baseUrl, local) -> Optional.empty();

  /** The PAT saved for this control plane, if any; never a PAT saved for another. */
  Optional<String> pat(String baseUrl, boolean local);
}
