package ai.aisetu.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.secrets.Redactor;
import org.junit.jupiter.api.Test;

final class SessionSecretsTest {
  private static final String KEY = "tt_live_" + "K".repeat(20) + "abcdefghijklmnop1234";
  private static final String BYOK = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789";
  private final SessionSecrets secrets = new SessionSecrets(new Redactor());

  private static String response(String userText) {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"made "
        + KEY + "\"},{\"type\":\"text\",\"text\":\"" + userText
        + "\",\"annotations\":{\"audience\":[\"user\"],\"priority\":1.0}}]}}";
  }

  @Test
  void aSurfacedSecretPassesOnceInTheUserOnlyBlockAndNeverAgain() {
    secrets.surfaceOnce("s", KEY);
    String first = secrets.redactOutbound("s", response("store it now: " + KEY));
    assertThat(first).contains("store it now: " + KEY).contains("made tt_live_…1234");
    assertThat(first.indexOf(KEY)).isEqualTo(first.lastIndexOf(KEY));
    String second = secrets.redactOutbound("s", response("again: " + KEY));
    assertThat(second).doesNotContain(KEY).contains("again: tt_live_…1234");
  }

  @Test
  void inboundSecretArgumentsAreRegisteredAndRedactedFromTheFirstByte() {
    String call = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
        + "\"provider_credentials_upsert\",\"arguments\":{\"apiKey\":\"" + BYOK + "\",\"code\":\"123456\"}}}";
    String recorded = secrets.intake("s", call);
    assertThat(recorded).doesNotContain(BYOK).doesNotContain("123456");
    assertThat(secrets.redactOutbound("s", "{\"error\":\"bad key " + BYOK + "\"}")).doesNotContain(BYOK);
  }

  @Test
  void theServersPatIsRedactedInEverySession() {
    String pat = "tt_pat_" + "P".repeat(30) + "wxyz";
    secrets.registerForAllSessions(pat);
    assertThat(secrets.redactor("later").redact("using " + pat)).isEqualTo("using tt_pat_…wxyz");
  }
}
