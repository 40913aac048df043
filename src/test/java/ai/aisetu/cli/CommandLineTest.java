package ai.aisetu.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aisetu.mcp.ServerOptions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class CommandLineTest {
  private static final CredentialSource SAVED = (baseUrl, local) -> Optional.of("tt_pat_saved");

  private static ServerOptions parse(Map<String, String> env, String... args) throws Exception {
    return CommandLine.parse(args, env, SAVED).options();
  }

  @Test
  void patFlagBeatsEnvironmentBeatsCredentialFile() throws Exception {
    Map<String, String> env = Map.of("AI_SETU_PAT", "tt_pat_env");
    assertThat(parse(env, "--pat", "tt_pat_flag").pat()).isEqualTo("tt_pat_flag");
    assertThat(parse(env).pat()).isEqualTo("tt_pat_env");
    assertThat(parse(Map.of()).pat()).isEqualTo("tt_pat_saved");
    assertThat(parse(Map.of()).patSource()).isEqualTo("the credential file");
    assertThat(CommandLine.parse(new String[0], Map.of(), CredentialSource.NONE).options().pat()).isNull();
  }

  @Test
  void baseUrlFlagBeatsEnvironmentBeatsProduction() throws Exception {
    Map<String, String> env = Map.of("AI_SETU_API_BASE_URL", "http://env.example");
    assertThat(parse(env, "--base-url=http://flag.example").baseUrl()).isEqualTo("http://flag.example");
    assertThat(parse(env).baseUrl()).isEqualTo("http://env.example");
    assertThat(parse(Map.of()).baseUrl()).isEqualTo("https://api.aisetu.ai");
  }

  @Test
  void credentialFileIsAskedForTheResolvedControlPlane() throws Exception {
    CredentialSource onlyLocal = (baseUrl, local) -> local ? Optional.of("tt_pat_local") : Optional.empty();
    assertThat(CommandLine.parse(new String[] {"--local"}, Map.of(), onlyLocal).options().pat())
        .isEqualTo("tt_pat_local");
    assertThat(CommandLine.parse(new String[0], Map.of(), onlyLocal).options().pat()).isNull();
  }

  @Test
  void toolFiltersAndModesAreParsed() throws Exception {
    ServerOptions options = parse(Map.of(), "--toolsets", "workspaces, api_keys", "--tools=whoami",
        "--exclude-tools", "workspaces_delete", "--read-only", "--no-confirm", "--no-transcript",
        "--no-save-credentials", "--log-level", "DEBUG");
    assertThat(options.toolsets()).isEqualTo(Set.of("workspaces", "api_keys"));
    assertThat(options.tools()).isEqualTo(Set.of("whoami"));
    assertThat(options.excludeTools()).isEqualTo(Set.of("workspaces_delete"));
    assertThat(options.readOnly()).isTrue();
    assertThat(options.confirm()).isFalse();
    assertThat(options.transcriptEnabled()).isFalse();
    assertThat(options.saveCredentials()).isFalse();
    assertThat(options.logLevel()).isEqualTo("debug");
  }

  @Test
  void unknownOptionIsAUsageErrorPointingToHelp() {
    assertThatThrownBy(() -> parse(Map.of(), "--readonly"))
        .isInstanceOf(UsageException.class)
        .hasMessage("unknown option `--readonly`; run with --help to see the options");
  }

  @Test
  void missingValueSaysWhatToPass() {
    assertThatThrownBy(() -> parse(Map.of(), "--base-url"))
        .hasMessageContaining("--base-url needs a value");
    assertThatThrownBy(() -> parse(Map.of(), "--pat", "--read-only"))
        .hasMessageContaining("--pat needs a value");
  }

  @Test
  void optionsNeverShowThePat() throws Exception {
    assertThat(parse(Map.of(), "--pat", "tt_pat_flag").toString()).doesNotContain("tt_pat_flag");
  }
}
