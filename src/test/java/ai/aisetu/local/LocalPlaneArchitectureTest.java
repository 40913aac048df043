package ai.aisetu.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The local plane stands alone: it never names the MCP SDK, the MCP server or the admin client,
 * not even by a fully qualified name. (A source scan: an ArchUnit import of the classpath costs
 * this suite ~12 s on this machine.)
 */
class LocalPlaneArchitectureTest {
  private static final Pattern FORBIDDEN = Pattern.compile("\\b(io\\.modelcontextprotocol|ai\\.aisetu\\.admin|ai\\.aisetu\\.mcp)\\b");

  @Test
  void localPlaneDependsOnNeitherTheMcpServerNorTheAdminClient() throws IOException {
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/ai/aisetu/local"))) {
      offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
        try {
          return FORBIDDEN.matcher(Files.readString(f)).find();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
    assertThat(offenders).isEmpty();
  }
}
