package ai.aisetu.bench;

import ai.aisetu.admin.model.ApiKey;
import ai.aisetu.mcp.tools.ToolResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 1,000-item list of admin records turned into a tool's {@code structuredContent} with the tools'
 * Jackson mapper ({@link ToolResult#ok}), and on to the text block that goes on the wire.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StructuredContentBenchmark {
  private Map<String, List<ApiKey>> apiKeys;

  @Setup
  public void setUp() {
    Instant created = Instant.parse("2025-01-01T00:00:00Z");
    List<ApiKey> keys = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      keys.add(new ApiKey("key_" + i, "ws_benchmark", "service " + i, String.format("%04d", i),
          created.plusSeconds(i), i % 3 == 0 ? created.plusSeconds(86_400 + i) : null, null));
    }
    apiKeys = Map.of("apiKeys", List.copyOf(keys));
  }

  /** Records to the JSON tree that becomes {@code structuredContent}. */
  @Benchmark
  public JsonNode recordsToStructuredContent() {
    return ToolResult.ok(apiKeys, "1000 API keys").structuredContent();
  }

  /** Records to the tree and the tree to its text block. */
  @Benchmark
  public String recordsToTextBlock() {
    return ToolResult.ok(apiKeys, "1000 API keys").structuredContent().toString();
  }
}
