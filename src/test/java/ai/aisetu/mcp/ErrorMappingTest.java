package ai.aisetu.mcp;

import static ai.aisetu.mcp.AiSetuMcpServerTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each failure class becomes an isError result telling the model what to do. */
final class ErrorMappingTest {
  private ControlPlaneStub plane;
  private final ExampleTools tools = new ExampleTools();

  @BeforeEach
  void setUp() throws Exception {
    plane = new ControlPlaneStub();
  }

  @AfterEach
  void tearDown() {
    plane.close();
  }

  static Stream<Arguments> answers() {
    return Stream.of(
        Arguments.of(ControlPlaneStub.graphQLError("UNAUTHORIZED", "needs admin:write"),
            "this PAT has admin:read only; mint one with admin:write or run onboarding"),
        Arguments.of(ControlPlaneStub.graphQLError("UNAUTHENTICATED", "revoked"),
            ErrorMessages.PAT_REJECTED),
        Arguments.of(ControlPlaneStub.graphQLError("FORBIDDEN", "MEMBER cannot delete"),
            "your role does not allow this: MEMBER cannot delete"),
        Arguments.of(ControlPlaneStub.graphQLError("NOT_FOUND", "no workspace w1"),
            "not found: no workspace w1; check the id"),
        Arguments.of(ControlPlaneStub.graphQLError("BAD_USER_INPUT", "must not be blank", ",\"field\":\"id\""),
            "invalid argument `id`: must not be blank"),
        Arguments.of(ControlPlaneStub.graphQLError("CONFLICT", "last OWNER"), "conflict: last OWNER"),
        Arguments.of(ControlPlaneStub.graphQLError("RATE_LIMITED", "slow down", ",\"retryAfterSeconds\":7"),
            "wait 7 seconds"),
        Arguments.of(new MockResponse.Builder().code(401)
            .body("{\"errors\":[{\"message\":\"bad token\"}]}").build(), ErrorMessages.PAT_REJECTED),
        Arguments.of(new MockResponse.Builder().code(500).body("oops").build(),
            "the control plane failed (HTTP 500)"));
  }

  @ParameterizedTest
  @MethodSource("answers")
  void controlPlaneErrorBecomesActionableResult(MockResponse answer, String expected) throws Exception {
    plane.answer("WorkspacesDelete", request -> answer);
    try (InProcessServer server = new InProcessServer(ServerOptions.builder().baseUrl(plane.baseUrl())
        .pat(ControlPlaneStub.WRITE_PAT, "--pat").build(), tools, plane)) {
      McpSchema.CallToolResult result = server.client().callTool(
          new McpSchema.CallToolRequest("workspaces_delete", Map.of("workspaceId", "w1")));
      assertThat(result.isError()).isTrue();
      assertThat(result.structuredContent()).isNull();
      assertThat(text(result)).contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
      server.assertEveryLineIsJsonRpc();
    }
  }

  @Test
  void unreachableControlPlaneSaysWhereAndAsksIfItRuns() throws Exception {
    String baseUrl = plane.baseUrl();
    ControlPlaneStub closedPlane = plane;
    try (InProcessServer server = new InProcessServer(ServerOptions.builder().baseUrl(baseUrl)
        .pat(ControlPlaneStub.WRITE_PAT, "--pat").build(), tools, plane)) {
      closedPlane.close(); // Nothing listens there any more.
      McpSchema.CallToolResult result =
          server.client().callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
      assertThat(text(result)).startsWith("could not reach the control plane at " + baseUrl)
          .contains("is it running?");
    }
  }

  @Test
  void badArgumentNamesTheField() throws Exception {
    try (InProcessServer server = new InProcessServer(ServerOptions.builder().baseUrl(plane.baseUrl())
        .pat(ControlPlaneStub.WRITE_PAT, "--pat").confirm(false).build(), tools, plane)) {
      McpSchema.CallToolResult result = server.client().callTool(
          new McpSchema.CallToolRequest("workspaces_delete", Map.of("workspaceId", "  ")));
      assertThat(result.isError()).isTrue();
      assertThat(text(result)).contains("`workspaceId`").contains("call workspaces_delete again");
    }
  }
}
