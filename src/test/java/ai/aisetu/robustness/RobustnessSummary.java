package ai.aisetu.robustness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the robustness suite tried, per category, with its failures, the fuzzer's seed, the bounds
 * it asserted and what it measured. Each test class adds to it and rewrites {@code
 * target/robustness-summary.txt} (and prints it to stderr) when it finishes, so the file always
 * holds everything run so far in this JVM.
 */
final class RobustnessSummary {
  /** The fuzzer's seed: {@code -Drobustness.seed=…}, else a fixed default. */
  static final long SEED = Long.getLong("robustness.seed", 20250801L);

  private static final Map<String, long[]> CASES = new TreeMap<>();
  private static final List<String> NOTES = new ArrayList<>();

  private RobustnessSummary() {}

  static synchronized void cases(String category, long tried, long failed) {
    long[] counts = CASES.computeIfAbsent(category, k -> new long[2]);
    counts[0] += tried;
    counts[1] += failed;
  }

  /** A bound asserted or a number measured, one line. */
  static synchronized void note(String line) {
    NOTES.add(line);
  }

  static synchronized String render() {
    StringBuilder out = new StringBuilder("== robustness summary ==\nseed: " + SEED
        + " (reproduce with -Drobustness.seed=" + SEED + ")\n");
    long tried = 0;
    long failed = 0;
    for (Map.Entry<String, long[]> e : CASES.entrySet()) {
      out.append(String.format("%-62s tried %7d  failures %d%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
      tried += e.getValue()[0];
      failed += e.getValue()[1];
    }
    out.append(String.format("%-62s tried %7d  failures %d%n", "TOTAL", tried, failed));
    for (String note : NOTES) out.append("- ").append(note).append('\n');
    return out.toString();
  }

  static synchronized void write() {
    String text = render();
    System.err.print(text);
    try {
      Path file = Path.of("target", "robustness-summary.txt");
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.err.println("could not write the robustness summary: " + e);
    }
  }
}
