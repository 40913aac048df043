package ai.aisetu.local.byok;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.local.fakes.FakeAnthropic;
import ai.aisetu.local.fakes.FakeOpenAi;
import ai.aisetu.local.fakes.FakeSts;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProviderProbeTest {
  private static final String OPENAI_KEY = "sk-proj-validOpenAiKey0000000000001234";
  private static final String ANTHROPIC_KEY = "sk-ant-api03-validAnthropicKey00005678";
  private static final String AWS_KEY_ID = "AKIAFAKEACCESSKEY001";
  private static final String AWS_SECRET = "fakeSecretAccessKey/0123456789abcdefghijk";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final FakeOpenAi openAi = new FakeOpenAi(OPENAI_KEY);
  private final FakeAnthropic anthropic = new FakeAnthropic(ANTHROPIC_KEY);
  private final FakeSts sts = new FakeSts(AWS_KEY_ID, AWS_SECRET);

  @BeforeEach void startFakes() {
    openAi.start();
    anthropic.start();
    sts.start();
  }

  @AfterEach void closeFakes() {
    openAi.close();
    anthropic.close();
    sts.close();
  }

  @Test void openAiAcceptsAValidKey() {

    ProbeResult result = probe(TIMEOUT).probeOpenAi(OPENAI_KEY);

    assertThat(result.ok()).isTrue();
    assertThat(result.message()).isEqualTo("OpenAI accepted the key");
    assertThat(result.latencyMs()).isBetween(0L, TIMEOUT.toMillis());
    RecordedRequest request = openAi.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/v1/models");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + OPENAI_KEY);
    assertThat(openAi.requestCount()).isEqualTo(1);
  }

  @Test void openAiRejectsAWrongKeyWithoutEchoingIt() {
    String wrongKey = "sk-proj-wrongOpenAiKey00000000000009999";

    ProbeResult result = probe(TIMEOUT).probeOpenAi(wrongKey);

    assertThat(result.ok()).isFalse();
    assertThat(result.message()).startsWith("OpenAI rejected the key (HTTP 401)");
    // The fake, like OpenAI, echoes part of the key in its body; none of it may surface.
    assertThat(result.message()).doesNotContain(wrongKey).doesNotContain("9999").doesNotContain("sk-p");
  }

  @Test void anthropicAcceptsAValidKeySentWithTheApiVersion() {

    ProbeResult result = probe(TIMEOUT).probeAnthropic(ANTHROPIC_KEY);

    assertThat(result.ok()).isTrue();
    assertThat(result.message()).isEqualTo("Anthropic accepted the key");
    RecordedRequest request = anthropic.takeRequest();
    assertThat(request.getHeaders().get("x-api-key")).isEqualTo(ANTHROPIC_KEY);
    assertThat(request.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(request.getHeaders().get("Authorization")).isNull();
  }

  @Test void anthropicRejectsAWrongKey() {

    ProbeResult result = probe(TIMEOUT).probeAnthropic("sk-ant-api03-wrong0000000000000000");

    assertThat(result.ok()).isFalse();
    assertThat(result.message()).startsWith("Anthropic rejected the key (HTTP 401)");
    assertThat(result.message()).doesNotContain("sk-ant");
  }

  @Test void bedrockCredentialsThatSignCorrectlyAreAcceptedWithTheCallerArn() {

    ProbeResult result = probe(TIMEOUT).probeBedrock(AWS_KEY_ID, AWS_SECRET, "eu-west-1");

    assertThat(result.ok()).isTrue();
    assertThat(result.message()).isEqualTo("AWS accepted the credentials (" + FakeSts.ARN + ")");
    assertThat(sts.lastRegion()).isEqualTo("eu-west-1");
    RecordedRequest request = sts.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getBody().utf8()).isEqualTo("Action=GetCallerIdentity&Version=2011-06-15");
    assertThat(request.getHeaders().get("Authorization"))
        .contains("/eu-west-1/sts/aws4_request")
        .doesNotContain(AWS_SECRET);
  }

  @Test void bedrockWrongSecretFailsSignatureVerification() {
    String wrongSecret = "wrongSecretAccessKey/0123456789abcdefghij";

    ProbeResult result = probe(TIMEOUT).probeBedrock(AWS_KEY_ID, wrongSecret, "us-east-1");

    assertThat(result.ok()).isFalse();
    assertThat(result.message())
        .startsWith("AWS STS rejected the credentials (HTTP 403 SignatureDoesNotMatch)")
        .doesNotContain(wrongSecret);
  }

  @Test void bedrockUnknownAccessKeyIsRejected() {

    ProbeResult result = probe(TIMEOUT).probeBedrock("AKIAUNKNOWNKEY000000", AWS_SECRET, "us-east-1");

    assertThat(result.ok()).isFalse();
    assertThat(result.message()).contains("HTTP 403 InvalidClientTokenId").doesNotContain(AWS_SECRET);
  }

  @Test void bedrockRegionThatIsNotARegionNameFailsWithoutARequest() {

    ProbeResult result = probe(TIMEOUT).probeBedrock(AWS_KEY_ID, AWS_SECRET, "evil.example/x");

    assertThat(result.ok()).isFalse();
    assertThat(result.message()).contains("awsRegion").contains("us-east-1");
    assertThat(sts.requestCount()).isZero();
  }

  @Test void keyThatCannotBeSentInAHeaderIsRefusedWithoutEchoingIt() {
    String pastedWithNewline = ANTHROPIC_KEY + "\n";

    ProbeResult result = probe(TIMEOUT).probeAnthropic(pastedWithNewline);

    assertThat(result.ok()).isFalse();
    assertThat(result.message()).startsWith("apiKey is empty or contains").doesNotContain("sk-ant");
    assertThat(anthropic.requestCount()).isZero();
  }

  @Test void awsSecretThatCannotBeSentIsRefusedNamingTheField() {
    ProbeResult result = probe(TIMEOUT).probeBedrock(AWS_KEY_ID, "secret with spaces", "us-east-1");

    assertThat(result.ok()).isFalse();
    assertThat(result.message()).startsWith("awsSecretAccessKey").doesNotContain("secret with spaces");
    assertThat(sts.requestCount()).isZero();
  }

  @Test void unexpectedStatusIsReportedWithoutClaimingRejection() throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(503).body("upstream down").build());
      server.start();
      ProviderProbe probe =
          new ProviderProbe(Upstreams.defaults().withOpenai(server.url("/").uri()), TIMEOUT);

      ProbeResult result = probe.probeOpenAi(OPENAI_KEY);

      assertThat(result.ok()).isFalse();
      assertThat(result.message()).contains("HTTP 503").doesNotContain("rejected");
    }
  }

  @Test void redirectIsNotFollowed() throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/elsewhere").build());
      server.start();
      ProviderProbe probe =
          new ProviderProbe(Upstreams.defaults().withOpenai(server.url("/").uri()), TIMEOUT);

      ProbeResult result = probe.probeOpenAi(OPENAI_KEY);

      assertThat(result.ok()).isFalse();
      assertThat(result.message()).contains("HTTP 302");
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test void unreachableUpstreamIsAPlainFailure() {
    URI closedPort = openAi.baseUri();
    openAi.close();

    ProbeResult result = probe(TIMEOUT).probeOpenAi(OPENAI_KEY);

    assertThat(result.ok()).isFalse();
    assertThat(result.message())
        .isEqualTo("could not reach OpenAI at " + closedPort.getAuthority() + ": connection refused");
  }

  @Test void unreachableStsIsAPlainFailure() {
    URI closedPort = sts.baseUri();
    sts.close();

    ProbeResult result = probe(TIMEOUT).probeBedrock(AWS_KEY_ID, AWS_SECRET, "us-east-1");

    assertThat(result.ok()).isFalse();
    assertThat(result.message())
        .isEqualTo("could not reach AWS STS at " + closedPort.getAuthority() + ": connection refused");
  }

  @Test void upstreamSlowerThanTheTimeoutIsAPlainFailure() {
    anthropic.stallResponses();
    Duration timeout = Duration.ofMillis(300);

    ProbeResult result = probe(timeout).probeAnthropic(ANTHROPIC_KEY);

    assertThat(result.ok()).isFalse();
    assertThat(result.message())
        .isEqualTo("Anthropic at " + anthropic.baseUri().getAuthority() + " did not answer within 300 ms");
    assertThat(result.latencyMs()).isBetween(250L, 4_000L);
    assertThat(anthropic.requestCount()).isEqualTo(1);
  }

  @Test void baseUrlWithTrailingSlashOrPathPrefixIsHonoured() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
      server.start();
      ProviderProbe probe =
          new ProviderProbe(Upstreams.defaults().withOpenai(server.url("/proxy/openai/").uri()), TIMEOUT);

      assertThat(probe.probeOpenAi(OPENAI_KEY).ok()).isTrue();
      assertThat(server.takeRequest().getTarget()).isEqualTo("/proxy/openai/v1/models");
    }
  }

  @Test void defaultUpstreamsAreTheRealProvidersWithRegionalSts() {
    Upstreams defaults = Upstreams.defaults();

    assertThat(defaults.openai()).isEqualTo(URI.create("https://api.openai.com"));
    assertThat(defaults.anthropic()).isEqualTo(URI.create("https://api.anthropic.com"));
    assertThat(defaults.stsFor("eu-west-2")).isEqualTo(URI.create("https://sts.eu-west-2.amazonaws.com"));
    assertThat(defaults.stsFor("cn-north-1")).isEqualTo(URI.create("https://sts.cn-north-1.amazonaws.com.cn"));
  }

  @Test void fixedStsOverridesTheRegionalEndpoint() {
    URI fixed = URI.create("http://127.0.0.1:9999");

    assertThat(Upstreams.defaults().withSts(fixed).stsFor("ap-south-1")).isEqualTo(fixed);
  }

  private ProviderProbe probe(Duration timeout) {
    Upstreams upstreams =
        Upstreams.defaults()
            .withOpenai(openAi.baseUri())
            .withAnthropic(anthropic.baseUri())
            .withSts(sts.baseUri());
    return new ProviderProbe(upstreams, timeout);
  }
}
