package ai.aisetu.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.secrets.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session that ended leaves no redactor and no open transcript file behind. */
final class SessionEndTest {
  private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

  @TempDir Path state;

  @Test
  void anEndedSessionsTranscriptIsClosedAndItsRedactorForgotten() throws Exception {
    SessionSecrets secrets = new SessionSecrets(new Redactor());
    ConversationTranscript transcript = ConversationTranscript.open(secrets,
        Map.of("XDG_STATE_HOME", state.toString()), null);
    SecretIntake intake = new SecretIntake(secrets, transcript);
    intake.onMessage("a", true, CALL);
    intake.onMessage("b", true, CALL);
    assertThat(transcript.openWriters()).isEqualTo(2);
    assertThat(secrets.sessionCount()).isEqualTo(2);

    intake.sessionEnded("a");

    assertThat(transcript.openWriters()).isEqualTo(1);
    assertThat(secrets.sessionCount()).isEqualTo(1);
    assertThat(Files.readString(transcript.file("a"))).contains("ping");
    intake.sessionEnded("a"); // Twice is harmless.
    transcript.close();
  }
}
