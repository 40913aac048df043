package ai.aisetu.onboarding;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The real server as a subprocess ({@code ai.aisetu.cli.Main}), with an SDK client transport over
 * its stdin/stdout that records every stdout line, and every stderr line.
 */
final class ServerProcess implements McpClientTransport {
  static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(new ObjectMapper());

  final List<String> stdout = new CopyOnWriteArrayList<>();
  final List<String> stderr = new CopyOnWriteArrayList<>();
  private final Process process;
  private final OutputStream toServer;
  private final Thread errors;

  ServerProcess(Path workingDirectory, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "ai.aisetu.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
    builder.environment().putAll(env);
    process = builder.start();
    toServer = process.getOutputStream();
    errors = new Thread(() -> readLines(process.getErrorStream(), stderr, null), "server-stderr");
    errors.setDaemon(true);
    errors.start();
  }

  private static void readLines(java.io.InputStream in, List<String> into,
      java.util.function.Consumer<String> each) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        into.add(line);
        if (each != null) each.accept(line);
      }
    } catch (IOException e) {
      // The process is gone.
    }
  }

  @Override
  public Mono<Void> connect(
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    return Mono.fromRunnable(() -> {
      Thread reader = new Thread(() -> readLines(process.getInputStream(), stdout, line -> {
        try {
          handler.apply(Mono.just(McpSchema.deserializeJsonRpcMessage(MAPPER, line))).subscribe();
        } catch (IOException e) {
          throw new IllegalStateException("server wrote a line that is not JSON-RPC: " + line, e);
        }
      }), "server-stdout");
      reader.setDaemon(true);
      reader.start();
    });
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    return Mono.fromRunnable(() -> {
      synchronized (toServer) {
        try {
          toServer.write((MAPPER.writeValueAsString(message) + "\n").getBytes(UTF_8));
          toServer.flush();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    });
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return MAPPER.convertValue(data, typeRef);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(() -> {
      try {
        toServer.close();
      } catch (IOException e) {
        // Already closed.
      }
    });
  }

  /** Closes stdin and waits for the exit status (end of input drains and exits 0). */
  int awaitExit() throws Exception {
    closeGracefully().block();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the server did not exit at end of input");
    }
    errors.join(5000);
    return process.exitValue();
  }
}
