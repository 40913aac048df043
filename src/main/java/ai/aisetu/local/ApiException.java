package ai.aisetu.local;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule said no. Becomes one entry of {@code errors[]} with {@code extensions.code}, and
 * {@code extensions.field} / {@code extensions.retryAfterSeconds} when they apply. The message
 * says what was wrong and what to do; it never holds a secret.
 */
final class ApiException extends RuntimeException {
  private final ErrorCode code;
  private final String field;
  private final Long retryAfterSeconds;

  private ApiException(ErrorCode code, String message, String field, Long retryAfterSeconds) {
    super(requireNonNull(message, "message == null"), null, false, false);
    this.code = requireNonNull(code, "code == null");
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static ApiException badInput(String field, String message) {
    return new ApiException(ErrorCode.BAD_USER_INPUT, message, requireNonNull(field, "field == null"), null);
  }

  static ApiException notFound(String what) {
    return new ApiException(ErrorCode.NOT_FOUND, what + " not found", null, null);
  }

  static ApiException conflict(String message) {
    return new ApiException(ErrorCode.CONFLICT, message, null, null);
  }

  static ApiException conflict(String field, String message) {
    return new ApiException(ErrorCode.CONFLICT, message, field, null);
  }

  static ApiException forbidden(String message) {
    return new ApiException(ErrorCode.FORBIDDEN, message, null, null);
  }

  static ApiException unauthorized(String message) {
    return new ApiException(ErrorCode.UNAUTHORIZED, message, null, null);
  }

  static ApiException unauthenticated(String message) {
    return new ApiException(ErrorCode.UNAUTHENTICATED, message, null, null);
  }

  static ApiException rateLimited(String message, long retryAfterSeconds) {
    return new ApiException(ErrorCode.RATE_LIMITED, message, null, Math.max(1, retryAfterSeconds));
  }

  ErrorCode code() {
    return code;
  }

  Map<String, Object> extensions() {
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("code", code.name());
    if (field != null) extensions.put("field", field);
    if (retryAfterSeconds != null) extensions.put("retryAfterSeconds", retryAfterSeconds);
    return extensions;
  }
}
