package ai.aisetu.robustness;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/** The SDK client's side of a stdio connection to a {@link JavaProcess}. */
final class ProcessClientTransport implements McpClientTransport {
  private final McpJsonMapper mapper;
  private final JavaProcess server;

  ProcessClientTransport(McpJsonMapper mapper, JavaProcess server) {
    this.mapper = mapper;
    this.server = server;
  }

  @Override
  public Mono<Void> connect(
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    return Mono.fromRunnable(() -> {
      Thread reader = new Thread(() -> {
        try {
          String line;
          while ((line = server.nextLine(Duration.ofDays(1))) != null) {
            McpSchema.JSONRPCMessage message = McpSchema.deserializeJsonRpcMessage(mapper, line);
            handler.apply(Mono.just(message)).subscribe();
          }
        } catch (InterruptedException | IOException e) {
          // Done.
        }
      }, "mcp-client-reader");
      reader.setDaemon(true);
      reader.start();
    });
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    return Mono.fromRunnable(() -> {
      try {
        server.send(mapper.writeValueAsString(message));
      } catch (IOException e) {
        throw new IllegalStateException("the server's stdin is closed", e);
      }
    });
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return mapper.convertValue(data, typeRef);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(() -> {
      try {
        server.endInput();
      } catch (IOException e) {
        // Already closed.
      }
    });
  }
}
