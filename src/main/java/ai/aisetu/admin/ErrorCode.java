package ai.aisetu.admin;

/** The classification of a GraphQL error, from {@code errors[].extensions.code}. */
public enum ErrorCode {
  /** Missing, malformed, unknown, revoked or expired token, or a workspace key. */
  UNAUTHENTICATED,
  /** The PAT lacks the scope the field needs (an {@code admin:read} PAT calling a mutation). */
  UNAUTHORIZED,
  /** The user's role is too low for the action. */
  FORBIDDEN,
  /** The object does not exist, or belongs to another tenant. */
  NOT_FOUND,
  /** An argument is invalid; {@link AdminGraphQLError#field()} names it. */
  BAD_USER_INPUT,
  /** A duplicate, or a change that would leave a workspace without an OWNER. */
  CONFLICT,
  /** Too many requests; see {@link AdminGraphQLError#retryAfterSeconds()}. */
  RATE_LIMITED,
  /** An unexpected fault on the control plane. */
  INTERNAL,
  /** A code this client does not know, or none. */
  UNKNOWN;

  /** Returns the code named {@code name}, or {@link #UNKNOWN}. */
  public static ErrorCode of(String name) {
    if (name == null) return UNKNOWN;
    for (ErrorCode code : values()) {
      if (code != UNKNOWN && code.name().equals(name)) return code;
    }
    return UNKNOWN;
  }
}
