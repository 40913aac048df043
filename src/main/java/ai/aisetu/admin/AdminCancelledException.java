package ai.aisetu.admin;

/**
 * The caller cancelled the call through its {@link Cancellation}, before or while it was in flight.
 * A cancelled mutation may or may not have taken effect on the server.
 */
public final class AdminCancelledException extends AdminTransportError {
  public AdminCancelledException(String operationName, Throwable cause) {
    super(Kind.CANCELLED, operationName, operationName + " was cancelled", cause);
  }
}
