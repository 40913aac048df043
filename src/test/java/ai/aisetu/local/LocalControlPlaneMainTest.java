package ai.aisetu.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalControlPlaneMainTest {
  @Test
  void optionsConfigureAPlaneOnTheGivenPortAndFile(@TempDir Path dir) {
    Path db = dir.resolve("plane.db");
    try (LocalControlPlane plane = LocalControlPlaneMain.configure(new String[] {"--port", "0", "--db", db.toString()})
        .stateDir(dir).environment(Map.of()).build().start()) {
      assertThat(plane.baseUri().getPort()).isPositive();
      assertThat(db).exists();
    }
  }

  @Test
  void badOptionsSayWhatIsWrong() {
    assertThatThrownBy(() -> LocalControlPlaneMain.configure(new String[] {"--port", "http"}))
        .hasMessageContaining("--port must be 0 to 65535");
    assertThatThrownBy(() -> LocalControlPlaneMain.configure(new String[] {"--db"})).hasMessageContaining("--db needs a value");
    assertThatThrownBy(() -> LocalControlPlaneMain.configure(new String[] {"--verbose"})).hasMessageContaining("--verbose");
  }

  @Test
  void defaultStateDirFollowsXdgStateHome() {
    assertThat(LocalControlPlane.defaultStateDir(Map.of("XDG_STATE_HOME", "/xdg")))
        .isEqualTo(Path.of("/xdg/ai-setu-mcp/local"));
    assertThat(LocalControlPlane.defaultStateDir(Map.of()))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".local/state/ai-setu-mcp/local"));
  }
}
