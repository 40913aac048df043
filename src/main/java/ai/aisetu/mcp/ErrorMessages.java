package ai.aisetu.mcp;

import ai.aisetu.admin.AdminCancelledException;
import ai.aisetu.admin.AdminGraphQLError;
import ai.aisetu.admin.AdminHttpError;
import ai.aisetu.admin.AdminTransportError;
import ai.aisetu.mcp.tools.ToolInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever a tool threw into the text of an {@code isError} result: what went wrong and what
 * the model should do next. Never a stack trace; unexpected failures are logged to stderr at debug.
 */
final class ErrorMessages {
  static final String NOT_SIGNED_IN =
      "not signed in: run onboarding_start (then onboarding_verify) or set AI_SETU_PAT";
  static final String READ_ONLY_PAT =
      "this PAT has admin:read only; mint one with admin:write or run onboarding";
  static final String PAT_REJECTED =
      "the PAT was rejected (revoked or expired): run onboarding or set a new AI_SETU_PAT";
  static final String DECLINED = "the user declined; nothing was changed. Ask the user before trying again.";
  static final String CANCELLED = "the call was cancelled";

  private static final Logger log = LoggerFactory.getLogger(ErrorMessages.class);

  private ErrorMessages() {}

  static String describe(String toolName, Throwable failure, String baseUrl) {
    if (failure instanceof ToolInputException) {
      return failure.getMessage() + "; fix the argument and call " + toolName + " again";
    }
    if (failure instanceof AdminCancelledException) return CANCELLED;
    if (failure instanceof AdminTransportError transport) return transport(transport, baseUrl);
    if (failure instanceof AdminHttpError http) return http(http, baseUrl);
    if (failure instanceof AdminGraphQLError graphql) return graphql(graphql);
    log.debug("{} failed unexpectedly", toolName, failure);
    return toolName + " failed with an internal error; details are in the server's log (stderr)"
        + " at debug level. Try again, or report it.";
  }

  private static String transport(AdminTransportError e, String baseUrl) {
    switch (e.kind()) {
      case TIMEOUT:
        return "the control plane at " + baseUrl + " did not answer in time: " + e.getMessage()
            + "; try again in a moment";
      case MALFORMED_RESPONSE:
        return "the control plane at " + baseUrl + " sent an answer that is not its GraphQL API: "
            + e.getMessage() + "; is the base URL right (--base-url, AI_SETU_API_BASE_URL)?";
      default:
        return "could not reach the control plane at " + baseUrl + ": " + e.getMessage()
            + "; is it running? (check --base-url / AI_SETU_API_BASE_URL, or start with --local)";
    }
  }

  private static String http(AdminHttpError e, String baseUrl) {
    int status = e.status();
    if (status == 401) return PAT_REJECTED;
    if (status == 403) return "the control plane refused the request (HTTP 403): " + detail(e);
    if (status == 404) {
      return "the control plane at " + baseUrl + " has no GraphQL API (HTTP 404); is the base URL"
          + " right (--base-url, AI_SETU_API_BASE_URL)?";
    }
    if (status == 429) return "rate limited by the control plane (HTTP 429): wait a minute and try again";
    if (status >= 500) {
      return "the control plane failed (HTTP " + status + "): " + detail(e) + "; try again later";
    }
    return "the control plane answered HTTP " + status + ": " + detail(e);
  }

  private static String detail(AdminHttpError e) {
    return e.serverMessage() != null ? e.serverMessage() : "no details";
  }

  private static String graphql(AdminGraphQLError e) {
    String message = e.message();
    switch (e.code()) {
      case UNAUTHENTICATED:
        return PAT_REJECTED;
      case UNAUTHORIZED:
        return READ_ONLY_PAT + " (" + message + ")";
      case FORBIDDEN:
        return "your role does not allow this: " + message
            + "; ask an OWNER or ADMIN of the workspace, or use an account that is one";
      case NOT_FOUND:
        return "not found: " + message
            + "; check the id (the matching _list tool shows what exists)";
      case BAD_USER_INPUT:
        return (e.field() != null ? "invalid argument `" + e.field() + "`: " : "invalid input: ")
            + message + "; fix it and call again";
      case CONFLICT:
        return "conflict: " + message + "; change the request (e.g. another name) or the state first";
      case RATE_LIMITED:
        return "rate limited: " + message + "; wait "
            + (e.retryAfterSeconds() != null ? e.retryAfterSeconds() + " seconds" : "a minute")
            + " and try again";
      default:
        return "the control plane failed: " + message + "; try again later";
    }
  }
}
