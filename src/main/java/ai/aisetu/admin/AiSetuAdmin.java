package ai.aisetu.admin;

import static java.util.Objects.requireNonNull;

import ai.aisetu.admin.model.LoginCodeRequest;
import ai.aisetu.admin.model.LoginResult;
import ai.aisetu.admin.model.Viewer;
import ai.aisetu.admin.transport.GraphQLTransport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * The AI Setu control plane (workspaces, API keys, members, billing, usage, PATs and BYOK provider
 * credentials), the Java face of {@code @ai-setu/admin}. It does no inference.
 *
 * <pre>{@code
 * try (AiSetuAdmin admin = new AiSetuAdmin()) {          // AI_SETU_PAT, AI_SETU_API_BASE_URL
 *   List<Workspace> workspaces = admin.workspaces().list();
 *   CreatedApiKey key = admin.apiKeys().create(workspaces.get(0).id(), "CI");
 *   store(key.secret());                                 // shown in this response only
 * }
 * }</pre>
 *
 * <p>Authentication is a personal access token ({@code tt_pat_…}): the builder's {@code pat}, else
 * {@code AI_SETU_PAT}. A workspace key ({@code tt_live_…}) is refused at once: it is for
 * inference. Without a PAT only {@link #requestLoginCode} and {@link #verifyLoginCode} work; any
 * other call fails with {@link AdminHttpError} 401. The base URL is the builder's {@code baseUrl},
 * else {@code AI_SETU_API_BASE_URL}, else {@value #DEFAULT_BASE_URL}; requests go to its {@code
 * /graphql}.
 *
 * <p>Every method has an overload taking a {@link Cancellation} last. Failures are {@link
 * AdminTransportError}, {@link AdminHttpError} or {@link AdminGraphQLError}. Thread-safe. {@link
 * #withPat(String)} gives a client for another PAT sharing this one's connections, cheaply.
 */
public final class AiSetuAdmin implements AutoCloseable {
  public static final String DEFAULT_BASE_URL = "https://api.aisetu.ai";
  public static final String PAT_ENV = "AI_SETU_PAT";
  public static final String BASE_URL_ENV = "AI_SETU_API_BASE_URL";

  private static final String PAT_PREFIX = "tt_pat_";
  private static final String WORKSPACE_KEY_PREFIX = "tt_live_";

  private final String baseUrl;
  private final GraphQLTransport transport;
  private final Workspaces workspaces;
  private final ApiKeys apiKeys;
  private final Members members;
  private final Billing billing;
  private final Usage usage;
  private final Pats pats;
  private final ProviderCredentials providerCredentials;

  /** A client configured from the environment ({@code AI_SETU_PAT}, {@code AI_SETU_API_BASE_URL}). */
  public AiSetuAdmin() {
    this(builder());
  }

  private AiSetuAdmin(Builder builder) {
    this(builder.resolveBaseUrl(), builder);
  }

  private AiSetuAdmin(String baseUrl, Builder builder) {
    this(baseUrl, builder.transport(baseUrl));
  }

  private AiSetuAdmin(String baseUrl, GraphQLTransport transport) {
    this.baseUrl = baseUrl;
    this.transport = transport;
    this.workspaces = new Workspaces(transport);
    this.apiKeys = new ApiKeys(transport);
    this.members = new Members(transport);
    this.billing = new Billing(transport);
    this.usage = new Usage(transport);
    this.pats = new Pats(transport);
    this.providerCredentials = new ProviderCredentials(transport);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client for {@code pat} with this one's base URL, sharing its connection pool and
   * dispatcher. Closing it releases nothing; close the original.
   *
   * @throws IllegalArgumentException if {@code pat} is not a {@code tt_pat_…} token
   */
  public AiSetuAdmin withPat(String pat) {
    requireNonNull(pat, "pat == null");
    return new AiSetuAdmin(baseUrl, transport.withPat(checkPat(pat, "pat")));
  }

  /** A client without a PAT (for the login-code calls), sharing this one's connections. */
  public AiSetuAdmin withoutPat() {
    return new AiSetuAdmin(baseUrl, transport.withPat(null));
  }

  /**
   * Does now, without a request, what the first call would do before its request leaves: builds
   * the HTTP client and makes the JSON mappings of a request and of the results a session usually
   * starts with (the viewer, the workspaces). Worth it in a process that starts for one session and
   * has a spare core while it starts (call it on another thread); thread-safe, best effort, and
   * shared by every client {@link #withPat} made from this one.
   */
  public void prepare() {
    transport.prepare(List.of(Operations.WHOAMI, Operations.WORKSPACES_LIST));
  }

  public boolean hasPat() {
    return transport.hasPat();
  }

  /** The control plane's base URL, without {@code /graphql} and without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  /** Who the PAT belongs to: the user, the tenant, the PAT's id and its scopes. */
  public Viewer viewer() {
    return viewer(Cancellation.create());
  }

  public Viewer viewer(Cancellation cancellation) {
    return transport.execute(Operations.WHOAMI, Variables.of().map(), cancellation);
  }

  /**
   * Sends a 6-digit sign-in code to {@code email}, valid 10 minutes. Needs no PAT. The answer is
   * the same whether or not the email is known.
   */
  public LoginCodeRequest requestLoginCode(String email) {
    return requestLoginCode(email, Cancellation.create());
  }

  public LoginCodeRequest requestLoginCode(String email, Cancellation cancellation) {
    requireNonNull(email, "email == null");
    return transport.execute(
        Operations.ONBOARDING_START, Variables.of().put("email", email).map(), cancellation);
  }

  /**
   * Checks a sign-in code and mints a PAT named {@code patName} (null: {@code ai-setu-mcp}) with
   * {@code scopes} (null: both). An unknown email becomes a new user, tenant and workspace
   * {@code default}. Needs no PAT. The PAT's secret is in this response only.
   */
  public LoginResult verifyLoginCode(
      String email, String code, String patName, List<String> scopes) {
    return verifyLoginCode(email, code, patName, scopes, Cancellation.create());
  }

  public LoginResult verifyLoginCode(
      String email, String code, String patName, List<String> scopes, Cancellation cancellation) {
    requireNonNull(email, "email == null");
    requireNonNull(code, "code == null");
    return transport.execute(
        Operations.ONBOARDING_VERIFY,
        Variables.of()
            .put("email", email)
            .put("code", code)
            .put("patName", patName)
            .put("scopes", scopes == null ? null : List.copyOf(scopes))
            .map(),
        cancellation);
  }

  public Workspaces workspaces() {
    return workspaces;
  }

  public ApiKeys apiKeys() {
    return apiKeys;
  }

  public Members members() {
    return members;
  }

  public Billing billing() {
    return billing;
  }

  public Usage usage() {
    return usage;
  }

  public Pats pats() {
    return pats;
  }

  public ProviderCredentials providerCredentials() {
    return providerCredentials;
  }

  /** Releases connections and threads, if this client created them (not one from withPat). */
  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "AiSetuAdmin[baseUrl=" + baseUrl + ", pat=" + (hasPat() ? "set" : "none") + "]";
  }

  /** Refuses anything but a well-formed {@code tt_pat_…} token, saying why without echoing it. */
  static String checkPat(String pat, String source) {
    String trimmed = pat.strip();
    if (trimmed.startsWith(WORKSPACE_KEY_PREFIX)) {
      throw new IllegalArgumentException(source + " is a workspace API key (tt_live_…): workspace"
          + " keys are for inference only. The admin API needs a personal access token"
          + " (tt_pat_…): mint one at https://app.aisetu.ai/settings/profile or run onboarding.");
    }
    if (!trimmed.startsWith(PAT_PREFIX)) {
      throw new IllegalArgumentException(source + " is not a personal access token: it must"
          + " start with tt_pat_. Mint one at https://app.aisetu.ai/settings/profile or run"
          + " onboarding.");
    }
    boolean wellFormed = trimmed.length() > PAT_PREFIX.length()
        && trimmed.chars().allMatch(c -> c > ' ' && c < 0x7f);
    if (!wellFormed) {
      throw new IllegalArgumentException(source + " is not a well-formed personal access token:"
          + " expected tt_pat_ followed by letters and digits, with no spaces.");
    }
    return trimmed;
  }

  /** Returns {@code value} stripped, or null if it is null or blank. */
  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * Configures an {@link AiSetuAdmin}. Arguments beat the environment, which beats the defaults.
   *
   * <pre>{@code
   * AiSetuAdmin admin = AiSetuAdmin.builder()
   *     .pat(pat)
   *     .baseUrl("http://127.0.0.1:8787")
   *     .environment(Map.of())            // ignore the process environment
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private String pat;
    private String baseUrl;
    private Map<String, String> environment = System.getenv();
    private final GraphQLTransport.Builder transport = GraphQLTransport.builder();
    private String userAgentSuffix;

    private Builder() {}

    /** The PAT ({@code tt_pat_…}); null to fall back to {@code AI_SETU_PAT}. */
    public Builder pat(String pat) {
      this.pat = pat;
      return this;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8787}; null to fall back to the environment. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** Where {@code AI_SETU_PAT} and {@code AI_SETU_API_BASE_URL} are read; default the process's. */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(requireNonNull(environment, "environment == null"));
      return this;
    }

    /** Default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      transport.connectTimeout(timeout);
      return this;
    }

    /** Default 30 s. */
    public Builder readTimeout(Duration timeout) {
      transport.readTimeout(timeout);
      return this;
    }

    /** The limit on one attempt of a call, from connecting to reading the whole body; 60 s. */
    public Builder callTimeout(Duration timeout) {
      transport.callTimeout(timeout);
      return this;
    }

    /** How often a query is retried on a connection failure or HTTP 502/503/504: 0 to 10, 2. */
    public Builder maxRetries(int maxRetries) {
      transport.maxRetries(maxRetries);
      return this;
    }

    /** Appended to the {@code User-Agent}, e.g. the MCP client's name and version. */
    public Builder userAgentSuffix(String suffix) {
      this.userAgentSuffix = suffix;
      return this;
    }

    /**
     * @throws IllegalArgumentException for a PAT that is not {@code tt_pat_…}, or a base URL that
     *     is not an http(s) URL
     */
    public AiSetuAdmin build() {
      return new AiSetuAdmin(this);
    }

    private String resolveBaseUrl() {
      String source = "baseUrl";
      String url = nonBlank(baseUrl);
      if (url == null) {
        source = BASE_URL_ENV;
        url = nonBlank(environment.get(BASE_URL_ENV));
      }
      if (url == null) return DEFAULT_BASE_URL;
      HttpUrl parsed = HttpUrl.parse(url);
      if (parsed == null) {
        throw new IllegalArgumentException(source + " is not an http(s) URL: " + url);
      }
      String result = url;
      while (result.endsWith("/")) result = result.substring(0, result.length() - 1);
      if (result.endsWith("/graphql")) result = result.substring(0, result.length() - 8);
      return result;
    }

    private String resolvePat() {
      if (nonBlank(pat) != null) return checkPat(pat, "pat");
      String fromEnv = nonBlank(environment.get(PAT_ENV));
      return fromEnv == null ? null : checkPat(fromEnv, PAT_ENV);
    }

    private GraphQLTransport transport(String resolvedBaseUrl) {
      String pat = resolvePat();
      HttpUrl endpoint = HttpUrl.get(resolvedBaseUrl + "/graphql");
      String userAgent = GraphQLTransport.defaultUserAgent();
      String suffix = nonBlank(userAgentSuffix);
      if (suffix != null) userAgent = userAgent + " " + suffix;
      return transport.endpoint(endpoint).pat(pat).userAgent(userAgent).build();
    }
  }
}
