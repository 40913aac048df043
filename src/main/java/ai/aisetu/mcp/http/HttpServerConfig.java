package ai.aisetu.mcp.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the HTTP transport listens and whom it lets in. Build with {@link #builder()}; {@code
 * toString()} never shows the access token.
 *
 * @param host the address to bind; {@code 127.0.0.1} unless told otherwise
 * @param port the port to bind; 0 picks a free one
 * @param allowedOrigins {@code Origin} values a browser may send ({@code http://localhost:*} style
 *     wildcards for the port); empty means the loopback origins
 * @param allowedHosts {@code Host} values accepted (DNS-rebinding protection); empty means the
 *     loopback names plus {@code host} when it is a name or an address other than a wildcard
 * @param accessToken the sidecar access token ({@value #ACCESS_TOKEN_ENV}): when set, callers
 *     present it as their bearer token and every session uses the server's own PAT; when null,
 *     callers present their own PAT
 * @param maxBodyBytes the largest request body accepted (413 beyond)
 * @param toolCallsPerMinute tool calls per caller per minute (a token bucket of that size; 429
 *     beyond, with {@code Retry-After})
 * @param credentialTtl how long a PAT once verified with the control plane is trusted without asking
 *     again
 * @param drainTimeout on shutdown, how long tool calls in flight may run to completion
 * @param sessionIdleTimeout how long a Streamable HTTP session may go without a request (and
 *     without an open stream) before it is closed and everything held for it is freed
 */
public record HttpServerConfig(
    String host,
    int port,
    List<String> allowedOrigins,
    List<String> allowedHosts,
    String accessToken,
    int maxBodyBytes,
    int toolCallsPerMinute,
    Duration credentialTtl,
    Duration drainTimeout,
    Duration sessionIdleTimeout) {

  /** The environment variable holding the sidecar access token. */
  public static final String ACCESS_TOKEN_ENV = "AI_SETU_MCP_HTTP_TOKEN";
  /** The shortest sidecar access token accepted: a guessable token is no authentication. */
  public static final int MIN_ACCESS_TOKEN_LENGTH = 32;
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofMinutes(30);

  public HttpServerConfig {
    requireNonNull(host, "host == null");
    if (host.isBlank()) throw new IllegalArgumentException("host is blank; e.g. 127.0.0.1");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range; use 0..65535");
    }
    allowedOrigins = List.copyOf(requireNonNull(allowedOrigins, "allowedOrigins == null"));
    allowedHosts = List.copyOf(requireNonNull(allowedHosts, "allowedHosts == null"));
    if (accessToken != null && accessToken.strip().length() < MIN_ACCESS_TOKEN_LENGTH) {
      throw new IllegalArgumentException(ACCESS_TOKEN_ENV + " is shorter than "
          + MIN_ACCESS_TOKEN_LENGTH + " characters; use a long random value, e.g. `openssl rand -hex 32`");
    }
    if (maxBodyBytes < 1024) throw new IllegalArgumentException("maxBodyBytes < 1024");
    if (toolCallsPerMinute < 1) throw new IllegalArgumentException("toolCallsPerMinute < 1");
    requireNonNull(credentialTtl, "credentialTtl == null");
    requireNonNull(drainTimeout, "drainTimeout == null");
    requireNonNull(sessionIdleTimeout, "sessionIdleTimeout == null");
    if (sessionIdleTimeout.toMillis() < 100) {
      throw new IllegalArgumentException("sessionIdleTimeout " + sessionIdleTimeout
          + " is too short; use at least 100 ms (default 30 min)");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** True in sidecar mode: callers present the access token, sessions use the server's PAT. */
  public boolean sidecar() {
    return accessToken != null;
  }

  /** The origins actually allowed: {@link #allowedOrigins()}, or the loopback origins. */
  List<String> effectiveOrigins() {
    if (!allowedOrigins.isEmpty()) return allowedOrigins;
    List<String> origins = new ArrayList<>();
    for (String scheme : List.of("http://", "https://")) {
      for (String name : List.of("localhost", "127.0.0.1", "[::1]")) origins.add(scheme + name + ":*");
    }
    return origins;
  }

  /** The hosts actually allowed: {@link #allowedHosts()}, or loopback names and the bound host. */
  List<String> effectiveHosts() {
    if (!allowedHosts.isEmpty()) return allowedHosts;
    List<String> hosts = new ArrayList<>(List.of("localhost:*", "127.0.0.1:*", "[::1]:*"));
    boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    if (!wildcard && !hosts.contains(host + ":*")) hosts.add(host + ":*");
    return hosts;
  }

  @Override
  public String toString() {
    return "HttpServerConfig[host=" + host + ", port=" + port + ", allowedOrigins=" + allowedOrigins
        + ", allowedHosts=" + allowedHosts + ", auth=" + (sidecar() ? "access token" : "caller PAT")
        + ", maxBodyBytes=" + maxBodyBytes + ", toolCallsPerMinute=" + toolCallsPerMinute
        + ", sessionIdleTimeout=" + sessionIdleTimeout + "]";
  }

  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private List<String> allowedOrigins = List.of();
    private List<String> allowedHosts = List.of();
    private String accessToken;
    private int maxBodyBytes = 1024 * 1024;
    private int toolCallsPerMinute = 120;
    private Duration credentialTtl = Duration.ofSeconds(60);
    private Duration drainTimeout = Duration.ofSeconds(30);
    private Duration sessionIdleTimeout = DEFAULT_SESSION_IDLE_TIMEOUT;

    private Builder() {}

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder allowedOrigins(List<String> allowedOrigins) {
      this.allowedOrigins = allowedOrigins;
      return this;
    }

    public Builder allowedHosts(List<String> allowedHosts) {
      this.allowedHosts = allowedHosts;
      return this;
    }

    /** The sidecar access token, or null (each caller presents its own PAT). */
    public Builder accessToken(String accessToken) {
      this.accessToken = accessToken;
      return this;
    }

    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    public Builder toolCallsPerMinute(int toolCallsPerMinute) {
      this.toolCallsPerMinute = toolCallsPerMinute;
      return this;
    }

    public Builder credentialTtl(Duration credentialTtl) {
      this.credentialTtl = credentialTtl;
      return this;
    }

    public Builder drainTimeout(Duration drainTimeout) {
      this.drainTimeout = drainTimeout;
      return this;
    }

    /** How long an unused session lives (default 30 min). */
    public Builder sessionIdleTimeout(Duration sessionIdleTimeout) {
      this.sessionIdleTimeout = sessionIdleTimeout;
      return this;
    }

    public HttpServerConfig build() {
      return new HttpServerConfig(host, port, allowedOrigins, allowedHosts, accessToken,
          maxBodyBytes, toolCallsPerMinute, credentialTtl, drainTimeout, sessionIdleTimeout);
    }
  }
}
