package ai.aisetu.admin;

import static ai.aisetu.admin.AiSetuAdminConfigTest.PAT;
import static ai.aisetu.admin.AiSetuAdminHttpTest.status;
import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.admin.model.Provider;
import ai.aisetu.admin.model.UpsertProviderCredentialInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Provokes every kind of failure with secrets in play (the PAT, an API key and an AWS secret in
 * variables, an OTP code), including servers that echo them, and checks no exception shows one.
 */
class SecretsStayOutOfErrorsTest {
  static final String OPENAI_KEY = "sk-proj-SECRETsecretSECRET0123wxyz";
  static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final String OTP = "493817";
  static final String LIVE_KEY = "tt_live_AbCdEfGhIjKlMnOpQrStUvWxYz0123aBcDeF";

  private MockWebServer server;
  private AiSetuAdmin admin;
  private final List<Throwable> failures = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    server = new MockWebServer();
    server.start();
    admin = client().build();
  }

  @AfterEach
  void tearDown() {
    admin.close();
    server.close();
  }

  private AiSetuAdmin.Builder client() {
    return AiSetuAdmin.builder().environment(Map.of()).baseUrl(server.url("/").toString()).pat(PAT);
  }

  private void collect(Runnable call) {
    try {
      call.run();
      throw new AssertionError("expected a failure");
    } catch (AdminException | IllegalArgumentException e) {
      failures.add(e);
    }
  }

  @Test
  void noSecretInAnyExceptionMessageToStringOrStackTrace() throws IOException {
    // What a careless server could echo: the PAT, this call's secret variables, any AI Setu token.
    String echoOpenai = "token " + PAT + " key " + OPENAI_KEY + " live " + LIVE_KEY;
    String echoBedrock = "token " + PAT + " aws " + AWS_SECRET;
    String echoOtp = "code " + OTP + " for token " + PAT;
    UpsertProviderCredentialInput openai = UpsertProviderCredentialInput.builder(Provider.OPENAI)
        .slug("openai-prod").apiKey(OPENAI_KEY).build();
    UpsertProviderCredentialInput bedrock = UpsertProviderCredentialInput.builder(Provider.BEDROCK)
        .slug("bedrock-prod").awsAccessKeyId("AKIAEXAMPLE").awsSecretAccessKey(AWS_SECRET)
        .awsRegion("us-west-2").build();

    // The server said no by status, echoing secrets.
    server.enqueue(status(401, "{\"errors\":[{\"message\":\"" + echoOpenai + "\"}]}"));
    collect(() -> admin.providerCredentials().upsert(openai));
    server.enqueue(status(500, "{\"message\":\"" + echoBedrock + "\"}"));
    collect(() -> admin.providerCredentials().upsert(bedrock));
    // The API said no, echoing secrets.
    server.enqueue(status(200, "{\"errors\":[{\"message\":\"" + echoOpenai
        + "\",\"extensions\":{\"code\":\"BAD_USER_INPUT\",\"field\":\"apiKey\"}}]}"));
    collect(() -> admin.providerCredentials().upsert(openai));
    server.enqueue(status(200, "{\"errors\":[{\"message\":\"" + echoOtp
        + "\",\"extensions\":{\"code\":\"BAD_USER_INPUT\"}}]}"));
    collect(() -> admin.verifyLoginCode("a@example.com", OTP, null, null));
    // Bodies that are not what was expected, with secrets in them.
    server.enqueue(status(200, "{\"data\":{\"createApiKey\":{\"secret\":\"" + LIVE_KEY + "\""));
    collect(() -> admin.apiKeys().create("ws_1", "CI"));
    server.enqueue(status(200, "{\"data\":{\"createApiKey\":{\"apiKey\":\"" + LIVE_KEY
        + "\",\"secret\":{\"value\":\"" + LIVE_KEY + "\"}}}}"));
    collect(() -> admin.apiKeys().create("ws_1", "CI"));
    server.enqueue(status(200, LIVE_KEY + PAT));
    collect(() -> admin.pats().create("ci", List.of("admin:read"), null));
    // The transport broke.
    server.enqueue(new MockResponse.Builder().body("{}").headersDelay(2, TimeUnit.SECONDS).build());
    try (AiSetuAdmin impatient = client().readTimeout(Duration.ofMillis(100)).build()) {
      collect(() -> impatient.providerCredentials().upsert(openai));
    }
    Cancellation cancelled = Cancellation.create();
    cancelled.cancel();
    collect(() -> admin.providerCredentials().upsert(bedrock, cancelled));
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (AiSetuAdmin unreachable =
        client().baseUrl("http://127.0.0.1:" + closedPort).maxRetries(0).build()) {
      collect(() -> unreachable.verifyLoginCode("a@example.com", OTP, null, null));
    }
    // Refused up front.
    collect(() -> AiSetuAdmin.builder().environment(Map.of()).pat(LIVE_KEY).build());
    collect(() -> admin.withPat(OPENAI_KEY));

    assertThat(failures).hasSize(12);
    for (Throwable failure : failures) {
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      for (String text : List.of(String.valueOf(failure.getMessage()), failure.toString(), trace.toString())) {
        assertThat(text)
            .as(failure.getClass().getSimpleName() + ": " + failure.getMessage())
            .doesNotContain(PAT, PAT.substring(7), OPENAI_KEY, AWS_SECRET, OTP, LIVE_KEY,
                LIVE_KEY.substring(8));
      }
    }
  }
}
