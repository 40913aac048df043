package ai.aisetu.mcp.http;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.admin.model.LoginResult;
import ai.aisetu.local.LocalControlPlane;
import ai.aisetu.mcp.ServerOptions;
import ai.aisetu.mcp.stdio.MessageObserver;
import ai.aisetu.mcp.tools.Access;
import ai.aisetu.mcp.tools.ObjectSchema;
import ai.aisetu.mcp.tools.ToolCatalogue;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.mcp.tools.ToolResult;
import ai.aisetu.mcp.tools.admin.AdminCatalogue;
import ai.aisetu.mcp.tools.Toolset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The real local control plane, an admin client on it, and the real tools the HTTP tests call. */
final class HttpFixture implements AutoCloseable {
  static final Set<String> REAL_TOOLS = Set.of("whoami", "workspaces_list", "workspaces_create");

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
    return start(config, options(serverPat), catalogue(), observer);
  }

  McpHttpServer start(HttpServerConfig config, ServerOptions options, ToolCatalogue catalogue,
      MessageObserver observer) {
    return McpHttpServer.create(options, catalogue, admin, config, observer).start();
  }

  static HttpServerConfig.Builder config() {
    return HttpServerConfig.builder().port(0);
  }

  /** The real whoami and workspace tools, and a tool that waits for the test. */
  ToolCatalogue catalogue() {
    List<ToolDefinition> tools = new ArrayList<>();
    for (ToolDefinition tool : new AdminCatalogue().tools()) {
      if (REAL_TOOLS.contains(tool.name())) tools.add(tool);
    }
    tools.add(waitForTest());
    return () -> tools;
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
