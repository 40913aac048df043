package ai.aisetu.admin.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ScrubberTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void removesThePatAndSecretNamedVariablesAtAnyDepth() throws Exception {
    Scrubber scrubber = Scrubber.of("tt_pat_abcdefgh", json.readTree("""
        {"input":{"apiKey":"sk-aaaa1111","awsSecretAccessKey":"AWSSECRET99","slug":"openai-prod"},
         "code":"123456","patName":"laptop","tokens":["tok-one-1","tok-two-2"]}"""));

    assertThat(scrubber.scrub(
        "tt_pat_abcdefgh sk-aaaa1111 AWSSECRET99 123456 tok-one-1 tok-two-2 openai-prod laptop"))
        .isEqualTo("[redacted] [redacted] [redacted] [redacted] [redacted] [redacted] openai-prod laptop");
  }

  @Test
  void shortensAnythingShapedLikeAnAiSetuToken() throws Exception {
    Scrubber scrubber = Scrubber.of(null, json.readTree("{}"));

    assertThat(scrubber.scrub("use tt_pat_Zz09 not tt_live_Aa11Bb22."))
        .isEqualTo("use tt_pat_… not tt_live_….");
  }

  @Test
  void namesThatLookSecret() {
    assertThat(Scrubber.looksSecret("awsSecretAccessKey")).isTrue();
    assertThat(Scrubber.looksSecret("apiKey")).isTrue();
    assertThat(Scrubber.looksSecret("code")).isTrue();
    assertThat(Scrubber.looksSecret("pat")).isTrue();
    assertThat(Scrubber.looksSecret("slug")).isFalse();
    assertThat(Scrubber.looksSecret("idempotencyKey")).isFalse();
  }
}
