package ai.aisetu.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Redactor redactor = new Redactor();

  @Test
  void redactedFormOfPatKeepsPrefixAndLastFour() {
    String pat = Tokens.pat();
    assertThat(Redactor.redactedForm(pat))
        .isEqualTo("tt_pat_…" + pat.substring(pat.length() - 4));
  }

  @Test
  void redactedFormOfApiKeyKeepsPrefixAndLastFour() {
    String key = Tokens.apiKey();
    assertThat(Redactor.redactedForm(key))
        .isEqualTo("tt_live_…" + key.substring(key.length() - 4));
  }

  @Test
  void redactedFormOfProviderKeysKeepsOnlyKnownPrefix() {
    assertThat(Redactor.redactedForm("sk-ant-api03-abcdefghijklmnopWXYZ")).isEqualTo("sk-ant-…WXYZ");
    assertThat(Redactor.redactedForm("sk-abcdefghijklmnop1234")).isEqualTo("sk-…1234");
    assertThat(Redactor.redactedForm("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY")).isEqualTo("…EKEY");
  }

  @Test
  void redactedFormOfShortSecretShowsNothing() {
    assertThat(Redactor.redactedForm("hunter22")).isEqualTo("…");
    assertThat(Redactor.redactedForm("sk-shortkey")).isEqualTo("sk-…");
  }

  @Test
  void redactedFormOmitsTailThatCouldBreakJson() {
    assertThat(Redactor.redactedForm("abcdefghijklmnop\"\\}")).isEqualTo("…");
  }

  @Test
  void rawRegisteredSecretIsReplacedByRedactedForm() {
    String pat = Tokens.pat();
    redactor.register(pat);
    assertThat(redactor.redact("Authorization: Bearer " + pat + "."))
        .isEqualTo("Authorization: Bearer " + Redactor.redactedForm(pat) + ".");
  }

  @Test
  void textWithoutSecretsIsReturnedUnchanged() {
    redactor.register(Tokens.pat());
    String text = "nothing to see here tt_pat_…abcd";
    assertThat(redactor.redact(text)).isSameAs(text);
  }

  @Test
  void shortBlankAndNullSecretsAreNotRegistered() {
    redactor.register(null);
    redactor.register("   \t ");
    redactor.register("1234567");
    assertThat(redactor.size()).isZero();
    assertThat(redactor.redact("1234567")).isEqualTo("1234567");
  }

  @Test
  void registeredSecretIsReported() {
    String key = Tokens.apiKey();
    redactor.register(key);
    assertThat(redactor.isRegistered(key)).isTrue();
    assertThat(redactor.isRegistered(Tokens.apiKey())).isFalse();
  }

  @Test
  void base64FormsOfSecretAloneAreRedacted() {
    String secret = Tokens.awsSecret() + "~~?>"; // bytes whose base64 uses '+' and '/'
    redactor.register(secret);
    byte[] bytes = secret.getBytes(UTF_8);
    List<String> encoded = List.of(
        Base64.getEncoder().encodeToString(bytes),
        Base64.getEncoder().withoutPadding().encodeToString(bytes),
        Base64.getUrlEncoder().encodeToString(bytes),
        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    assertThat(encoded.get(0)).containsAnyOf("+", "/");
    for (String form : encoded) {
      String redacted = redactor.redact("basic " + form + " end");
      assertThat(redacted).doesNotContain(form).startsWith("basic ").endsWith(" end");
      assertThat(redacted).doesNotContain(form.substring(0, 12));
    }
  }

  @Test
  void base64OfSecretInsideLongerStreamIsRedactedAtEveryAlignment() {
    String pat = Tokens.pat();
    redactor.register(pat);
    for (int offset = 0; offset < 3; offset++) {
      String message = "x".repeat(offset + 30) + "{\"token\":\"" + pat + "\"}" + "y".repeat(17);
      String stream = Base64.getEncoder().encodeToString(message.getBytes(UTF_8));
      String core = SecretForms.embeddedCore(pat.getBytes(UTF_8), (offset + 40) % 3);
      assertThat(stream).contains(core);
      assertThat(redactor.redact(stream)).doesNotContain(core).contains(Redactor.redactedForm(pat));
    }
  }

  @Test
  void urlEncodedFormIsRedacted() {
    String secret = Tokens.awsSecret();
    redactor.register(secret);
    String encoded = URLEncoder.encode(secret, UTF_8);
    assertThat(encoded).contains("%2F");
    assertThat(redactor.redact("?secret=" + encoded)).isEqualTo("?secret=" + Redactor.redactedForm(secret));
  }

  @Test
  void urlEncodedFormWithLowercaseHexIsRedacted() {
    String secret = "p4ss/word+with space";
    redactor.register(secret);
    String lower = URLEncoder.encode(secret, UTF_8).replace("%2F", "%2f").replace("%2B", "%2b");
    assertThat(redactor.redact("q=" + lower)).isEqualTo("q=" + Redactor.redactedForm(secret));
  }

  @Test
  void jsonEscapedFormIsRedactedAndJsonStaysValid() throws Exception {
    String secret = "pa\"ss\\word/with-quotes";
    redactor.register(secret);
    String json = JSON.writeValueAsString(JSON.createObjectNode().put("password", secret));
    String redacted = redactor.redact(json);
    assertThat(redacted).doesNotContain("pa\\\"ss");
    assertThat(JSON.readTree(redacted).get("password").asText()).isEqualTo(Redactor.redactedForm(secret));
  }

  @Test
  void escapedSlashJsonFormIsRedacted() {
    String secret = Tokens.awsSecret();
    redactor.register(secret);
    assertThat(redactor.redact("\"" + secret.replace("/", "\\/") + "\"")).doesNotContain("wJalr");
  }

  @Test
  void unregisteredTokenLookalikeIsRedacted() {
    String pat = Tokens.pat();
    String key = Tokens.apiKey();
    assertThat(redactor.redact("a " + pat + " b " + key))
        .isEqualTo("a " + Redactor.redactedForm(pat) + " b " + Redactor.redactedForm(key));
  }

  @Test
  void tokenPrefixWithoutBodyIsLeftAlone() {
    String text = "tokens start with tt_pat_ or tt_live_; e.g. tt_pat_…abcd and tt_pat_short";
    assertThat(redactor.redact(text)).isEqualTo(text);
  }

  @Test
  void redactionIsIdempotent() {
    String pat = Tokens.pat();
    redactor.register(pat);
    String once = redactor.redact("[" + pat + "] " + Base64.getEncoder().encodeToString(pat.getBytes(UTF_8)));
    assertThat(redactor.redact(once)).isEqualTo(once);
  }

  @Test
  void overlappingSecretsAreRedactedWhole() {
    String longer = "abcdefgh12345678ZYXWVUTS";
    String inner = "12345678ZYXWVUTSqrstuvwx";
    redactor.register(longer);
    redactor.register(inner);
    String redacted = redactor.redact("<" + "abcdefgh12345678ZYXWVUTSqrstuvwx" + ">");
    assertThat(redacted).doesNotContain("abcdefgh").doesNotContain("qrstuvwx").startsWith("<").endsWith(">");
  }

  @Test
  void jsonNodeCopyRedactsValuesAndFieldNamesAndLeavesOriginal() {
    String pat = Tokens.pat();
    redactor.register(pat);
    ObjectNode node = JSON.createObjectNode();
    node.put("count", 3).put("note", "use " + pat);
    node.putArray("list").add(pat).add(true);
    node.putObject("byKey").put(pat, "value");

    JsonNode redacted = redactor.redact(node);

    assertThat(redacted.toString()).doesNotContain(pat).contains(Redactor.redactedForm(pat));
    assertThat(redacted.get("count").intValue()).isEqualTo(3);
    assertThat(redacted.get("list").get(1).booleanValue()).isTrue();
    assertThat(redacted.get("byKey").has(Redactor.redactedForm(pat))).isTrue();
    assertThat(node.toString()).contains(pat);
  }

  @Test
  void redactFieldsRegistersAndReplacesNamedFieldsAtAnyDepth() {
    ObjectNode args = JSON.createObjectNode();
    args.put("provider", "anthropic");
    args.putObject("credential").put("apiKey", "sk-ant-api03-abcdefghijklmnopQRST");
    args.put("code", "123456");
    args.put("note", "the key is sk-ant-api03-abcdefghijklmnopQRST");

    JsonNode redacted = redactor.redactFields(args, Set.of("apiKey", "code"));

    assertThat(redacted.get("credential").get("apiKey").asText()).isEqualTo("sk-ant-…QRST");
    assertThat(redacted.get("code").asText()).isEqualTo("…");
    assertThat(redacted.get("note").asText()).isEqualTo("the key is sk-ant-…QRST");
    assertThat(redacted.get("provider").asText()).isEqualTo("anthropic");
    assertThat(redactor.isRegistered("sk-ant-api03-abcdefghijklmnopQRST")).isTrue();
  }

  @Test
  void sessionRegistrationsReachTheGlobalRegistry() {
    Redactor session = Redactor.forSession();
    String key = Tokens.awsSecret();
    session.register(key);
    assertThat(Redactor.global().isRegistered(key)).isTrue();
    assertThat(Redactor.global().redact(key)).isEqualTo(Redactor.redactedForm(key));
  }

  @Test
  void concurrentRegistrationAndRedaction() throws Exception {
    int threads = 8;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<String>>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        start.await();
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
          String secret = Tokens.awsSecret();
          redactor.register(secret);
          mine.add(secret);
          String text = "{\"k\":\"" + String.join(" ", mine) + "\"}";
          String redacted = redactor.redact(text);
          for (String s : mine) {
            if (redacted.contains(s)) throw new AssertionError("leaked a registered secret");
          }
        }
        return mine;
      }));
    }
    start.countDown();
    List<String> all = new ArrayList<>();
    for (Future<List<String>> f : futures) all.addAll(f.get(20, TimeUnit.SECONDS));
    pool.shutdown();
    assertThat(redactor.size()).isEqualTo(threads * perThread);
    String everything = redactor.redact(String.join(",", all));
    for (String s : all) assertThat(everything).doesNotContain(s);
  }

  @Test
  void redactsA64KiBResultWith100SecretsInAFewMilliseconds() {
    List<String> secrets = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String secret = i % 2 == 0 ? Tokens.pat() : Tokens.awsSecret();
      secrets.add(secret);
      redactor.register(secret);
    }
    String text = sampleResult(secrets, 64 * 1024);

    String redacted = redactor.redact(text); // builds the automaton
    for (String s : secrets) assertThat(redacted).doesNotContain(s);

    for (int i = 0; i < 300; i++) redactor.redact(text); // warm up
    int rounds = 300;
    long begin = System.nanoTime();
    for (int i = 0; i < rounds; i++) redactor.redact(text);
    double micros = (System.nanoTime() - begin) / 1000.0 / rounds;
    System.out.printf("redact 64 KiB with 100 secrets: %.0f µs per call%n", micros);
    assertThat(micros).isLessThan(20_000);
  }

  /** A JSON array of workspace-like objects about {@code size} chars long, with secrets inside. */
  static String sampleResult(List<String> secrets, int size) {
    Random random = new Random(7);
    StringBuilder out = new StringBuilder("[");
    int i = 0;
    while (out.length() < size) {
      out.append("{\"id\":\"ws_").append(random.nextInt(1_000_000))
          .append("\",\"name\":\"team workspace number ").append(i)
          .append("\",\"keyHint\":\"").append(Tokens.ALPHABET.charAt(random.nextInt(62))).append("abc")
          .append("\",\"createdAt\":\"2024-06-01T12:00:00Z\",\"tenantId\":\"tn_42\"");
      if (i % 10 == 0) out.append(",\"secret\":\"").append(secrets.get(i / 10 % secrets.size())).append('"');
      out.append("},");
      i++;
    }
    out.setCharAt(out.length() - 1, ']');
    return out.toString();
  }
}
