package ai.aisetu.mcp.http;

import ai.aisetu.mcp.tools.Access;
import ai.aisetu.mcp.tools.ObjectSchema;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.mcp.tools.ToolResult;
import ai.aisetu.mcp.tools.Toolset;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A server process for {@link HttpShutdownTest}: the local plane, one signed-up caller, the HTTP
 * server with a tool that takes a second, and a transcript that only reaches its file when
 * flushed. Prints {@code PORT n}, {@code PAT p}, then {@code RUNNING} when the slow tool starts.
 */
public final class ShutdownProbeMain {
  public static void main(String[] args) throws Exception {
    Path transcriptFile = Path.of(args[0]);
    HttpFixture fixture = new HttpFixture();
    String pat = fixture.signUp("probe@shutdown.test").secret();
    BufferedWriter transcript = Files.newBufferedWriter(transcriptFile, StandardCharsets.UTF_8);
    ToolDefinition slow = ToolDefinition.builder("slow_call")
        .title("Slow call")
        .description("Takes about a second.")
        .toolset(Toolset.ACCOUNT)
        .access(Access.NONE)
        .readOnly(true)
        .outputSchema(ObjectSchema.builder().allowAdditionalProperties().build())
        .handler(call -> {
          System.out.println("RUNNING");
          System.out.flush();
          Thread.sleep(1_000); // Another process sends SIGTERM meanwhile; no latch crosses processes.
          return ToolResult.ok(Map.of("finished", true), "Finished.");
        })
        .build();
    McpHttpServer server = McpHttpServer.create(fixture.options(null), () -> List.of(slow),
        fixture.admin, HttpFixture.config().build(), (session, inbound, json) -> {
          synchronized (transcript) {
            try {
              transcript.write(session + (inbound ? " in " : " out ") + json + "\n");
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        }).start();
    System.out.println("PORT " + server.port());
    System.out.println("PAT " + pat);
    System.out.flush();
    server.serveUntilShutdown(() -> {
      try {
        synchronized (transcript) {
          transcript.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      fixture.close();
    });
  }
}
