package ai.aisetu.local.fakes;

import static java.util.Objects.requireNonNull;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * OpenAI's {@code GET /v1/models}: 200 with a model list for {@code Authorization: Bearer
 * <validKey>}, else 401 with OpenAI's error body, which (like the real one) echoes part of the key.
 */
public final class FakeOpenAi extends FakeUpstream {
  private final String validKey;

  public FakeOpenAi(String validKey) {
    this.validKey = requireNonNull(validKey, "validKey == null");
  }

  @Override
  protected MockResponse respond(RecordedRequest request) {
    if (!request.getMethod().equals("GET") || !request.getTarget().equals("/v1/models")) {
      return json(404, "{\"error\":{\"message\":\"Unknown request URL\",\"type\":\"invalid_request_error\"}}");
    }
    String authorization = request.getHeaders().get("Authorization");
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return json(401, "{\"error\":{\"message\":\"You didn't provide an API key.\","
          + "\"type\":\"invalid_request_error\",\"code\":null}}");
    }
    String key = authorization.substring("Bearer ".length());
    if (!key.equals(validKey)) {
      String echoed = key.length() > 8 ? key.substring(0, 4) + "*****" + key.substring(key.length() - 4) : "***";
      return json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + echoed + ".\","
          + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
    }
    return json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\","
        + "\"created\":1721172741,\"owned_by\":\"system\"}]}");
  }

  private static MockResponse json(int code, String body) {
    return response(code, "application/json", body);
  }
}
