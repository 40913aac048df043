package ai.aisetu.mcp.http;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.admin.model.LoginResult;
import ai.aisetu.admin.model.Workspace;
import ai.aisetu.local.LocalControlPlane;
import ai.aisetu.mcp.ServerOptions;
import ai.aisetu.mcp.stdio.MessageObserver;
import ai.aisetu.mcp.tools.Access;
import ai.aisetu.mcp.tools.ObjectSchema;
import ai.aisetu.mcp.tools.ToolCatalogue;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.mcp.tools.ToolResult;
import ai.aisetu.mcp.tools.Toolset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The real local control plane, an admin client on it, and tools in the catalogue's style. */
final class HttpFixture implements AutoCloseable {
  final LocalControlPlane plane = LocalControlPlane.builder().inMemory().build().start();
  final AiSetuAdmin admin = AiSetuAdmin.builder()
      .baseUrl(plane.baseUri().toString())
      .environment(Map.of())
      .build();
  /** Counted down when {@code wait_for_test} runs; the test then counts down {@link #release}. */
  volatile CountDownLatch waiting = new CountDownLatch(1);
  volatile CountDownLatch release = new CountDownLatch(1);

  /** A new user, tenant and PAT, by the OTP flow. */
  LoginResult signUp(String email) {
    AiSetuAdmin anonymous = admin.withoutPat();
    anonymous.requestLoginCode(email);
    String code = plane.latestLoginCode(email).orElseThrow();
    return anonymous.verifyLoginCode(email, code, null, null);
  }

  ServerOptions options(String serverPat) {
    return ServerOptions.builder()
        .baseUrl(plane.baseUri().toString())
        .pat(serverPat, serverPat == null ? null : "test")
        .confirm(false)
        .transcriptEnabled(false)
        .build();
  }

  McpHttpServer start(HttpServerConfig config, String serverPat, MessageObserver observer) {
    return McpHttpServer.create(options(serverPat), catalogue(), admin, config, observer).start();
  }

  static HttpServerConfig.Builder config() {
    return HttpServerConfig.builder().port(0);
  }

  ToolCatalogue catalogue() {
    return () -> List.of(whoami(), workspacesList(), workspacesCreate(), waitForTest());
  }

  private static ToolDefinition whoami() {
    return ToolDefinition.builder("whoami")
        .title("Who am I")
        .description("The user, tenant and scopes of the PAT in use.")
        .toolset(Toolset.ACCOUNT)
        .access(Access.READ)
        .idempotent(true)
        .outputSchema(ObjectSchema.builder().allowAdditionalProperties().build())
        .handler(call -> ToolResult.ok(call.admin().viewer(call.cancellation()), "Signed in."))
        .build();
  }

  private static ToolDefinition workspacesList() {
    return ToolDefinition.builder("workspaces_list")
        .title("List workspaces")
        .description("The tenant's workspaces, oldest first.")
        .toolset(Toolset.WORKSPACES)
        .access(Access.READ)
        .idempotent(true)
        .outputSchema(ObjectSchema.builder().allowAdditionalProperties().build())
        .handler(call -> {
          List<Workspace> workspaces = call.admin().workspaces().list(call.cancellation());
          return ToolResult.ok(Map.of("workspaces", workspaces), workspaces.size() + " workspaces.");
        })
        .build();
  }

  private static ToolDefinition workspacesCreate() {
    return ToolDefinition.builder("workspaces_create")
        .title("Create a workspace")
        .description("Creates a workspace in the caller's tenant.")
        .toolset(Toolset.WORKSPACES)
        .access(Access.WRITE)
        .inputSchema(ObjectSchema.builder().string("name", "The name.", true).build())
        .outputSchema(ObjectSchema.builder().allowAdditionalProperties().build())
        .handler(call -> ToolResult.ok(
            call.admin().workspaces().create(call.requiredString("name"), call.cancellation()),
            "Created."))
        .build();
  }

  /** Runs until the test releases it (bounded): a call in flight. */
  private ToolDefinition waitForTest() {
    return ToolDefinition.builder("wait_for_test")
        .title("Wait")
        .description("Returns when the test says so.")
        .toolset(Toolset.ACCOUNT)
        .access(Access.NONE)
        .readOnly(true)
        .outputSchema(ObjectSchema.builder().allowAdditionalProperties().build())
        .handler(call -> {
          waiting.countDown();
          boolean released = release.await(10, TimeUnit.SECONDS);
          return ToolResult.ok(Map.of("released", released,
              "cancelled", call.cancellation().isCancelled()), "Done.");
        })
        .build();
  }

  @Override
  public void close() {
    admin.close();
    plane.close();
  }
}
