package ai.aisetu.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSecretReaderTest {
  private static final String KEY = "sk-ant-api03-abcdefghijklmnopqrstWXYZ";

  @Test
  void readsNamedVariable() {
    assertThat(EnvSecretReader.read(Map.of("ANTHROPIC_API_KEY", KEY), "ANTHROPIC_API_KEY", "apiKeyEnv"))
        .isEqualTo(KEY);
  }

  @Test
  void readRegistersValueWithRedactor() {
    Redactor redactor = new Redactor();
    EnvSecretReader.read(Map.of("K", KEY), "K", "apiKeyEnv", redactor);
    assertThat(redactor.isRegistered(KEY)).isTrue();
  }

  @Test
  void missingVariableErrorNamesFieldAndVariable() {
    assertThatThrownBy(() -> EnvSecretReader.read(Map.of("OTHER", KEY), "ANTHROPIC_API_KEY", "apiKeyEnv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiKeyEnv")
        .hasMessageContaining("ANTHROPIC_API_KEY")
        .hasMessageContaining("not set")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void emptyVariableIsAnError() {
    assertThatThrownBy(() -> EnvSecretReader.read(Map.of("K", ""), "K", "awsSecretAccessKeyEnv"))
        .hasMessageContaining("awsSecretAccessKeyEnv").hasMessageContaining("empty");
  }

  @Test
  void keyPassedInsteadOfNameIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> EnvSecretReader.read(Map.of(), KEY, "apiKeyEnv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiKeyEnv")
        .hasMessageNotContaining(KEY);
  }
}
