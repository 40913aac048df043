package ai.aisetu.local.fakes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.local.byok.SigV4Signer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The fakes must say no where the real providers say no, or the probe tests prove nothing. */
class FakeUpstreamsTest {
  private static final String KEY_ID = "AKIAFAKEACCESSKEY001";
  private static final String SECRET = "fakeSecretAccessKey/0123456789abcdefghijk";
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded; charset=utf-8");
  private static final String BODY = "Action=GetCallerIdentity&Version=2011-06-15";

  private final OkHttpClient client =
      new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();

  @Test void stsAcceptsACorrectlySignedRequest() throws IOException {
    try (FakeSts sts = new FakeSts(KEY_ID, SECRET)) {
      sts.start();

      try (Response response = client.newCall(signedStsRequest(sts.baseUri(), BODY, BODY, Instant.now())).execute()) {
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.body().string()).contains("<Arn>" + FakeSts.ARN + "</Arn>");
      }
    }
  }

  @Test void stsRejectsABodyChangedAfterSigning() throws IOException {
    try (FakeSts sts = new FakeSts(KEY_ID, SECRET)) {
      sts.start();
      Request tampered =
          signedStsRequest(sts.baseUri(), BODY, "Action=GetCallerIdentity&Version=2011-06-16", Instant.now());

      try (Response response = client.newCall(tampered).execute()) {
        assertThat(response.code()).isEqualTo(403);
        assertThat(response.body().string()).contains("<Code>SignatureDoesNotMatch</Code>");
      }
    }
  }

  @Test void stsRejectsASignatureOutsideTheClockSkewWindow() throws IOException {
    try (FakeSts sts = new FakeSts(KEY_ID, SECRET)) {
      sts.start();
      Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));

      try (Response response = client.newCall(signedStsRequest(sts.baseUri(), BODY, BODY, anHourAgo)).execute()) {
        assertThat(response.code()).isEqualTo(403);
        assertThat(response.body().string()).contains("Signature expired");
      }
    }
  }

  @Test void stsRejectsAnUnsignedRequest() throws IOException {
    try (FakeSts sts = new FakeSts(KEY_ID, SECRET)) {
      sts.start();
      Request unsigned =
          new Request.Builder().url(sts.baseUri().toString() + "/").post(RequestBody.create(BODY, FORM)).build();

      try (Response response = client.newCall(unsigned).execute()) {
        assertThat(response.code()).isEqualTo(403);
        assertThat(response.body().string()).contains("<Code>MissingAuthenticationToken</Code>");
      }
      assertThat(sts.requestCount()).isEqualTo(1);
    }
  }

  @Test void anthropicRequiresTheVersionHeader() throws IOException {
    try (FakeAnthropic anthropic = new FakeAnthropic("sk-ant-valid")) {
      anthropic.start();
      Request noVersion =
          new Request.Builder().url(anthropic.baseUri() + "/v1/models").header("x-api-key", "sk-ant-valid").build();

      try (Response response = client.newCall(noVersion).execute()) {
        assertThat(response.code()).isEqualTo(400);
        assertThat(response.body().string()).contains("anthropic-version");
      }
    }
  }

  @Test void openAiRequiresABearerKey() throws IOException {
    try (FakeOpenAi openAi = new FakeOpenAi("sk-valid")) {
      openAi.start();
      Request noKey = new Request.Builder().url(openAi.baseUri() + "/v1/models").build();

      try (Response response = client.newCall(noKey).execute()) {
        assertThat(response.code()).isEqualTo(401);
      }
    }
  }

  /** Signs {@code signedBody} but sends {@code sentBody}. */
  private static Request signedStsRequest(URI base, String signedBody, String sentBody, Instant at) {
    URI uri = URI.create(base + "/");
    Map<String, String> auth =
        new SigV4Signer(KEY_ID, SECRET, null, "us-east-1", "sts")
            .sign("POST", uri, Map.of("Content-Type", FORM.toString()), signedBody.getBytes(UTF_8), at);
    Request.Builder request = new Request.Builder().url(uri.toString()).post(RequestBody.create(sentBody, FORM));
    auth.forEach(request::header);
    return request.build();
  }
}
