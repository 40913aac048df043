package ai.aisetu.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class AiSetuMcpServerTest {
  private ControlPlaneStub plane;
  private final ExampleTools tools = new ExampleTools();

  @BeforeEach
  void setUp() throws Exception {
    plane = new ControlPlaneStub();
  }

  @AfterEach
  void tearDown() {
    tools.release.countDown();
    plane.close();
  }

  private ServerOptions.Builder options() {
    return ServerOptions.builder().baseUrl(plane.baseUrl());
  }

  private static List<String> names(McpSyncClient client) {
    return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
  }

  @Test
  void initializeCarriesInstructionsAndServerInfo() throws Exception {
    try (InProcessServer server = new InProcessServer(options().build(), tools, plane)) {
      McpSyncClient client = server.client();
      McpSchema.InitializeResult init = client.getCurrentInitializationResult();
      assertThat(init.serverInfo().name()).isEqualTo("ai-setu-mcp");
      assertThat(init.instructions()).contains("PAT").contains("aisetu://runbook");
      assertThat(init.capabilities().tools().listChanged()).isTrue();
      assertThat(init.capabilities().completions()).isNotNull();
    }
  }

  @Test
  void successSetsStructuredContentAndJsonText() throws Exception {
    try (InProcessServer server = new InProcessServer(
        options().pat(ControlPlaneStub.READ_PAT, "--pat").build(), tools, plane)) {
      McpSchema.CallToolResult result =
          server.client().callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
      assertThat(result.isError()).isFalse();
      @SuppressWarnings("unchecked")
      Map<String, Object> structured = (Map<String, Object>) result.structuredContent();
      assertThat(structured).containsEntry("patId", "p1");
      assertThat(((McpSchema.TextContent) result.content().get(0)).text()).contains("\"patId\":\"p1\"");
      server.assertEveryLineIsJsonRpc();
    }
  }

  @Test
  void toolsCarryAllFourHintsExplicitly() throws Exception {
    try (InProcessServer server = new InProcessServer(options().build(), tools, plane)) {
      McpSchema.Tool delete = server.client().listTools().tools().stream()
          .filter(tool -> tool.name().equals("workspaces_delete")).findFirst().orElseThrow();
      assertThat(delete.annotations().readOnlyHint()).isFalse();
      assertThat(delete.annotations().destructiveHint()).isTrue();
      assertThat(delete.annotations().idempotentHint()).isTrue();
      assertThat(delete.annotations().openWorldHint()).isFalse();
      assertThat(delete.inputSchema()).containsEntry("additionalProperties", false);
    }
  }

  @Test
  void withoutCredentialEveryToolIsListedAndAdminToolsSayHowToSignIn() throws Exception {
    try (InProcessServer server = new InProcessServer(options().build(), tools, plane)) {
      McpSyncClient client = server.client();
      assertThat(names(client)).contains("whoami", "workspaces_list", "workspaces_delete", "test_sign_in");
      McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
      assertThat(result.isError()).isTrue();
      assertThat(text(result)).contains("not signed in").contains("AI_SETU_PAT");
      assertThat(plane.operations).isEmpty();
    }
  }

  @Test
  void readOnlyPatHidesWriteToolsAndNewPatSendsListChanged() throws Exception {
    try (InProcessServer server = new InProcessServer(
        options().pat(ControlPlaneStub.READ_PAT, "--pat").build(), tools, plane)) {
      java.util.concurrent.CountDownLatch changed = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.atomic.AtomicReference<List<McpSchema.Tool>> latest =
          new java.util.concurrent.atomic.AtomicReference<>();
      McpSyncClient client = server.client(spec -> spec.toolsChangeConsumer(list -> {
        latest.set(list);
        changed.countDown();
      }));
      assertThat(names(client)).contains("whoami").doesNotContain("workspaces_delete");

      client.callTool(new McpSchema.CallToolRequest("test_sign_in", Map.of("pat", ControlPlaneStub.WRITE_PAT)));

      assertThat(changed.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(latest.get().stream().map(McpSchema.Tool::name)).contains("workspaces_delete");
      assertThat(names(client)).contains("workspaces_delete");
    }
  }

  @Test
  void readOnlyPatCallingWriteToolIsToldToMintAWritePat() throws Exception {
    try (InProcessServer server = new InProcessServer(
        options().pat(ControlPlaneStub.READ_PAT, "--pat").build(), tools, plane)) {
      McpSyncClient client = server.client();
      names(client); // Looks up the viewer and its scopes.
      McpSchema.CallToolResult result = client.callTool(
          new McpSchema.CallToolRequest("workspaces_delete", Map.of("workspaceId", "w1")));
      assertThat(result.isError()).isTrue();
      assertThat(text(result)).isEqualTo(ErrorMessages.READ_ONLY_PAT);
      assertThat(plane.operations).doesNotContain("WorkspacesDelete");
    }
  }

  @Test
  void readOnlyModeHidesAndRefusesWriteTools() throws Exception {
    try (InProcessServer server = new InProcessServer(
        options().pat(ControlPlaneStub.WRITE_PAT, "--pat").readOnly(true).build(), tools, plane)) {
      McpSyncClient client = server.client();
      assertThat(names(client)).contains("whoami", "workspaces_list")
          .doesNotContain("workspaces_delete", "test_sign_in");
      McpSchema.CallToolResult result = client.callTool(
          new McpSchema.CallToolRequest("workspaces_delete", Map.of("workspaceId", "w1")));
      assertThat(result.isError()).isTrue();
      assertThat(text(result)).contains("--read-only");
      assertThat(plane.operations).doesNotContain("WorkspacesDelete");
    }
  }

  @Test
  void toolsetFilterOffersOnlyThoseToolsets() throws Exception {
    try (InProcessServer server = new InProcessServer(
        options().toolsets(java.util.Set.of("workspaces")).tools(java.util.Set.of("whoami"))
            .excludeTools(java.util.Set.of("workspaces_delete")).build(), tools, plane)) {
      McpSyncClient client = server.client();
      assertThat(names(client)).containsExactlyInAnyOrder("whoami", "workspaces_list");
      McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("boom", Map.of()));
      assertThat(text(result)).contains("not enabled");
    }
  }

  @Test
  void unknownToolsetIsRefusedAtStartWithTheValidOnes() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AiSetuMcpServer.stdio(
            options().toolsets(java.util.Set.of("wrokspaces")).build(), tools, plane.client(),
            new Pipe().in, new Pipe().out, ai.aisetu.mcp.stdio.MessageObserver.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wrokspaces")
        .hasMessageContaining("valid toolsets: account,api_keys");
  }

  @Test
  void progressNotificationsReachTheClient() throws Exception {
    try (InProcessServer server = new InProcessServer(
        options().pat(ControlPlaneStub.READ_PAT, "--pat").build(), tools, plane)) {
      List<McpSchema.ProgressNotification> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
      java.util.concurrent.CountDownLatch both = new java.util.concurrent.CountDownLatch(2);
      McpSyncClient client = server.client(spec -> spec.progressConsumer(notification -> {
        progress.add(notification);
        both.countDown();
      }));
      McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(
          "workspaces_list", Map.of(), Map.of("progressToken", "tok-1")));
      assertThat(result.isError()).isFalse();
      assertThat(both.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue(); // Delivered asynchronously.
      // The SDK client may hand notifications over out of order; the wire order is checked instead.
      assertThat(progress).extracting(McpSchema.ProgressNotification::progress)
          .containsExactlyInAnyOrder(0.0, 2.0);
      assertThat(server.transport.received.stream().filter(line -> line.contains("notifications/progress")))
          .satisfiesExactly(first -> assertThat(first).contains("\"progress\":0.0"),
              second -> assertThat(second).contains("\"progress\":2.0"));
      assertThat(progress).allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("tok-1"));
    }
  }

  @Test
  void unexpectedFailureGivesGenericErrorWithoutInternals() throws Exception {
    try (InProcessServer server = new InProcessServer(options().build(), tools, plane)) {
      McpSchema.CallToolResult result =
          server.client().callTool(new McpSchema.CallToolRequest("boom", Map.of()));
      assertThat(result.isError()).isTrue();
      assertThat(text(result)).contains("internal error").doesNotContain("Foo.java").doesNotContain("secret");
    }
  }

  @Test
  void runbookIsAResourceAndPromptsComplete() throws Exception {
    try (InProcessServer server = new InProcessServer(
        options().pat(ControlPlaneStub.READ_PAT, "--pat").build(), tools, plane)) {
      McpSyncClient client = server.client();
      McpSchema.ReadResourceResult runbook =
          client.readResource(new McpSchema.ReadResourceRequest("aisetu://runbook"));
      McpSchema.TextResourceContents contents = (McpSchema.TextResourceContents) runbook.contents().get(0);
      assertThat(contents.mimeType()).isEqualTo("text/markdown");
      assertThat(contents.text()).contains("tt_pat_");
      assertThat(client.listPrompts().prompts()).extracting(McpSchema.Prompt::name)
          .containsExactlyInAnyOrder("onboard_new_user", "setup_byok", "rotate_workspace_keys", "credit_runway");
      McpSchema.CompleteResult completion = client.completeCompletion(new McpSchema.CompleteRequest(
          new McpSchema.PromptReference("rotate_workspace_keys"),
          new McpSchema.CompleteRequest.CompleteArgument("workspaceId", "st")));
      assertThat(completion.completion().values()).containsExactly("w2");
    }
  }

  static String text(McpSchema.CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }
}
