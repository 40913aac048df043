package ai.aisetu.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A bare GraphQL-over-HTTP client for the tests: status code and body, nothing hidden. */
final class RawGraphQL {
  record Reply(int status, JsonNode body) {
    JsonNode data() {
      return body.path("data");
    }

    String code() {
      return body.path("errors").path(0).path("extensions").path("code").asText(null);
    }

    String field() {
      return body.path("errors").path(0).path("extensions").path("field").asText(null);
    }

    String message() {
      return body.path("errors").path(0).path("message").asText(null);
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  static final OkHttpClient HTTP = new OkHttpClient();

  private final URI endpoint;

  RawGraphQL(URI endpoint) {
    this.endpoint = endpoint;
  }

  Reply post(String token, String query, Object... variables) {
    Map<String, Object> vars = new LinkedHashMap<>();
    for (int i = 0; i < variables.length; i += 2) vars.put((String) variables[i], variables[i + 1]);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", query);
    body.put("variables", vars);
    try {
      return raw(token, JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Reply raw(String token, String json) {
    Request.Builder request = new Request.Builder().url(endpoint.toString()).post(RequestBody.create(json, JSON_TYPE));
    if (token != null) request.header("Authorization", "Bearer " + token);
    try (Response response = HTTP.newCall(request.build()).execute()) {
      String text = response.body().string();
      return new Reply(response.code(), text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
