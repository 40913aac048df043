package ai.aisetu.local.fakes;

import static java.util.Objects.requireNonNull;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Anthropic's {@code GET /v1/models}: needs {@code anthropic-version} (400 without it) and {@code
 * x-api-key: <validKey>} (401 otherwise), as the real API does.
 */
public final class FakeAnthropic extends FakeUpstream {
  public static final String VERSION = "2023-06-01";

  private final String validKey;

  public FakeAnthropic(String validKey) {
    this.validKey = requireNonNull(validKey, "validKey == null");
  }

  @Override
  protected MockResponse respond(RecordedRequest request) {
    if (!request.getMethod().equals("GET") || !request.getTarget().equals("/v1/models")) {
      return error(404, "not_found_error", "Not found");
    }
    if (!VERSION.equals(request.getHeaders().get("anthropic-version"))) {
      return error(400, "invalid_request_error", "anthropic-version: header is required");
    }
    if (!validKey.equals(request.getHeaders().get("x-api-key"))) {
      return error(401, "authentication_error", "invalid x-api-key");
    }
    return response(200, "application/json",
        "{\"data\":[{\"type\":\"model\",\"id\":\"claude-sonnet-4-20250514\","
            + "\"display_name\":\"Claude Sonnet 4\",\"created_at\":\"2025-05-22T00:00:00Z\"}],"
            + "\"has_more\":false,\"first_id\":\"claude-sonnet-4-20250514\","
            + "\"last_id\":\"claude-sonnet-4-20250514\"}");
  }

  private static MockResponse error(int code, String type, String message) {
    return response(code, "application/json",
        "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}");
  }
}
