package ai.aisetu.admin.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records that hold a secret show only a hint of it in {@code toString}. */
class SecretRecordsTest {
  static final Instant NOW = Instant.parse("2026-12-04T10:15:30Z");
  static final String LIVE = "tt_live_0123456789abcdefghijABCDEFGHIJ0a1B2c";
  static final String PAT = "tt_pat_0123456789abcdefghijABCDEFGHIJ0a1Wxyz";
  static final ApiKey KEY = new ApiKey("k_1", "ws_1", "CI", "1B2c", NOW, null, null);
  static final PersonalAccessToken TOKEN =
      new PersonalAccessToken("p_1", "ci", List.of("admin:read"), "Wxyz", NOW, null, null, null);

  @Test
  void createdApiKeyShowsOnlyAHint() {
    assertThat(new CreatedApiKey(KEY, LIVE).toString())
        .doesNotContain(LIVE)
        .contains("secret=tt_live_…1B2c");
  }

  @Test
  void rotatedApiKeyShowsOnlyAHint() {
    assertThat(new RotatedApiKey(KEY, LIVE, KEY).toString())
        .doesNotContain(LIVE)
        .contains("secret=tt_live_…1B2c", "previous=ApiKey[");
  }

  @Test
  void createdPersonalAccessTokenShowsOnlyAHint() {
    assertThat(new CreatedPersonalAccessToken(TOKEN, PAT).toString())
        .doesNotContain(PAT)
        .contains("secret=tt_pat_…Wxyz");
  }

  @Test
  void loginResultShowsOnlyAHint() {
    LoginResult result = new LoginResult(
        new User("u_1", "a@example.com", NOW), new Tenant("t_1", "Acme", NOW), TOKEN, PAT);
    assertThat(result.toString()).doesNotContain(PAT).contains("secret=tt_pat_…Wxyz");
  }

  @Test
  void upsertInputShowsOnlyHintsOfItsSecrets() {
    String apiKey = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz-9876";
    String awsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    String openai = UpsertProviderCredentialInput.builder(Provider.ANTHROPIC)
        .slug("anthropic-prod").apiKey(apiKey).build().toString();
    String bedrock = UpsertProviderCredentialInput.builder(Provider.BEDROCK)
        .slug("bedrock-prod").awsAccessKeyId("AKIAEXAMPLE").awsSecretAccessKey(awsSecret)
        .awsRegion("us-west-2").build().toString();

    assertThat(openai).doesNotContain(apiKey).contains("apiKey=sk-ant-…9876");
    assertThat(bedrock).doesNotContain(awsSecret).contains("awsSecretAccessKey=…EKEY", "apiKey=null");
  }

  @Test
  void shortSecretShowsNoCharacters() {
    assertThat(new CreatedApiKey(KEY, "tt_live_abc").toString()).contains("secret=tt_live_…]");
  }
}
