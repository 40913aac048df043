package ai.aisetu.mcp;

import ai.aisetu.admin.AiSetuAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A control plane on MockWebServer answering GraphQL operations by name; tests script an answer
 * per operation. Whoami answers by PAT: {@link #READ_PAT} has admin:read only, {@link #WRITE_PAT}
 * both scopes.
 */
final class ControlPlaneStub implements AutoCloseable {
  static final String READ_PAT = "tt_pat_readonly0000000000000000000001";
  static final String WRITE_PAT = "tt_pat_readwrite000000000000000000002";

  private static final ObjectMapper JSON = new ObjectMapper();

  final MockWebServer server = new MockWebServer();
  final List<String> operations = new CopyOnWriteArrayList<>();
  private final Map<String, Function<RecordedRequest, MockResponse>> answers = new ConcurrentHashMap<>();

  ControlPlaneStub() throws IOException {
    answer("Whoami", request -> {
      String auth = request.getHeaders().get("Authorization");
      String scopes = auth != null && auth.endsWith(WRITE_PAT)
          ? "[\"admin:read\",\"admin:write\"]" : "[\"admin:read\"]";
      return data("{\"viewer\":{\"user\":{\"id\":\"u1\",\"email\":\"a@example.com\","
          + "\"createdAt\":\"2026-01-01T00:00:00Z\"},\"tenant\":{\"id\":\"t1\",\"name\":\"Acme\","
          + "\"createdAt\":\"2026-01-01T00:00:00Z\"},\"patId\":\"p1\",\"scopes\":" + scopes + "}}");
    });
    answer("WorkspacesList", request -> data("{\"workspaces\":[{\"id\":\"w1\",\"tenantId\":\"t1\","
        + "\"name\":\"default\",\"createdAt\":\"2026-01-01T00:00:00Z\"},{\"id\":\"w2\","
        + "\"tenantId\":\"t1\",\"name\":\"staging\",\"createdAt\":\"2026-01-02T00:00:00Z\"}]}"));
    answer("WorkspacesDelete", request -> data(
        "{\"deleteWorkspace\":{\"id\":\"w1\",\"revokedApiKeys\":2,\"removedMembers\":1}}"));
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String name;
        try {
          JsonNode body = JSON.readTree(request.getBody().utf8());
          name = body.path("operationName").asText();
        } catch (IOException e) {
          return new MockResponse.Builder().code(400).build();
        }
        operations.add(name);
        Function<RecordedRequest, MockResponse> answer = answers.get(name);
        return answer != null ? answer.apply(request) : graphQLError("INTERNAL", "no stub for " + name);
      }
    });
    server.start();
  }

  void answer(String operationName, Function<RecordedRequest, MockResponse> answer) {
    answers.put(operationName, answer);
  }

  static MockResponse data(String dataJson) {
    return json("{\"data\":" + dataJson + "}");
  }

  static MockResponse graphQLError(String code, String message) {
    return graphQLError(code, message, "");
  }

  /** {@code extensions} holds the code plus {@code extraExtensions} (e.g. {@code ,"field":"name"}). */
  static MockResponse graphQLError(String code, String message, String extraExtensions) {
    return json("{\"data\":null,\"errors\":[{\"message\":\"" + message + "\",\"extensions\":"
        + "{\"code\":\"" + code + "\"" + extraExtensions + "}}]}");
  }

  static MockResponse json(String body) {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  String baseUrl() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  AiSetuAdmin client() {
    return AiSetuAdmin.builder().baseUrl(baseUrl()).environment(Map.of()).maxRetries(0).build();
  }

  @Override
  public void close() {
    server.close();
  }
}
