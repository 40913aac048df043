package ai.aisetu.mcp.tools.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files checked in beside the tests whose content is generated (tool snapshots, the README tool
 * table). {@code -Dtoolsnaps.update=true} or {@code UPDATE_TOOLSNAPS=true} rewrites them instead of
 * failing.
 */
final class Golden {
  static final String HOW_TO_UPDATE = "if the change is intended, run"
      + " `mvn test -Dtest='ToolSnapshotTest,ReadmeToolTableTest' -Dtoolsnaps.update=true`"
      + " (or set UPDATE_TOOLSNAPS=true) and commit the result";

  private Golden() {}

  static boolean updating() {
    return Boolean.getBoolean("toolsnaps.update")
        || "true".equalsIgnoreCase(System.getenv("UPDATE_TOOLSNAPS"));
  }

  /** The project directory (Maven runs tests there). */
  static Path project(String relative) {
    return Path.of(relative);
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
