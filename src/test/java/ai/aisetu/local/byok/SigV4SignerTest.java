package ai.aisetu.local.byok;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Vectors from AWS's published Signature Version 4 test suite (credentials AKIDEXAMPLE, region
 * us-east-1, service "service", 2015-08-30T12:36:00Z). Expected values are AWS's, not ours.
 */
class SigV4SignerTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final Instant AT = Instant.parse("2015-08-30T12:36:00Z");
  private static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private final SigV4Signer signer =
      new SigV4Signer("AKIDEXAMPLE", SECRET, null, "us-east-1", "service");

  @Test void getVanilla() {
    Map<String, String> headers =
        signer.sign("GET", URI.create("https://example.amazonaws.com/"), Map.of(), new byte[0], AT);

    assertThat(headers)
        .containsEntry(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
                + " SignedHeaders=host;x-amz-date,"
                + " Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        .containsEntry("X-Amz-Date", "20150830T123600Z")
        .hasSize(2);
  }

  @Test void getVanillaCanonicalRequestAndStringToSign() {
    String canonical =
        SigV4Signer.canonicalRequest(
            "GET", "/", null,
            Map.of("Host", "example.amazonaws.com", "X-Amz-Date", "20150830T123600Z"),
            EMPTY_SHA256);

    assertThat(canonical)
        .isEqualTo(
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                + EMPTY_SHA256);
    assertThat(
            SigV4Signer.stringToSign(
                "20150830T123600Z", "20150830/us-east-1/service/aws4_request", canonical))
        .isEqualTo(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  }

  @Test void getVanillaQueryOrderKeyCase() {
    Map<String, String> headers =
        signer.sign(
            "GET",
            URI.create("https://example.amazonaws.com/?Param2=value2&Param1=value1"),
            Map.of(), new byte[0], AT);

    assertThat(headers.get("Authorization"))
        .endsWith("Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
  }

  @Test void getHeaderValueTrim() {
    Map<String, String> request = new LinkedHashMap<>();
    request.put("My-Header1", " value1");
    request.put("My-Header2", " \"a   b   c\"");

    Map<String, String> headers =
        signer.sign("GET", URI.create("https://example.amazonaws.com/"), request, new byte[0], AT);

    assertThat(headers.get("Authorization"))
        .contains("SignedHeaders=host;my-header1;my-header2;x-amz-date,")
        .endsWith("Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736");
  }

  @Test void postXWwwFormUrlencoded() {
    Map<String, String> headers =
        signer.sign(
            "POST",
            URI.create("https://example.amazonaws.com/"),
            Map.of("Content-Type", "application/x-www-form-urlencoded"),
            "Param1=value1".getBytes(UTF_8),
            AT);

    assertThat(headers.get("Authorization"))
        .isEqualTo(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
                + " SignedHeaders=content-type;host;x-amz-date,"
                + " Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
  }

  @Test void sessionTokenIsSentAndSigned() {
    SigV4Signer withToken =
        new SigV4Signer("AKIDEXAMPLE", SECRET, "session-token", "us-east-1", "service");

    Map<String, String> headers =
        withToken.sign("GET", URI.create("https://example.amazonaws.com/"), Map.of(), new byte[0], AT);

    assertThat(headers).containsEntry("X-Amz-Security-Token", "session-token");
    assertThat(headers.get("Authorization"))
        .contains("SignedHeaders=host;x-amz-date;x-amz-security-token,");
  }

  @Test void contentSha256HeaderIsOptIn() {
    Map<String, String> headers =
        signer.withContentSha256Header()
            .sign("GET", URI.create("https://example.amazonaws.com/"), Map.of(), new byte[0], AT);

    assertThat(headers).containsEntry("x-amz-content-sha256", EMPTY_SHA256);
    assertThat(headers.get("Authorization"))
        .contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date,");
  }

  @Test void signatureCoversTheBody() {
    URI uri = URI.create("https://example.amazonaws.com/");
    String one = signer.sign("POST", uri, Map.of(), "a=1".getBytes(UTF_8), AT).get("Authorization");
    String two = signer.sign("POST", uri, Map.of(), "a=2".getBytes(UTF_8), AT).get("Authorization");

    assertThat(one).isNotEqualTo(two);
  }

  @Test void hostHeaderIncludesOnlyANonDefaultPort() {
    assertThat(SigV4Signer.hostHeader(URI.create("https://sts.us-east-1.amazonaws.com")))
        .isEqualTo("sts.us-east-1.amazonaws.com");
    assertThat(SigV4Signer.hostHeader(URI.create("https://example.com:443/"))).isEqualTo("example.com");
    assertThat(SigV4Signer.hostHeader(URI.create("http://127.0.0.1:8123/"))).isEqualTo("127.0.0.1:8123");
  }

  @Test void uriEncodingKeepsOnlyUnreservedCharacters() {
    assertThat(SigV4Signer.uriEncode("a b")).isEqualTo("a%20b");
    assertThat(SigV4Signer.uriEncode("a/b")).isEqualTo("a%2Fb");
    assertThat(SigV4Signer.uriEncode("-_.~")).isEqualTo("-_.~");
    assertThat(SigV4Signer.uriEncode("*+")).isEqualTo("%2A%2B");
    assertThat(SigV4Signer.uriEncode("ü")).isEqualTo("%C3%BC");
  }

  @Test void canonicalQuerySortsAndNormalisesEncoding() {
    assertThat(SigV4Signer.canonicalQuery("b=2&a=1")).isEqualTo("a=1&b=2");
    assertThat(SigV4Signer.canonicalQuery("a=2&a=1")).isEqualTo("a=1&a=2");
    assertThat(SigV4Signer.canonicalQuery("x")).isEqualTo("x=");
    assertThat(SigV4Signer.canonicalQuery("k=a%2fb")).isEqualTo("k=a%2Fb");
    assertThat(SigV4Signer.canonicalQuery("k=%E1%88%B4")).isEqualTo("k=%E1%88%B4");
    assertThat(SigV4Signer.canonicalQuery(null)).isEmpty();
  }

  @Test void canonicalUriEncodesEachSegmentAgain() {
    assertThat(SigV4Signer.canonicalUri("")).isEqualTo("/");
    assertThat(SigV4Signer.canonicalUri("/a/b c")).isEqualTo("/a/b%20c");
    assertThat(SigV4Signer.canonicalUri("/a%20b")).isEqualTo("/a%2520b");
  }

  @Test void amzDateRoundTrips() {
    assertThat(SigV4Signer.amzDate(AT)).isEqualTo("20150830T123600Z");
    assertThat(SigV4Signer.parseAmzDate("20150830T123600Z")).isEqualTo(AT);
  }

  @Test void headerGivenTwiceIsRefused() {
    Map<String, String> twice = new LinkedHashMap<>();
    twice.put("Content-Type", "a");
    twice.put("content-type", "b");

    assertThatThrownBy(
            () -> signer.sign("GET", URI.create("https://example.amazonaws.com/"), twice, new byte[0], AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("content-type");
  }
}
