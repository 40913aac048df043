package ai.aisetu.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogRedactionTest {
  final Redactor redactor = new Redactor();
  final ByteArrayOutputStream target = new ByteArrayOutputStream();

  @Test
  void lineIsWrittenRedacted() {
    String pat = Tokens.pat();
    redactor.register(pat);
    PrintStream err = LogRedaction.redacting(target, redactor);
    err.println("using " + pat + " — ok");
    assertThat(target.toString(UTF_8)).isEqualTo("using " + Redactor.redactedForm(pat) + " — ok" + System.lineSeparator());
  }

  @Test
  void secretWrittenInPiecesIsRedactedOnceTheLineEnds() {
    String key = Tokens.awsSecret();
    redactor.register(key);
    PrintStream err = LogRedaction.redacting(target, redactor);
    err.print("key=" + key.substring(0, 11));
    err.flush();
    assertThat(target.size()).isZero();
    err.print(key.substring(11));
    err.println();
    assertThat(target.toString(UTF_8)).doesNotContain(key).startsWith("key=" + Redactor.redactedForm(key));
  }

  @Test
  void closeWritesPartialLineRedacted() {
    String pat = Tokens.pat();
    PrintStream err = LogRedaction.redacting(target, redactor);
    err.print("tail " + pat);
    err.close();
    assertThat(target.toString(UTF_8)).isEqualTo("tail " + Redactor.redactedForm(pat));
  }

  @Test
  void overlongLineIsWrittenInPieces() {
    PrintStream err = LogRedaction.redacting(target, redactor);
    err.print("x".repeat(LogRedaction.MAX_LINE_BYTES + 10));
    assertThat(target.size()).isEqualTo(LogRedaction.MAX_LINE_BYTES);
  }

  @Test
  void overlongLineIsCutBetweenCharacters() {
    PrintStream err = LogRedaction.redacting(target, redactor);
    err.print("x" + "é".repeat(LogRedaction.MAX_LINE_BYTES / 2));
    err.println();
    assertThat(target.toString(UTF_8)).doesNotContain("\uFFFD").hasSize(2 + LogRedaction.MAX_LINE_BYTES / 2
        + System.lineSeparator().length() - 1);
  }

  @Test
  void slf4jLogLinesOnStderrAreRedacted() {
    PrintStream before = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, UTF_8));
    try {
      Redactor session = Redactor.childOf(redactor);
      LogRedaction.installOnStderr(redactor);
      PrintStream installed = System.err;
      LogRedaction.installOnStderr(redactor);
      assertThat(System.err).isSameAs(installed);

      String key = "sk-ant-api03-" + "z".repeat(24) + "LMNO";
      session.register(key);
      LoggerFactory.getLogger(LogRedactionTest.class).warn("provider rejected {}", key);
    } finally {
      LogRedaction.uninstall();
      System.setErr(before);
    }
    assertThat(captured.toString(UTF_8)).contains("provider rejected sk-ant-…LMNO").doesNotContain("zzzz");
  }
}
