package ai.aisetu.mcp;

import static ai.aisetu.mcp.AiSetuMcpServerTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class ConfirmationTest {
  private ControlPlaneStub plane;
  private final ExampleTools tools = new ExampleTools();
  private final List<McpSchema.ElicitFormRequest> asked = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    plane = new ControlPlaneStub();
  }

  @AfterEach
  void tearDown() {
    plane.close();
  }

  private InProcessServer start(ServerOptions.Builder options) {
    return new InProcessServer(options.baseUrl(plane.baseUrl())
        .pat(ControlPlaneStub.WRITE_PAT, "--pat").build(), tools, plane);
  }

  private McpSchema.CallToolResult delete(McpSyncClient client) {
    return client.callTool(new McpSchema.CallToolRequest("workspaces_delete", Map.of("workspaceId", "w1")));
  }

  @Test
  void acceptedConfirmationRunsTheTool() throws Exception {
    try (InProcessServer server = start(ServerOptions.builder())) {
      McpSyncClient client = server.client(spec -> spec.elicitation(request -> {
        asked.add(request);
        return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("confirm", true));
      }));
      McpSchema.CallToolResult result = delete(client);
      assertThat(result.isError()).isFalse();
      assertThat(asked).hasSize(1);
      assertThat(asked.get(0).message()).contains("workspaces_delete").contains("workspaceId=w1");
      assertThat(asked.get(0).requestedSchema().toString()).contains("boolean");
      assertThat(plane.operations).contains("WorkspacesDelete");
    }
  }

  @Test
  void declinedConfirmationChangesNothing() throws Exception {
    try (InProcessServer server = start(ServerOptions.builder())) {
      McpSyncClient client = server.client(spec -> spec.elicitation(request ->
          new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null)));
      McpSchema.CallToolResult result = delete(client);
      assertThat(result.isError()).isTrue();
      assertThat(text(result)).contains("the user declined");
      assertThat(plane.operations).doesNotContain("WorkspacesDelete");
    }
  }

  @Test
  void acceptWithNoIsADecline() throws Exception {
    try (InProcessServer server = start(ServerOptions.builder())) {
      McpSyncClient client = server.client(spec -> spec.elicitation(request ->
          new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("confirm", false))));
      assertThat(text(delete(client))).contains("the user declined");
      assertThat(plane.operations).doesNotContain("WorkspacesDelete");
    }
  }

  @Test
  void confirmationIsBoundedByTheElicitationTimeout() throws Exception {
    // The SDK's own 10 s default would cut a person short; the server sets the request timeout
    // to ServerOptions.elicitationTimeout (30 min by default). Shown here with a short one.
    try (InProcessServer server = new InProcessServer(ServerOptions.builder()
        .baseUrl(plane.baseUrl()).pat(ControlPlaneStub.WRITE_PAT, "--pat")
        .elicitationTimeout(Duration.ofMillis(300)).build(), tools, plane)) {
      java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
      McpSyncClient client = server.client(spec -> spec.elicitation(request -> {
        try {
          never.await(3, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.CANCEL, null);
      }));
      McpSchema.CallToolResult result = delete(client);
      assertThat(text(result)).contains("could not get the user's confirmation");
      assertThat(plane.operations).doesNotContain("WorkspacesDelete");
      never.countDown();
    }
  }

  @Test
  void clientWithoutElicitationActsDirectly() throws Exception {
    try (InProcessServer server = start(ServerOptions.builder())) {
      McpSchema.CallToolResult result = delete(server.client());
      assertThat(result.isError()).isFalse();
      assertThat(plane.operations).contains("WorkspacesDelete");
    }
  }

  @Test
  void noConfirmSkipsTheQuestion() throws Exception {
    try (InProcessServer server = start(ServerOptions.builder().confirm(false))) {
      McpSyncClient client = server.client(spec -> spec.elicitation(request -> {
        asked.add(request);
        return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null);
      }));
      assertThat(delete(client).isError()).isFalse();
      assertThat(asked).isEmpty();
    }
  }
}
