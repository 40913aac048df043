package ai.aisetu.admin.model;

/** A new PAT and its secret ({@code tt_pat_…}), which the API returns in this response only. */
public record CreatedPersonalAccessToken(PersonalAccessToken token, String secret) {
  /** Shows the secret only as a hint, e.g. {@code tt_pat_…abcd}. */
  @Override
  public String toString() {
    return "CreatedPersonalAccessToken[token=" + token + ", secret=" + SecretHint.of(secret) + "]";
  }
}
