package ai.aisetu.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@link AiSetuAdmin} resolves its PAT and base URL, without touching the network. */
class AiSetuAdminConfigTest {
  static final String PAT = "tt_pat_0123456789abcdefghijABCDEFGHIJ0a1B2c";
  static final String OTHER_PAT = "tt_pat_9876543210zyxwvutsrqZYXWVUTSRQ9z8Y7x";
  static final String WORKSPACE_KEY = "tt_live_0123456789abcdefghijABCDEFGHIJ0a1B2c";

  @Test
  void defaultsToProductionWithoutAPat() {
    try (AiSetuAdmin admin = AiSetuAdmin.builder().environment(Map.of()).build()) {
      assertThat(admin.baseUrl()).isEqualTo("https://api.aisetu.ai");
      assertThat(admin.hasPat()).isFalse();
    }
  }

  @Test
  void environmentBeatsDefault() {
    Map<String, String> env = Map.of(
        "AI_SETU_API_BASE_URL", "http://127.0.0.1:8787", "AI_SETU_PAT", PAT);
    try (AiSetuAdmin admin = AiSetuAdmin.builder().environment(env).build()) {
      assertThat(admin.baseUrl()).isEqualTo("http://127.0.0.1:8787");
      assertThat(admin.hasPat()).isTrue();
    }
  }

  @Test
  void builderArgumentBeatsEnvironment() {
    Map<String, String> env = Map.of(
        "AI_SETU_API_BASE_URL", "http://127.0.0.1:8787", "AI_SETU_PAT", WORKSPACE_KEY);
    try (AiSetuAdmin admin = AiSetuAdmin.builder()
        .environment(env)
        .baseUrl("http://localhost:9999")
        .pat(PAT)
        .build()) {
      assertThat(admin.baseUrl()).isEqualTo("http://localhost:9999");
      assertThat(admin.hasPat()).isTrue();
    }
  }

  @Test
  void blankEnvironmentValuesCountAsAbsent() {
    Map<String, String> env = Map.of("AI_SETU_API_BASE_URL", " ", "AI_SETU_PAT", "");
    try (AiSetuAdmin admin = AiSetuAdmin.builder().environment(env).build()) {
      assertThat(admin.baseUrl()).isEqualTo("https://api.aisetu.ai");
      assertThat(admin.hasPat()).isFalse();
    }
  }

  @Test
  void baseUrlToleratesTrailingSlashAndGraphqlSuffix() {
    for (String url : new String[] {
        "http://127.0.0.1:8787/", "http://127.0.0.1:8787/graphql", "http://127.0.0.1:8787/graphql/"}) {
      try (AiSetuAdmin admin =
          AiSetuAdmin.builder().environment(Map.of()).baseUrl(url).build()) {
        assertThat(admin.baseUrl()).as(url).isEqualTo("http://127.0.0.1:8787");
      }
    }
  }

  @Test
  void baseUrlThatIsNotHttpIsRefused() {
    assertThatThrownBy(() -> AiSetuAdmin.builder().environment(Map.of()).baseUrl("ftp://x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseUrl is not an http(s) URL");
  }

  @Test
  void workspaceKeyIsRefusedAtConstruction() {
    assertThatThrownBy(() -> AiSetuAdmin.builder().environment(Map.of()).pat(WORKSPACE_KEY).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workspace API key")
        .hasMessageContaining("inference")
        .hasMessageContaining("personal access token (tt_pat_…)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(WORKSPACE_KEY.substring(8)));
  }

  @Test
  void workspaceKeyInEnvironmentIsRefusedNamingTheVariable() {
    assertThatThrownBy(() ->
            AiSetuAdmin.builder().environment(Map.of("AI_SETU_PAT", WORKSPACE_KEY)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("AI_SETU_PAT is a workspace API key")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(WORKSPACE_KEY.substring(8)));
  }

  @Test
  void tokenWithoutThePatPrefixIsRefused() {
    String notAPat = "sk-proj-abcdefghijklmnop";
    assertThatThrownBy(() -> AiSetuAdmin.builder().environment(Map.of()).pat(notAPat).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must start with tt_pat_")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(notAPat));
  }

  @Test
  void patWithInnerWhitespaceIsRefused() {
    assertThatThrownBy(() -> AiSetuAdmin.builder().environment(Map.of()).pat("tt_pat_abc def").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a well-formed personal access token")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("abc def"));
  }

  @Test
  void withPatAndWithoutPatKeepTheBaseUrl() {
    try (AiSetuAdmin admin =
        AiSetuAdmin.builder().environment(Map.of()).baseUrl("http://127.0.0.1:1").build()) {
      AiSetuAdmin withPat = admin.withPat(PAT);
      assertThat(withPat.hasPat()).isTrue();
      assertThat(withPat.baseUrl()).isEqualTo("http://127.0.0.1:1");
      assertThat(withPat.withoutPat().hasPat()).isFalse();
      assertThatThrownBy(() -> admin.withPat(WORKSPACE_KEY))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void toStringDoesNotShowThePat() {
    try (AiSetuAdmin admin = AiSetuAdmin.builder().environment(Map.of()).pat(PAT).build()) {
      assertThat(admin.toString()).doesNotContain(PAT).contains("pat=set");
    }
  }
}
