package ai.aisetu.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OnceOnlySecretTest {
  @Test
  void firstRevealReturnsValueLaterRevealsThrow() {
    String pat = Tokens.pat();
    OnceOnlySecret secret = OnceOnlySecret.of("pat", pat);
    assertThat(secret.revealed()).isFalse();
    assertThat(secret.reveal()).isEqualTo(pat);
    assertThat(secret.revealed()).isTrue();
    assertThatThrownBy(secret::reveal)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already revealed")
        .hasMessageNotContaining(pat);
  }

  @Test
  void toStringAndRedactedShowOnlyRedactedForm() {
    String key = Tokens.apiKey();
    OnceOnlySecret secret = OnceOnlySecret.of("api_key", key);
    assertThat(secret.toString()).isEqualTo(Redactor.redactedForm(key)).doesNotContain(key);
    assertThat(secret.redacted()).isEqualTo(secret.toString());
    assertThat(secret.kind()).isEqualTo("api_key");
  }

  @Test
  void mintRegistersWithRedactorBeforeReveal() {
    Redactor redactor = new Redactor();
    String key = "sk-ant-api03-" + "q".repeat(20) + "WXYZ";
    OnceOnlySecret.mint(redactor, "byok", key);
    assertThat(redactor.isRegistered(key)).isTrue();
    assertThat(redactor.redact("key " + key)).isEqualTo("key sk-ant-…WXYZ");
  }

  @Test
  void concurrentRevealsYieldTheValueOnce() throws Exception {
    OnceOnlySecret secret = OnceOnlySecret.of("pat", Tokens.pat());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> attempts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      attempts.add(pool.submit(() -> {
        start.await();
        try {
          secret.reveal();
          return true;
        } catch (IllegalStateException e) {
          return false;
        }
      }));
    }
    start.countDown();
    int successes = 0;
    for (Future<Boolean> f : attempts) successes += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
    pool.shutdown();
    assertThat(successes).isEqualTo(1);
  }

  @Test
  void blankValueIsRejected() {
    assertThatThrownBy(() -> OnceOnlySecret.of("pat", " ")).isInstanceOf(IllegalArgumentException.class);
  }
}
