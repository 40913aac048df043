package ai.aisetu.local.byok;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs HTTP requests with AWS Signature Version 4 (header form, non-S3 services).
 *
 * <pre>{@code
 * SigV4Signer signer = new SigV4Signer(accessKeyId, secretAccessKey, null, "us-east-1", "sts");
 * Map<String, String> auth = signer.sign("POST", uri,
 *     Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), body, Instant.now());
 * // send the request with Content-Type and every header in auth
 * }</pre>
 *
 * <p>Every header passed to {@link #sign} is signed, plus {@code host} (derived from the URI the
 * way HTTP clients derive it, unless given), {@code x-amz-date}, and {@code x-amz-security-token}
 * when there is a session token. The request must then carry exactly those header values.
 *
 * <p>The steps ({@link #canonicalRequest}, {@link #stringToSign}, {@link #signature}) are public so
 * that a server can recompute a signature from what it received. Paths are encoded once more as
 * AWS specifies for services other than S3, and are not normalised: pass a normalised URI. In the
 * query string, {@code +} is a literal plus, not a space.
 */
public final class SigV4Signer {
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();
  private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

  private final String accessKeyId;
  private final String secretAccessKey;
  private final String sessionToken;
  private final String region;
  private final String service;
  private final boolean contentSha256Header;

  /** Creates a signer; {@code sessionToken} is null for long-term credentials. */
  public SigV4Signer(
      String accessKeyId, String secretAccessKey, String sessionToken, String region, String service) {
    this(accessKeyId, secretAccessKey, sessionToken, region, service, false);
  }

  private SigV4Signer(
      String accessKeyId,
      String secretAccessKey,
      String sessionToken,
      String region,
      String service,
      boolean contentSha256Header) {
    this.accessKeyId = requireNonNull(accessKeyId, "accessKeyId == null");
    this.secretAccessKey = requireNonNull(secretAccessKey, "secretAccessKey == null");
    this.sessionToken = sessionToken;
    this.region = requireNonNull(region, "region == null");
    this.service = requireNonNull(service, "service == null");
    this.contentSha256Header = contentSha256Header;
  }

  /** Returns a signer that also sends and signs {@code x-amz-content-sha256} (S3 wants it). */
  public SigV4Signer withContentSha256Header() {
    return new SigV4Signer(accessKeyId, secretAccessKey, sessionToken, region, service, true);
  }

  /**
   * Signs a request and returns the headers to add to it: {@code Authorization}, {@code
   * X-Amz-Date}, and when applicable {@code x-amz-content-sha256} and {@code
   * X-Amz-Security-Token}.
   *
   * @param headers headers the request will carry and that are to be signed, such as {@code
   *     Content-Type}; names are case-insensitive and must be distinct.
   */
  public Map<String, String> sign(
      String method, URI uri, Map<String, String> headers, byte[] body, Instant at) {
    requireNonNull(method, "method == null");
    requireNonNull(uri, "uri == null");
    requireNonNull(headers, "headers == null");
    requireNonNull(body, "body == null");
    requireNonNull(at, "at == null");

    String amzDate = amzDate(at);
    String date = amzDate.substring(0, 8);
    String payloadHash = sha256Hex(body);

    SortedMap<String, String> signed = new TreeMap<>();
    headers.forEach(
        (name, value) -> {
          String previous = signed.put(name.toLowerCase(Locale.ROOT), value);
          if (previous != null) {
            throw new IllegalArgumentException("header " + name + " is given twice");
          }
        });
    signed.putIfAbsent("host", hostHeader(uri));
    signed.put("x-amz-date", amzDate);
    if (contentSha256Header) signed.put("x-amz-content-sha256", payloadHash);
    if (sessionToken != null) signed.put("x-amz-security-token", sessionToken);

    String scope = credentialScope(date, region, service);
    String canonicalRequest =
        canonicalRequest(method, uri.getRawPath(), uri.getRawQuery(), signed, payloadHash);
    String signature =
        signature(secretAccessKey, date, region, service, stringToSign(amzDate, scope, canonicalRequest));

    Map<String, String> result = new LinkedHashMap<>();
    result.put(
        "Authorization",
        ALGORITHM + " Credential=" + accessKeyId + "/" + scope
            + ", SignedHeaders=" + String.join(";", signed.keySet())
            + ", Signature=" + signature);
    result.put("X-Amz-Date", amzDate);
    if (contentSha256Header) result.put("x-amz-content-sha256", payloadHash);
    if (sessionToken != null) result.put("X-Amz-Security-Token", sessionToken);
    return Collections.unmodifiableMap(result);
  }

  /**
   * Returns the canonical request: method, canonical URI, canonical query, canonical headers,
   * signed header names and payload hash, one per line.
   *
   * @param rawPath the path as sent on the wire (percent-encoded); empty means {@code /}.
   * @param rawQuery the query as sent on the wire, or null.
   * @param signedHeaders every signed header, by name (any case) to value as sent.
   */
  public static String canonicalRequest(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, String> signedHeaders,
      String payloadSha256Hex) {
    SortedMap<String, String> headers = new TreeMap<>();
    signedHeaders.forEach(
        (name, value) -> headers.put(name.toLowerCase(Locale.ROOT), canonicalHeaderValue(value)));
    StringBuilder result = new StringBuilder();
    result.append(method.toUpperCase(Locale.ROOT)).append('\n');
    result.append(canonicalUri(rawPath)).append('\n');
    result.append(canonicalQuery(rawQuery)).append('\n');
    headers.forEach((name, value) -> result.append(name).append(':').append(value).append('\n'));
    result.append('\n');
    result.append(String.join(";", headers.keySet())).append('\n');
    result.append(payloadSha256Hex);
    return result.toString();
  }

  /** Returns the string to sign for a canonical request made at {@code amzDate} within {@code credentialScope}. */
  public static String stringToSign(String amzDate, String credentialScope, String canonicalRequest) {
    return ALGORITHM + "\n" + amzDate + "\n" + credentialScope + "\n"
        + sha256Hex(canonicalRequest.getBytes(UTF_8));
  }

  /** Returns the hex signature of {@code stringToSign} with the key derived for date, region and service. */
  public static String signature(
      String secretAccessKey, String date, String region, String service, String stringToSign) {
    byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    return HEX.formatHex(hmac(key, stringToSign));
  }

  /** Returns {@code date/region/service/aws4_request}. */
  public static String credentialScope(String date, String region, String service) {
    return date + "/" + region + "/" + service + "/aws4_request";
  }

  /** Returns the instant in SigV4's basic ISO 8601 form, like {@code 20150830T123600Z}. */
  public static String amzDate(Instant at) {
    return AMZ_DATE.format(at);
  }

  /** Parses a {@link #amzDate} string. */
  public static Instant parseAmzDate(String amzDate) {
    return AMZ_DATE.parse(amzDate, Instant::from);
  }

  /** Returns the value an HTTP client sends as {@code Host}: the host, plus the port if not the scheme's default. */
  public static String hostHeader(URI uri) {
    String host = requireNonNull(uri.getHost(), "uri has no host");
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
            || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
    return defaultPort ? host : host + ":" + port;
  }

  /** Returns the lowercase hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }

  /** Percent-encodes UTF-8 bytes of {@code s}, leaving only RFC 3986 unreserved characters. */
  static String uriEncode(String s) {
    StringBuilder result = new StringBuilder(s.length());
    for (byte b : s.getBytes(UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        result.append((char) c);
      } else {
        result.append('%').append(UPPER_HEX.toHexDigits(b));
      }
    }
    return result.toString();
  }

  static String canonicalUri(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) return "/";
    String[] segments = rawPath.split("/", -1);
    List<String> encoded = new ArrayList<>(segments.length);
    for (String segment : segments) encoded.add(uriEncode(segment));
    return String.join("/", encoded);
  }

  static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) return "";
    List<String[]> pairs = new ArrayList<>();
    for (String parameter : rawQuery.split("&")) {
      if (parameter.isEmpty()) continue;
      int eq = parameter.indexOf('=');
      String name = eq < 0 ? parameter : parameter.substring(0, eq);
      String value = eq < 0 ? "" : parameter.substring(eq + 1);
      pairs.add(new String[] {uriEncode(percentDecode(name)), uriEncode(percentDecode(value))});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    List<String> joined = new ArrayList<>(pairs.size());
    for (String[] pair : pairs) joined.add(pair[0] + "=" + pair[1]);
    return String.join("&", joined);
  }

  /** Trims the value and collapses each run of spaces to one, as SigV4 requires. */
  static String canonicalHeaderValue(String value) {
    return value.strip().replaceAll("\\s+", " ");
  }

  private static String percentDecode(String s) {
    if (s.indexOf('%') < 0) return s;
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); ) {
      if (s.charAt(i) == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
        out.write(Integer.parseInt(s, i + 1, i + 3, 16));
        i += 3;
      } else {
        int codePoint = s.codePointAt(i);
        out.writeBytes(new String(Character.toChars(codePoint)).getBytes(UTF_8));
        i += Character.charCount(codePoint);
      }
    }
    return out.toString(UTF_8);
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(UTF_8));
    } catch (GeneralSecurityException e) {
      throw new AssertionError("every JVM has HmacSHA256", e);
    }
  }
}
