package ai.aisetu.local.fakes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import ai.aisetu.local.byok.SigV4Signer;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * AWS STS {@code GetCallerIdentity} that really verifies SigV4: it recomputes the signature of each
 * request from what arrived on the wire and the one secret it knows, and answers like STS: 200
 * with the caller's ARN, or 403 with an STS error ({@code InvalidClientTokenId} for an unknown
 * access key, {@code SignatureDoesNotMatch} for a wrong secret, altered request or stale date).
 */
public final class FakeSts extends FakeUpstream {
  public static final String ACCOUNT = "123456789012";
  public static final String ARN = "arn:aws:iam::" + ACCOUNT + ":user/fake-sts";

  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/([0-9]{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request,"
              + "\\s*SignedHeaders=([a-z0-9;-]+),\\s*Signature=([0-9a-f]{64})");
  private static final Duration MAX_SKEW = Duration.ofMinutes(15);

  private final String accessKeyId;
  private final String secretAccessKey;
  private volatile String lastRegion;

  public FakeSts(String accessKeyId, String secretAccessKey) {
    this.accessKeyId = requireNonNull(accessKeyId, "accessKeyId == null");
    this.secretAccessKey = requireNonNull(secretAccessKey, "secretAccessKey == null");
  }

  /** Returns the region named in the last verified request's credential scope, or null. */
  public String lastRegion() {
    return lastRegion;
  }

  @Override
  protected MockResponse respond(RecordedRequest request) {
    String authorization = request.getHeaders().get("Authorization");
    if (authorization == null) {
      return error(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
    }
    Matcher auth = AUTHORIZATION.matcher(authorization);
    if (!auth.matches()) {
      return error(403, "IncompleteSignature", "Authorization header is not a valid SigV4 header");
    }
    String keyId = auth.group(1);
    String date = auth.group(2);
    String region = auth.group(3);
    String service = auth.group(4);
    List<String> signedNames = List.of(auth.group(5).split(";"));
    String signature = auth.group(6);

    if (!keyId.equals(accessKeyId)) {
      return error(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
    }
    if (!service.equals("sts")) {
      return signatureDoesNotMatch("Credential should be scoped to correct service: 'sts'.");
    }
    if (!signedNames.contains("host") || !signedNames.contains("x-amz-date")) {
      return signatureDoesNotMatch("host and x-amz-date must be signed.");
    }
    String amzDate = request.getHeaders().get("X-Amz-Date");
    Instant signedAt;
    try {
      signedAt = SigV4Signer.parseAmzDate(amzDate == null ? "" : amzDate);
    } catch (DateTimeParseException e) {
      return error(400, "IncompleteSignature", "X-Amz-Date is missing or malformed.");
    }
    if (!amzDate.startsWith(date)) {
      return signatureDoesNotMatch("Date in Credential scope does not match YYYYMMDD from X-Amz-Date.");
    }
    if (Duration.between(signedAt, Instant.now()).abs().compareTo(MAX_SKEW) > 0) {
      return signatureDoesNotMatch("Signature expired: " + amzDate + " is too far from now.");
    }

    Map<String, String> signedHeaders = new LinkedHashMap<>();
    for (String name : signedNames) {
      List<String> values = request.getHeaders().values(name);
      if (values.isEmpty()) return signatureDoesNotMatch("Signed header " + name + " is missing.");
      signedHeaders.put(name, String.join(",", values));
    }
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    String target = request.getTarget();
    int question = target.indexOf('?');
    String canonicalRequest =
        SigV4Signer.canonicalRequest(
            request.getMethod(),
            question < 0 ? target : target.substring(0, question),
            question < 0 ? null : target.substring(question + 1),
            signedHeaders,
            SigV4Signer.sha256Hex(body));
    String stringToSign =
        SigV4Signer.stringToSign(amzDate, SigV4Signer.credentialScope(date, region, service), canonicalRequest);
    String expected = SigV4Signer.signature(secretAccessKey, date, region, service, stringToSign);
    if (!MessageDigest.isEqual(expected.getBytes(UTF_8), signature.getBytes(UTF_8))) {
      return signatureDoesNotMatch(
          "The request signature we calculated does not match the signature you provided."
              + " Check your AWS Secret Access Key and signing method.");
    }

    String form = new String(body, UTF_8);
    if (!request.getMethod().equals("POST")
        || !List.of(form.split("&")).containsAll(List.of("Action=GetCallerIdentity", "Version=2011-06-15"))) {
      return error(400, "InvalidAction", "Could not find operation for this request.");
    }
    lastRegion = region;
    return response(200, "text/xml",
        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
            + "  <GetCallerIdentityResult>\n"
            + "    <Arn>" + ARN + "</Arn>\n"
            + "    <UserId>AIDAFAKESTSUSER0000001</UserId>\n"
            + "    <Account>" + ACCOUNT + "</Account>\n"
            + "  </GetCallerIdentityResult>\n"
            + "  <ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>\n"
            + "</GetCallerIdentityResponse>\n");
  }

  private static MockResponse signatureDoesNotMatch(String message) {
    return error(403, "SignatureDoesNotMatch", message);
  }

  private static MockResponse error(int code, String errorCode, String message) {
    return response(code, "text/xml",
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
            + "  <Error><Type>Sender</Type><Code>" + errorCode + "</Code><Message>" + message + "</Message></Error>\n"
            + "  <RequestId>00000000-0000-0000-0000-000000000000</RequestId>\n"
            + "</ErrorResponse>\n");
  }
}
