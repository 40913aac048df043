package ai.aisetu.local;

/** The classification of an error, as in the schema's {@code ErrorCode} enum. */
enum ErrorCode {
  UNAUTHENTICATED,
  UNAUTHORIZED,
  FORBIDDEN,
  NOT_FOUND,
  BAD_USER_INPUT,
  CONFLICT,
  RATE_LIMITED,
  INTERNAL
}
