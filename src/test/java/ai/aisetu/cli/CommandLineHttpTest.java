package ai.aisetu.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aisetu.mcp.http.HttpServerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class CommandLineHttpTest {
  private static HttpServerConfig http(Map<String, String> env, String... args) throws Exception {
    return CommandLine.parse(args, env, CredentialSource.NONE).http();
  }

  @Test
  void stdioIsTheDefault() throws Exception {
    assertThat(http(Map.of())).isNull();
    assertThat(http(Map.of(), "--transport", "stdio")).isNull();
  }

  @Test
  void httpBindsLoopbackOnPort8080UnlessTold() throws Exception {
    HttpServerConfig config = http(Map.of(), "--transport", "http");
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.sidecar()).isFalse();
  }

  @Test
  void httpFlagsAreParsed() throws Exception {
    HttpServerConfig config = http(Map.of(), "--transport=http", "--host", "0.0.0.0", "--port=0",
        "--allowed-origins", "https://a.example,https://b.example", "--allowed-hosts", "mcp.internal:*");
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.port()).isZero();
    assertThat(config.allowedOrigins()).containsExactlyInAnyOrder("https://a.example", "https://b.example");
    assertThat(config.allowedHosts()).containsExactly("mcp.internal:*");
  }

  @Test
  void theToolCallRateIsAFlag() throws Exception {
    assertThat(http(Map.of(), "--transport", "http").toolCallsPerMinute()).isEqualTo(120);
    assertThat(http(Map.of(), "--transport", "http", "--tool-calls-per-minute", "100000").toolCallsPerMinute())
        .isEqualTo(100_000);
    assertThatThrownBy(() -> http(Map.of(), "--transport", "http", "--tool-calls-per-minute", "0"))
        .isInstanceOf(UsageException.class).hasMessageContaining("--tool-calls-per-minute");
  }

  @Test
  void theSidecarTokenComesFromTheEnvironment() throws Exception {
    HttpServerConfig config = http(Map.of("AI_SETU_MCP_HTTP_TOKEN", "k".repeat(40)), "--transport", "http");
    assertThat(config.sidecar()).isTrue();
    assertThat(config.toString()).doesNotContain("kkkk");
  }

  @Test
  void anEmptyOrShortSidecarTokenRefusesToStart() {
    assertThatThrownBy(() -> http(Map.of("AI_SETU_MCP_HTTP_TOKEN", " "), "--transport", "http"))
        .isInstanceOf(UsageException.class).hasMessageContaining("set but empty");
    assertThatThrownBy(() -> http(Map.of("AI_SETU_MCP_HTTP_TOKEN", "short"), "--transport", "http"))
        .isInstanceOf(UsageException.class).hasMessageContaining("32 characters");
  }

  @Test
  void httpFlagsWithoutHttpAreAMistake() {
    assertThatThrownBy(() -> http(Map.of(), "--port", "9000"))
        .isInstanceOf(UsageException.class).hasMessageContaining("--transport http");
    assertThatThrownBy(() -> http(Map.of(), "--transport", "carrier-pigeon"))
        .isInstanceOf(UsageException.class).hasMessageContaining("stdio or http");
    assertThatThrownBy(() -> http(Map.of(), "--transport", "http", "--port", "99999"))
        .isInstanceOf(UsageException.class).hasMessageContaining("0..65535");
    assertThat(List.of(CommandLine.HELP.split("\n"))).anySatisfy(line -> assertThat(line).contains("--allowed-hosts"));
  }
}
