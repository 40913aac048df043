package ai.aisetu.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The MCP server ({@link RobustServerMain}) as a child process on real stdio pipes. */
final class McpServerProcess implements AutoCloseable {
  /** Text that must never reach a client or a log: a stack frame or an exception's class name. */
  static final Pattern STACK_TRACE = Pattern.compile("\tat |\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|\\b[A-Z]\\w*(Exception|Error)\\b(?!\")");

  final JavaProcess process;
  final Path transcript;

  private McpServerProcess(JavaProcess process, Path transcript) {
    this.process = process;
    this.transcript = transcript;
  }

  static Builder builder(String baseUrl) {
    return new Builder(baseUrl);
  }

  /** An initialized SDK client on this process's stdio. */
  McpSyncClient client() {
    McpSyncClient client = McpClient.sync(
            new ProcessClientTransport(new JacksonMcpJsonMapper(new ObjectMapper()), process))
        .requestTimeout(Duration.ofSeconds(15))
        .clientInfo(new McpSchema.Implementation("robustness", "1"))
        .build();
    client.initialize();
    return client;
  }

  /** Everything the server wrote: stdout, stderr and the transcript files (rotated ones too). */
  String everythingWritten() throws IOException {
    StringBuilder all = new StringBuilder();
    process.stdoutLines.forEach(line -> all.append(line).append('\n'));
    all.append(process.stderr);
    if (transcript != null) {
      try (var files = java.nio.file.Files.list(transcript.getParent())) {
        for (Path file : files.toList()) all.append(java.nio.file.Files.readString(file));
      }
    }
    return all.toString();
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }

  static final class Builder {
    private final String baseUrl;
    private String pat;
    private Duration readTimeout = Duration.ofMillis(1500);
    private Path transcript;
    private long transcriptMaxBytes = 1 << 20;
    private String maxHeap = "128m";
    private boolean keepStdout = true;

    private Builder(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    Builder pat(String pat) {
      this.pat = pat;
      return this;
    }

    Builder readTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
      return this;
    }

    Builder transcript(Path transcript, long maxBytes) {
      this.transcript = transcript;
      this.transcriptMaxBytes = maxBytes;
      return this;
    }

    Builder maxHeap(String maxHeap) {
      this.maxHeap = maxHeap;
      return this;
    }

    /** False for long sessions: their output is counted, not kept. */
    Builder keepStdout(boolean keepStdout) {
      this.keepStdout = keepStdout;
      return this;
    }

    McpServerProcess start() throws IOException {
      List<String> args = new ArrayList<>(List.of("--base-url", baseUrl,
          "--read-timeout-ms", String.valueOf(readTimeout.toMillis())));
      if (transcript != null) {
        args.addAll(List.of("--transcript", transcript.toString(),
            "--transcript-max-bytes", String.valueOf(transcriptMaxBytes)));
      }
      Map<String, String> env = new HashMap<>();
      env.put("AI_SETU_PAT", pat);
      JavaProcess process = JavaProcess.start(RobustServerMain.class, args, env, maxHeap, keepStdout);
      assertThat(process.isAlive()).isTrue();
      return new McpServerProcess(process, transcript);
    }
  }
}
