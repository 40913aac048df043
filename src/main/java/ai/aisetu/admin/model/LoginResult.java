package ai.aisetu.admin.model;

/** A verified sign-in: the user, the tenant, the new PAT and its secret (this response only). */
public record LoginResult(User user, Tenant tenant, PersonalAccessToken token, String secret) {
  /** Shows the secret only as a hint, e.g. {@code tt_pat_…abcd}. */
  @Override
  public String toString() {
    return "LoginResult[user=" + user + ", tenant=" + tenant + ", token=" + token
        + ", secret=" + SecretHint.of(secret) + "]";
  }
}
