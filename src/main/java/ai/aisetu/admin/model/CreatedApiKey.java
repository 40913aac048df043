package ai.aisetu.admin.model;

/** A new API key and its secret, which the API returns in this response only. */
public record CreatedApiKey(ApiKey apiKey, String secret) {
  /** Shows the secret only as a hint, e.g. {@code tt_live_…abcd}. */
  @Override
  public String toString() {
    return "CreatedApiKey[apiKey=" + apiKey + ", secret=" + SecretHint.of(secret) + "]";
  }
}
