package ai.aisetu.admin.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Creates or replaces a BYOK connection, keyed by {@code slug}. OpenAI and Anthropic need {@code
 * apiKey}; Bedrock needs {@code awsAccessKeyId}, {@code awsSecretAccessKey} and {@code awsRegion}.
 * {@code label} is a deprecated alias of {@code slug}.
 *
 * <pre>{@code
 * UpsertProviderCredentialInput input = UpsertProviderCredentialInput.builder(Provider.BEDROCK)
 *     .slug("bedrock-prod")
 *     .awsAccessKeyId(accessKeyId)
 *     .awsSecretAccessKey(secretAccessKey)
 *     .awsRegion("us-west-2")
 *     .build();
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpsertProviderCredentialInput(
    Provider provider,
    String slug,
    String label,
    String apiKey,
    String awsAccessKeyId,
    String awsSecretAccessKey,
    String awsRegion) {

  public UpsertProviderCredentialInput {
    requireNonNull(provider, "provider == null");
  }

  public static Builder builder(Provider provider) {
    return new Builder(provider);
  }

  /** Shows the secrets only as hints. */
  @Override
  public String toString() {
    return "UpsertProviderCredentialInput[provider=" + provider + ", slug=" + slug
        + ", label=" + label + ", apiKey=" + SecretHint.of(apiKey)
        + ", awsAccessKeyId=" + awsAccessKeyId
        + ", awsSecretAccessKey=" + SecretHint.of(awsSecretAccessKey)
        + ", awsRegion=" + awsRegion + "]";
  }

  /** Builds an {@link UpsertProviderCredentialInput}; unset fields stay null. */
  public static final class Builder {
    private final Provider provider;
    private String slug;
    private String label;
    private String apiKey;
    private String awsAccessKeyId;
    private String awsSecretAccessKey;
    private String awsRegion;

    private Builder(Provider provider) {
      this.provider = requireNonNull(provider, "provider == null");
    }

    public Builder slug(String slug) {
      this.slug = slug;
      return this;
    }

    public Builder label(String label) {
      this.label = label;
      return this;
    }

    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    public Builder awsAccessKeyId(String awsAccessKeyId) {
      this.awsAccessKeyId = awsAccessKeyId;
      return this;
    }

    public Builder awsSecretAccessKey(String awsSecretAccessKey) {
      this.awsSecretAccessKey = awsSecretAccessKey;
      return this;
    }

    public Builder awsRegion(String awsRegion) {
      this.awsRegion = awsRegion;
      return this;
    }

    public UpsertProviderCredentialInput build() {
      return new UpsertProviderCredentialInput(
          provider, slug, label, apiKey, awsAccessKeyId, awsSecretAccessKey, awsRegion);
    }
  }
}
