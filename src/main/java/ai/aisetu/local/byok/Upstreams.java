package ai.aisetu.local.byok;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * Base URLs of the providers that {@link ProviderProbe} calls. Tests aim them at local fakes:
 *
 * <pre>{@code
 * Upstreams upstreams = Upstreams.defaults().withOpenai(fakeOpenAi.baseUri());
 * }</pre>
 *
 * @param openai OpenAI's API base, {@code https://api.openai.com} by default.
 * @param anthropic Anthropic's API base, {@code https://api.anthropic.com} by default.
 * @param sts a fixed AWS STS endpoint, or null (the default) for the credential's regional endpoint
 *     {@code https://sts.<region>.amazonaws.com}; see {@link #stsFor}.
 */
public record Upstreams(URI openai, URI anthropic, URI sts) {
  public Upstreams {
    requireNonNull(openai, "openai == null");
    requireNonNull(anthropic, "anthropic == null");
  }

  /** The real providers, with STS resolved per region. */
  public static Upstreams defaults() {
    return new Upstreams(
        URI.create("https://api.openai.com"), URI.create("https://api.anthropic.com"), null);
  }

  public Upstreams withOpenai(URI openai) {
    return new Upstreams(openai, anthropic, sts);
  }

  public Upstreams withAnthropic(URI anthropic) {
    return new Upstreams(openai, anthropic, sts);
  }

  /** Returns these upstreams with a fixed STS endpoint used for every region. */
  public Upstreams withSts(URI sts) {
    return new Upstreams(openai, anthropic, requireNonNull(sts, "sts == null"));
  }

  /**
   * Returns the STS endpoint for {@code region}: the fixed one if set, else AWS's regional endpoint
   * ({@code amazonaws.com.cn} for the China regions). The region must already be validated, since
   * it becomes part of a host name.
   */
  public URI stsFor(String region) {
    requireNonNull(region, "region == null");
    if (sts != null) return sts;
    String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    return URI.create("https://sts." + region + "." + domain);
  }
}
