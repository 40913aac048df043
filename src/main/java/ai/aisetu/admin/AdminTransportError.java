package ai.aisetu.admin;

import static java.util.Objects.requireNonNull;

/**
 * The exchange with the control plane broke before an HTTP or GraphQL answer could be read: the
 * connection was refused or reset, a timeout expired, the body was not the JSON expected, or the
 * call was cancelled ({@link AdminCancelledException}).
 */
public sealed class AdminTransportError extends AdminException permits AdminCancelledException {
  /** What broke. */
  public enum Kind {
    /** The connection could not be opened (refused, unknown host). */
    CONNECT,
    /** A connect, read or whole-call timeout expired. */
    TIMEOUT,
    /** The connection failed while sending or reading (reset, closed early). */
    IO,
    /** The body was not JSON, was truncated, or had neither {@code data} nor {@code errors}. */
    MALFORMED_RESPONSE,
    /** The caller cancelled the call. */
    CANCELLED
  }

  private final Kind kind;

  public AdminTransportError(Kind kind, String operationName, String message, Throwable cause) {
    super(operationName, message, cause);
    this.kind = requireNonNull(kind, "kind == null");
  }

  public Kind kind() {
    return kind;
  }
}
