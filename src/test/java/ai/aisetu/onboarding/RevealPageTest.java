package ai.aisetu.onboarding;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.secrets.OnceOnlySecret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class RevealPageTest {
  private static final String PAT = "tt_pat_" + "Q".repeat(20) + "abcdefghijklmnopWXYZ";
  private static final String KEY = "tt_live_" + "K".repeat(20) + "abcdefghijklmnop1234";
  private static final Pattern TOKEN = Pattern.compile("name=token value=\"([^\"]+)\"");

  private final MutableClock clock = new MutableClock();
  private final RevealPage pages = RevealPage.create(clock, Duration.ofMinutes(10));
  private final HttpClient browser = browser();
  private final AtomicInteger verifications = new AtomicInteger();

  @AfterEach
  void close() {
    pages.close();
  }

  private static HttpClient browser() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager())
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  private RevealPage.Flow codeFlow(String session) {
    return pages.openCodeEntry(session, "ada@example.com", "Look in your inbox.", code -> {
      verifications.incrementAndGet();
      if (!code.equals("123456")) throw new IllegalArgumentException("wrong code, try again");
      return new RevealPage.Verified(OnceOnlySecret.of("pat", PAT), "Signed in",
          "signed in as ada@example.com with a PAT ending WXYZ");
    });
  }

  private static HttpResponse<String> get(HttpClient client, URI url) throws Exception {
    return client.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(HttpClient client, URI url, String origin, String form)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (origin != null) request.header("Origin", origin);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String formToken(String page) {
    Matcher m = TOKEN.matcher(page);
    assertThat(m.find()).as("page has a form token").isTrue();
    return m.group(1);
  }

  private String origin() {
    return pages.origin().toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, UTF_8);
  }

  @Test
  void codeEntryShowsThePatOnceAndReportsOnlyASummary() throws Exception {
    RevealPage.Flow flow = codeFlow("s1");
    assertThat(flow.url().toString()).doesNotContain(PAT).startsWith("http://127.0.0.1:");
    assertThat(flow.id()).hasSizeGreaterThanOrEqualTo(43); // 256 bits in base64url

    HttpResponse<String> page = get(browser, flow.url());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("ada@example.com").doesNotContain(PAT);
    assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");

    HttpResponse<String> shown = post(browser, flow.url(), origin(),
        "token=" + enc(formToken(page.body())) + "&code=123456");
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body()).contains(PAT);

    RevealPage.Outcome outcome = flow.await(Duration.ofSeconds(1), null);
    assertThat(outcome.status()).isEqualTo(RevealPage.Outcome.Status.DONE);
    assertThat(outcome.summary()).isEqualTo("signed in as ada@example.com with a PAT ending WXYZ");
  }

  @Test
  void aWrongCodeShowsTheFormAgainWithoutUsingTheFlowUp() throws Exception {
    RevealPage.Flow flow = codeFlow("s1");
    String token = formToken(get(browser, flow.url()).body());
    HttpResponse<String> wrong = post(browser, flow.url(), origin(), "token=" + token + "&code=000000");
    assertThat(wrong.statusCode()).isEqualTo(200);
    assertThat(wrong.body()).contains("wrong code").doesNotContain(PAT);
    HttpResponse<String> right = post(browser, flow.url(), origin(), "token=" + token + "&code=123456");
    assertThat(right.body()).contains(PAT);
  }

  @Test
  void secondUseOfTheLinkRevealsNothing() throws Exception {
    RevealPage.Flow flow = codeFlow("s1");
    String token = formToken(get(browser, flow.url()).body());
    assertThat(post(browser, flow.url(), origin(), "token=" + token + "&code=123456").body()).contains(PAT);

    HttpResponse<String> again = post(browser, flow.url(), origin(), "token=" + token + "&code=123456");
    assertThat(again.statusCode()).isIn(404, 410);
    assertThat(again.body()).doesNotContain(PAT);
    HttpResponse<String> reload = get(browser, flow.url());
    assertThat(reload.statusCode()).isIn(404, 410);
    assertThat(reload.body()).doesNotContain(PAT);
    assertThat(verifications).hasValue(1);
  }

  @Test
  void anotherBrowserCannotUseTheFlow() throws Exception {
    RevealPage.Flow flow = codeFlow("s1");
    String token = formToken(get(browser, flow.url()).body());

    HttpClient intruder = browser();
    HttpResponse<String> page = get(intruder, flow.url());
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).doesNotContain(token);
    HttpResponse<String> forged = post(intruder, flow.url(), origin(), "token=" + token + "&code=123456");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).doesNotContain(PAT);
    assertThat(verifications).hasValue(0);
  }

  @Test
  void anotherMcpSessionCannotFindTheFlow() {
    RevealPage.Flow flow = codeFlow("s1");
    assertThat(pages.find("s2", flow.id())).isEmpty();
    assertThat(pages.find("s1", flow.id())).containsSame(flow);
  }

  @Test
  void anExpiredFlowRevealsNothing() throws Exception {
    OnceOnlySecret secret = OnceOnlySecret.of("api_key", KEY);
    RevealPage.Flow flow = pages.openReveal("s1", secret, "API key ci");
    String token = formToken(get(browser, flow.url()).body());
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));

    HttpResponse<String> late = post(browser, flow.url(), origin(), "token=" + token);
    assertThat(late.statusCode()).isEqualTo(410);
    assertThat(late.body()).doesNotContain(KEY);
    assertThat(secret.revealed()).isFalse();
    assertThat(flow.await(Duration.ofMillis(10), null).status())
        .isEqualTo(RevealPage.Outcome.Status.EXPIRED);
    assertThat(pages.find("s1", flow.id())).isEmpty();
  }

  @Test
  void aPostWithoutTheFormTokenIsRefused() throws Exception {
    RevealPage.Flow flow = pages.openReveal("s1", OnceOnlySecret.of("api_key", KEY), "API key ci");
    get(browser, flow.url());
    HttpResponse<String> forged = post(browser, flow.url(), origin(), "reveal=1");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).doesNotContain(KEY);
  }

  @Test
  void aPostWithAWrongFormTokenIsRefused() throws Exception {
    RevealPage.Flow flow = pages.openReveal("s1", OnceOnlySecret.of("api_key", KEY), "API key ci");
    String token = formToken(get(browser, flow.url()).body());
    HttpResponse<String> forged = post(browser, flow.url(), origin(),
        "token=" + (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).doesNotContain(KEY);
  }

  @Test
  void aPostFromAnotherOriginIsRefused() throws Exception {
    RevealPage.Flow flow = pages.openReveal("s1", OnceOnlySecret.of("api_key", KEY), "API key ci");
    String token = formToken(get(browser, flow.url()).body());
    for (String origin : new String[] {"http://evil.example", "null", null}) {
      HttpResponse<String> forged = post(browser, flow.url(), origin, "token=" + token);
      assertThat(forged.statusCode()).as("origin %s", origin).isEqualTo(403);
      assertThat(forged.body()).doesNotContain(KEY);
    }
    HttpResponse<String> real = post(browser, flow.url(), origin(), "token=" + token);
    assertThat(real.body()).contains(KEY);
  }

  @Test
  void aRequestNamingAnotherHostIsRefused() throws Exception {
    RevealPage.Flow flow = pages.openReveal("s1", OnceOnlySecret.of("api_key", KEY), "API key ci");
    String response = rawGet(flow.url(), "rebind.evil.example");
    assertThat(response).startsWith("HTTP/1.1 403").doesNotContain("token value");
  }

  @Test
  void theRevealPageShowsTheSecretOnlyAfterThePost() throws Exception {
    OnceOnlySecret secret = OnceOnlySecret.of("api_key", KEY);
    RevealPage.Flow flow = pages.openReveal("s1", secret, "API key ci");
    HttpResponse<String> page = get(browser, flow.url());
    assertThat(page.body()).doesNotContain(KEY).contains(secret.redacted());
    HttpResponse<String> shown = post(browser, flow.url(), origin(), "token=" + formToken(page.body()));
    assertThat(shown.body()).contains(KEY);
    assertThat(secret.revealed()).isTrue();
    assertThat(flow.await(Duration.ofSeconds(1), null).status()).isEqualTo(RevealPage.Outcome.Status.DONE);
  }

  private static String rawGet(URI url, String host) throws IOException {
    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + host
          + "\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2025-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
