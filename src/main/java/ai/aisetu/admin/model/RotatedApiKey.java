package ai.aisetu.admin.model;

/** The successor of a rotated key, its secret (this response only), and the key it replaced. */
public record RotatedApiKey(ApiKey apiKey, String secret, ApiKey previous) {
  /** Shows the secret only as a hint, e.g. {@code tt_live_…abcd}. */
  @Override
  public String toString() {
    return "RotatedApiKey[apiKey=" + apiKey + ", secret=" + SecretHint.of(secret)
        + ", previous=" + previous + "]";
  }
}
