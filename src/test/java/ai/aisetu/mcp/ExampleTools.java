package ai.aisetu.mcp;

import ai.aisetu.admin.model.DeletedWorkspace;
import ai.aisetu.admin.model.Workspace;
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

/** Example tool definitions over the admin client, as the real catalogue writes them. */
public final class ExampleTools implements ToolCatalogue {
  /** Counted down when a tool call ends, however it ends. */
  volatile CountDownLatch finished = new CountDownLatch(1);
  /** Set when the last call ended with its cancellation cancelled. */
  volatile boolean lastCallCancelled;
  /** Released by the test to let {@code wait_for_test} return. */
  final CountDownLatch release = new CountDownLatch(1);
  /** Counted down when {@code wait_for_test} is running. */
  final CountDownLatch waiting = new CountDownLatch(1);

  public ExampleTools() {}

  @Override
  public List<ToolDefinition> tools() {
    return List.of(whoami(), workspacesList(), workspacesDelete(), signIn(), waitForTest(), boom());
  }

  ToolDefinition whoami() {
    return ToolDefinition.builder("whoami")
        .title("Who am I")
        .description("The user, tenant and scopes of the PAT in use.")
        .toolset(Toolset.ACCOUNT)
        .access(Access.READ)
        .idempotent(true)
        .outputSchema(ObjectSchema.builder().allowAdditionalProperties().build())
        .handler(call -> {
          try {
            return ToolResult.ok(call.admin().viewer(call.cancellation()), "Signed in.");
          } finally {
            lastCallCancelled = call.cancellation().isCancelled();
            finished.countDown();
          }
        })
        .build();
  }

  ToolDefinition workspacesList() {
    return ToolDefinition.builder("workspaces_list")
        .title("List workspaces")
        .description("The tenant's workspaces, oldest first.")
        .toolset(Toolset.WORKSPACES)
        .access(Access.READ)
        .idempotent(true)
        .outputSchema(ObjectSchema.builder()
            .property("workspaces", ObjectSchema.array(ObjectSchema.builder()
                .allowAdditionalProperties().build(), "The workspaces."), true)
            .build())
        .handler(call -> {
          call.progress(0, 2.0, "listing");
          List<Workspace> workspaces = call.admin().workspaces().list(call.cancellation());
          call.progress(2, 2.0, "done");
          return ToolResult.ok(Map.of("workspaces", workspaces), workspaces.size() + " workspaces.");
        })
        .build();
  }

  ToolDefinition workspacesDelete() {
    return ToolDefinition.builder("workspaces_delete")
        .title("Delete a workspace")
        .description("Deletes a workspace, revoking its keys.")
        .toolset(Toolset.WORKSPACES)
        .access(Access.WRITE)
        .inputSchema(ObjectSchema.builder().string("workspaceId", "The workspace.", true).build())
        .outputSchema(ObjectSchema.builder()
            .string("id", "The deleted workspace.", true)
            .integer("revokedApiKeys", "Keys revoked.", true)
            .integer("removedMembers", "Memberships removed.", true)
            .build())
        .destructive(true)
        .idempotent(true)
        .handler(call -> {
          DeletedWorkspace deleted = call.admin().workspaces()
              .delete(call.requiredString("workspaceId"), call.cancellation());
          return ToolResult.ok(deleted, "Deleted.");
        })
        .build();
  }

  /** Stands in for onboarding: makes the given PAT the session's credential. */
  ToolDefinition signIn() {
    return ToolDefinition.builder("test_sign_in")
        .title("Sign in")
        .description("Uses the given PAT from now on.")
        .toolset(Toolset.ONBOARDING)
        .access(Access.NONE)
        .inputSchema(ObjectSchema.builder().string("pat", "The PAT.", true).build())
        .handler(call -> {
          call.session().setPat(call.requiredString("pat"));
          return ToolResult.ok(Map.of("signedIn", true), "Signed in.");
        })
        .build();
  }

  /** Waits (bounded) until the test releases it: a request still in flight at end of input. */
  ToolDefinition waitForTest() {
    return ToolDefinition.builder("wait_for_test")
        .title("Wait")
        .description("Returns when the test says so.")
        .toolset(Toolset.ACCOUNT)
        .access(Access.NONE)
        .readOnly(true)
        .handler(call -> {
          waiting.countDown();
          boolean released = release.await(10, TimeUnit.SECONDS);
          return ToolResult.ok(Map.of("released", released), "Done.");
        })
        .build();
  }

  ToolDefinition boom() {
    return ToolDefinition.builder("boom")
        .title("Fail")
        .description("Throws an unexpected exception.")
        .toolset(Toolset.ACCOUNT)
        .access(Access.NONE)
        .readOnly(true)
        .handler(call -> {
          throw new IllegalStateException("secret internals at Foo.java:12");
        })
        .build();
  }
}
