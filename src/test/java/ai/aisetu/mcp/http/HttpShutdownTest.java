package ai.aisetu.mcp.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to a real server process: calls in flight finish, new ones are refused, the transcript is flushed. */
final class HttpShutdownTest {
  @TempDir Path dir;

  @Test
  void sigtermDrainsCallsInFlightAndFlushesTheTranscript() throws Exception {
    Path transcript = dir.resolve("transcript.jsonl");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        ShutdownProbeMain.class.getName(), transcript.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      int port = Integer.parseInt(expect(out, "PORT "));
      String pat = expect(out, "PAT ");
      McpHttpClient client = new McpHttpClient(port, pat).initialize();

      CompletableFuture<RawHttp.Response> call = CompletableFuture.supplyAsync(() -> {
        try {
          return client.post(client.request("tools/call", RawHttp.JSON.readTree(
              "{\"name\":\"slow_call\",\"arguments\":{}}")).toString());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      assertThat(out.readLine()).isEqualTo("RUNNING");
      process.destroy(); // SIGTERM

      RawHttp.Response answered = call.get(20, TimeUnit.SECONDS);
      assertThat(answered.status()).isEqualTo(200);
      assertThat(answered.messages().get(0).at("/result/structuredContent/finished").asBoolean()).isTrue();
      assertThat(refusedOrClosed(client)).isTrue();

      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isIn(0, 143); // 143: terminated by SIGTERM, hooks run.
      List<String> lines = Files.readAllLines(transcript);
      assertThat(lines).anySatisfy(line -> assertThat(line).contains(" out ").contains("\"finished\":true"));
    } finally {
      process.destroyForcibly();
    }
  }

  /** After SIGTERM a new request gets 503, or no connection at all once the process is gone. */
  private static boolean refusedOrClosed(McpHttpClient client) {
    try {
      return client.post(client.request("tools/list", null).toString()).status() == 503;
    } catch (IOException e) {
      return true;
    }
  }

  private static String expect(BufferedReader out, String prefix) throws IOException {
    for (int i = 0; i < 50; i++) {
      String line = out.readLine();
      if (line == null) break;
      if (line.startsWith(prefix)) return line.substring(prefix.length()).strip();
    }
    throw new AssertionError("the server process did not print " + prefix);
  }
}
