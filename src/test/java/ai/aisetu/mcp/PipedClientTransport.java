package ai.aisetu.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/** The SDK client's side of an in-process stdio connection; records every line it reads. */
final class PipedClientTransport implements McpClientTransport {
  final List<String> received = new CopyOnWriteArrayList<>();
  private final McpJsonMapper mapper;
  private final InputStream fromServer;
  private final OutputStream toServer;

  PipedClientTransport(McpJsonMapper mapper, InputStream fromServer, OutputStream toServer) {
    this.mapper = mapper;
    this.fromServer = fromServer;
    this.toServer = toServer;
  }

  @Override
  public Mono<Void> connect(
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    return Mono.fromRunnable(() -> {
      Thread reader = new Thread(() -> {
        try (BufferedReader lines =
            new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
          String line;
          while ((line = lines.readLine()) != null) {
            received.add(line);
            McpSchema.JSONRPCMessage message = McpSchema.deserializeJsonRpcMessage(mapper, line);
            handler.apply(Mono.just(message)).subscribe();
          }
        } catch (IOException e) {
          // Server gone.
        }
      }, "test-client-reader");
      reader.setDaemon(true);
      reader.start();
    });
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    return Mono.fromRunnable(() -> send(uncheckedJson(message)));
  }

  void send(String line) {
    synchronized (toServer) {
      try {
        toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        toServer.flush();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private String uncheckedJson(Object message) {
    try {
      return mapper.writeValueAsString(message);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return mapper.convertValue(data, typeRef);
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
}
