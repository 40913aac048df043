package ai.aisetu.local.byok;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Proves that a provider credential authenticates upstream, without spending quota: OpenAI and
 * Anthropic list their models; for Bedrock, AWS STS {@code GetCallerIdentity} (signed with {@link
 * SigV4Signer}) names the caller, which needs no IAM permission.
 *
 * <pre>{@code
 * ProviderProbe probe = new ProviderProbe(Upstreams.defaults(), Duration.ofSeconds(10));
 * ProbeResult result = probe.probeOpenAi(apiKey);
 * if (!result.ok()) show(result.message());
 * }</pre>
 *
 * <p>Every outcome is a {@link ProbeResult}: a rejected credential, an unexpected status, an
 * unreachable host and a timeout are all {@code ok == false} with a plain message, never an
 * exception. Messages never contain the credential, nor the provider's response body (OpenAI
 * echoes part of a rejected key there). Instances are thread-safe; share one.
 */
public final class ProviderProbe {
  static final String ANTHROPIC_VERSION = "2023-06-01";
  static final String GET_CALLER_IDENTITY = "Action=GetCallerIdentity&Version=2011-06-15";

  private static final MediaType FORM =
      MediaType.get("application/x-www-form-urlencoded; charset=utf-8");
  private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");
  private static final Pattern ARN = Pattern.compile("<Arn>(arn:[^<]{1,2000})</Arn>");
  private static final Pattern ERROR_CODE = Pattern.compile("<Code>([A-Za-z0-9.]{1,100})</Code>");
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final Upstreams upstreams;
  private final Duration timeout;
  private final OkHttpClient client;

  /** Creates a probe whose every check gives up after {@code timeout} in all. */
  public ProviderProbe(Upstreams upstreams, Duration timeout) {
    this.upstreams = requireNonNull(upstreams, "upstreams == null");
    this.timeout = requireNonNull(timeout, "timeout == null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.client =
        new OkHttpClient.Builder()
            .callTimeout(timeout)
            .connectTimeout(timeout)
            .readTimeout(timeout)
            .writeTimeout(timeout)
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false)
            .build();
  }

  /** Checks an OpenAI API key with {@code GET /v1/models}. */
  public ProbeResult probeOpenAi(String apiKey) {
    requireNonNull(apiKey, "apiKey == null");
    if (!sendable(apiKey)) return unsendable("apiKey");
    return probe("OpenAI", "key", upstreams.openai(), "/v1/models",
        (url) -> new Request.Builder().url(url).header("Authorization", "Bearer " + apiKey).build(),
        (code, body) -> code == 200 ? "OpenAI accepted the key" : null);
  }

  /** Checks an Anthropic API key with {@code GET /v1/models}. */
  public ProbeResult probeAnthropic(String apiKey) {
    requireNonNull(apiKey, "apiKey == null");
    if (!sendable(apiKey)) return unsendable("apiKey");
    return probe("Anthropic", "key", upstreams.anthropic(), "/v1/models",
        (url) ->
            new Request.Builder()
                .url(url)
                .header("x-api-key", apiKey)
                .header("anthropic-version", ANTHROPIC_VERSION)
                .build(),
        (code, body) -> code == 200 ? "Anthropic accepted the key" : null);
  }

  /**
   * Checks AWS credentials for Bedrock with STS {@code GetCallerIdentity} in {@code region}. On
   * success the message names the caller's ARN.
   */
  public ProbeResult probeBedrock(String accessKeyId, String secretAccessKey, String region) {
    requireNonNull(accessKeyId, "accessKeyId == null");
    requireNonNull(secretAccessKey, "secretAccessKey == null");
    requireNonNull(region, "region == null");
    if (!sendable(accessKeyId)) return unsendable("awsAccessKeyId");
    if (!sendable(secretAccessKey)) return unsendable("awsSecretAccessKey");
    if (!AWS_REGION.matcher(region).matches()) {
      return new ProbeResult(false,
          "awsRegion \"" + region + "\" is not an AWS region name; use one like us-east-1", 0);
    }
    SigV4Signer signer = new SigV4Signer(accessKeyId, secretAccessKey, null, region, "sts");
    byte[] body = GET_CALLER_IDENTITY.getBytes(UTF_8);
    return probe("AWS STS", "credentials", upstreams.stsFor(region), "/",
        (url) -> {
          URI uri = url.uri();
          String host = SigV4Signer.hostHeader(uri);
          Map<String, String> signed = Map.of("Content-Type", FORM.toString(), "Host", host);
          Request.Builder request =
              new Request.Builder().url(url).post(RequestBody.create(body, FORM)).header("Host", host);
          signer.sign("POST", uri, signed, body, Instant.now()).forEach(request::header);
          return request.build();
        },
        (code, responseBody) -> {
          if (code != 200) return null;
          Matcher arn = ARN.matcher(responseBody);
          return arn.find()
              ? "AWS accepted the credentials (" + arn.group(1) + ")"
              : "AWS accepted the credentials";
        });
  }

  /**
   * Returns true if the secret is non-empty visible ASCII. Anything else cannot go in a header, and
   * OkHttp's complaint about it would quote the value.
   */
  private static boolean sendable(String secret) {
    if (secret.isEmpty()) return false;
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      if (c <= ' ' || c >= 0x7f) return false;
    }
    return true;
  }

  private static ProbeResult unsendable(String field) {
    return new ProbeResult(false,
        field + " is empty or contains spaces, line breaks or non-ASCII characters;"
            + " copy it again from the provider's console", 0);
  }

  /** Builds the request for a resolved URL. */
  private interface RequestFactory {
    Request create(HttpUrl url);
  }

  /** Returns the success message for a response, or null if it is not a success. */
  private interface Acceptance {
    String accepted(int code, String body);
  }

  private ProbeResult probe(
      String provider, String what, URI base, String path, RequestFactory factory, Acceptance acceptance) {
    String trimmed = base.toString().replaceAll("/+$", "");
    HttpUrl url = HttpUrl.parse(path.equals("/") ? trimmed + "/" : trimmed + path);
    if (url == null) {
      return new ProbeResult(false, provider + " base URL " + base + " is not an http(s) URL", 0);
    }
    String where = url.host() + (url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port());
    long start = System.nanoTime();
    try (Response response = client.newCall(factory.create(url)).execute()) {
      int code = response.code();
      String body = new String(response.body().byteStream().readNBytes(MAX_BODY_BYTES), UTF_8);
      long latency = millisSince(start);
      String accepted = acceptance.accepted(code, body);
      if (accepted != null) return new ProbeResult(true, accepted, latency);
      return new ProbeResult(false, rejection(provider, what, code, body), latency);
    } catch (IOException e) {
      return new ProbeResult(false, unreachable(provider, where, e), millisSince(start));
    }
  }

  private static String rejection(String provider, String what, int code, String body) {
    if (code == 401 || code == 403) {
      Matcher errorCode = ERROR_CODE.matcher(body);
      String detail = errorCode.find() ? " " + errorCode.group(1) : "";
      return provider + " rejected the " + what + " (HTTP " + code + detail + "); check that the "
          + what + " " + (what.equals("key") ? "is" : "are") + " correct and not revoked";
    }
    if (code == 429) {
      return provider + " answered HTTP 429 (rate limited), so the " + what
          + " could not be confirmed; try again later";
    }
    if (code >= 500) {
      return provider + " answered HTTP " + code + " (a server error), so the " + what
          + " could not be confirmed; try again later";
    }
    return provider + " answered HTTP " + code + ", so the " + what + " could not be confirmed";
  }

  private String unreachable(String provider, String where, IOException e) {
    if (e instanceof InterruptedIOException) {
      return provider + " at " + where + " did not answer within " + describe(timeout);
    }
    String reason;
    if (e instanceof UnknownHostException) {
      reason = "unknown host";
    } else if (e instanceof ConnectException) {
      reason = "connection refused";
    } else if (e instanceof NoRouteToHostException) {
      reason = "no route to host";
    } else if (e instanceof SSLException) {
      reason = "TLS handshake failed";
    } else {
      reason = "network error (" + e.getClass().getSimpleName() + ")";
    }
    return "could not reach " + provider + " at " + where + ": " + reason;
  }

  private static String describe(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
