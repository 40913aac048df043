package ai.aisetu.admin;

/**
 * A failed control-plane call, of one of three kinds kept apart:
 *
 * <ul>
 *   <li>{@link AdminTransportError}: the exchange itself broke (connection refused, timeout, reset,
 *       a body that is not the GraphQL JSON expected, or the caller cancelled);
 *   <li>{@link AdminHttpError}: the server said no with an HTTP status (401 for an absent, revoked
 *       or wrong token);
 *   <li>{@link AdminGraphQLError}: the API said no in {@code errors[]}, with an {@link ErrorCode}.
 * </ul>
 *
 * <p>Messages never contain the PAT nor the value of a secret variable.
 */
public abstract sealed class AdminException extends RuntimeException
    permits AdminTransportError, AdminHttpError, AdminGraphQLError {
  private final String operationName;

  AdminException(String operationName, String message, Throwable cause) {
    super(message, cause);
    this.operationName = operationName;
  }

  /** The GraphQL operation that failed, such as {@code ApiKeysRotate}; null if unknown. */
  public String operationName() {
    return operationName;
  }
}
