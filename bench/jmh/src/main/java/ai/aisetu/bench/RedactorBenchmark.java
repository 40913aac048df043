package ai.aisetu.bench;

import ai.aisetu.secrets.Redactor;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The redactor over a 64 KiB tool result (JSON text) with 100 registered secrets: every outbound
 * byte passes through it, so its cost is per-call overhead. {@code occurrences} secrets appear in
 * the text (0: the common case, nothing to redact).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RedactorBenchmark {
  private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final int RESULT_BYTES = 64 * 1024;
  private static final int SECRETS = 100;

  @Param({"0", "16"})
  public int occurrences;

  private Redactor redactor;
  private String result;

  @Setup
  public void setUp() {
    Random random = new SecureRandom();
    List<String> secrets = new ArrayList<>();
    String[] prefixes = {"tt_live_", "tt_pat_", "sk-proj-", "sk-ant-"};
    for (int i = 0; i < SECRETS; i++) secrets.add(prefixes[i % prefixes.length] + base62(random, 36));
    redactor = new Redactor();
    secrets.forEach(redactor::register);

    // A JSON list of API-key-like records, the secrets sprinkled through it.
    StringBuilder text = new StringBuilder(RESULT_BYTES + 256).append("{\"apiKeys\":[");
    int placed = 0;
    for (int i = 0; text.length() < RESULT_BYTES; i++) {
      if (i > 0) text.append(',');
      text.append("{\"id\":\"key_").append(base62(random, 20)).append("\",\"workspaceId\":\"ws_")
          .append(base62(random, 20)).append("\",\"name\":\"service ").append(i)
          .append("\",\"keyHint\":\"").append(base62(random, 4))
          .append("\",\"createdAt\":\"2025-01-01T00:00:00Z\",\"note\":\"");
      boolean withSecret = placed < occurrences && i % 8 == 0;
      text.append(withSecret ? secrets.get(placed++ * 7 % SECRETS) : "rotated by the platform team");
      text.append("\"}");
    }
    result = text.append("]}").toString();
    if (placed < occurrences) throw new IllegalStateException("placed only " + placed + " secrets");
  }

  @Benchmark
  public String redact64KiB() {
    return redactor.redact(result);
  }

  private static String base62(Random random, int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) out[i] = BASE62.charAt(random.nextInt(BASE62.length()));
    return new String(out);
  }
}
