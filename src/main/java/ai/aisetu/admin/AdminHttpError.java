package ai.aisetu.admin;

/**
 * The server answered with a non-2xx HTTP status. 401 means the PAT is absent, revoked, expired or
 * not a PAT at all: mint a new one or run onboarding.
 */
public final class AdminHttpError extends AdminException {
  private final int status;
  private final String serverMessage;

  public AdminHttpError(String operationName, int status, String serverMessage) {
    super(operationName, message(operationName, status, serverMessage), null);
    this.status = status;
    this.serverMessage = serverMessage;
  }

  private static String message(String operationName, int status, String serverMessage) {
    String message = operationName + " failed with HTTP " + status;
    return serverMessage != null ? message + ": " + serverMessage : message;
  }

  public int status() {
    return status;
  }

  /** The message the server gave in the body ({@code errors[0].message}), or null. */
  public String serverMessage() {
    return serverMessage;
  }
}
