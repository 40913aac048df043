package ai.aisetu.admin;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The API refused the operation in {@code errors[]} (HTTP 200). Decide on {@link #code()}, never on
 * the message text:
 *
 * <pre>{@code
 * try {
 *   admin.workspaces().create("staging");
 * } catch (AdminGraphQLError e) {
 *   if (e.code() == ErrorCode.UNAUTHORIZED) { ... the PAT lacks admin:write ... }
 * }
 * }</pre>
 */
public final class AdminGraphQLError extends AdminException {
  private final ErrorCode code;
  private final List<Object> path;
  private final String field;
  private final Integer retryAfterSeconds;

  public AdminGraphQLError(
      String operationName,
      ErrorCode code,
      String message,
      List<Object> path,
      String field,
      Integer retryAfterSeconds) {
    super(operationName, message, null);
    this.code = requireNonNull(code, "code == null");
    this.path = path == null ? List.of() : List.copyOf(path);
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public ErrorCode code() {
    return code;
  }

  /** The server's message: what was wrong and what to do. */
  public String message() {
    return getMessage();
  }

  /** The path of the failing field, such as {@code ["rotateApiKey"]}; empty if none was given. */
  public List<Object> path() {
    return path;
  }

  /** The argument at fault ({@code extensions.field}) for {@link ErrorCode#BAD_USER_INPUT}, or null. */
  public String field() {
    return field;
  }

  /** For {@link ErrorCode#RATE_LIMITED}: seconds to wait before trying again, or null. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  @Override
  public String toString() {
    return "AdminGraphQLError[" + code + "] " + getMessage();
  }
}
