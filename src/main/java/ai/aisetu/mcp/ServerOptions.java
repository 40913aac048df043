package ai.aisetu.mcp;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Everything the server is configured with, resolved once at start-up (command line, then
 * environment, then files, then defaults) and passed through constructors; nothing below the CLI
 * reads the environment. Build with {@link #builder()}; {@code toString()} never shows the PAT.
 *
 * @param pat the initial PAT ({@code tt_pat_…}), or null to start signed out
 * @param patSource where the PAT came from, for messages ("--pat", "AI_SETU_PAT", a file), or null
 * @param baseUrl the control plane, e.g. {@code https://api.aisetu.ai}
 * @param local start the embedded local control plane and use it (then {@code baseUrl} is ignored)
 * @param toolsets toolset ids to enable ({@code --toolsets}); empty means all
 * @param tools tool names to enable ({@code --tools}), in addition to {@code toolsets}; empty with
 *     empty toolsets means all
 * @param excludeTools tool names never offered ({@code --exclude-tools})
 * @param readOnly offer and allow only tools whose {@code readOnlyHint} is true
 * @param confirm ask the user (form elicitation) before destructive tools; false with {@code
 *     --no-confirm}
 * @param transcript where to write the conversation transcript, or null for the default place
 * @param transcriptEnabled false with {@code --no-transcript}
 * @param saveCredentials false with {@code --no-save-credentials}
 * @param logLevel SLF4J level for stderr: error, warn, info, debug, trace
 * @param elicitationTimeout how long a question to the user may wait for an answer
 * @param drainTimeout how long requests in flight may run after end of input
 */
public record ServerOptions(
    String pat,
    String patSource,
    String baseUrl,
    boolean local,
    Set<String> toolsets,
    Set<String> tools,
    Set<String> excludeTools,
    boolean readOnly,
    boolean confirm,
    Path transcript,
    boolean transcriptEnabled,
    boolean saveCredentials,
    String logLevel,
    Duration elicitationTimeout,
    Duration drainTimeout) {

  public static final String DEFAULT_BASE_URL = "https://api.aisetu.ai";

  public ServerOptions {
    requireNonNull(baseUrl, "baseUrl == null");
    toolsets = Set.copyOf(requireNonNull(toolsets, "toolsets == null"));
    tools = Set.copyOf(requireNonNull(tools, "tools == null"));
    excludeTools = Set.copyOf(requireNonNull(excludeTools, "excludeTools == null"));
    requireNonNull(logLevel, "logLevel == null");
    requireNonNull(elicitationTimeout, "elicitationTimeout == null");
    requireNonNull(drainTimeout, "drainTimeout == null");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.pat = pat;
    builder.patSource = patSource;
    builder.baseUrl = baseUrl;
    builder.local = local;
    builder.toolsets = toolsets;
    builder.tools = tools;
    builder.excludeTools = excludeTools;
    builder.readOnly = readOnly;
    builder.confirm = confirm;
    builder.transcript = transcript;
    builder.transcriptEnabled = transcriptEnabled;
    builder.saveCredentials = saveCredentials;
    builder.logLevel = logLevel;
    builder.elicitationTimeout = elicitationTimeout;
    builder.drainTimeout = drainTimeout;
    return builder;
  }

  @Override
  public String toString() {
    return "ServerOptions[pat=" + (pat == null ? "none" : "set (" + patSource + ")")
        + ", baseUrl=" + baseUrl + ", local=" + local + ", toolsets=" + toolsets
        + ", tools=" + tools + ", excludeTools=" + excludeTools + ", readOnly=" + readOnly
        + ", confirm=" + confirm + ", transcript=" + (transcriptEnabled ? transcript : "off")
        + ", saveCredentials=" + saveCredentials + ", logLevel=" + logLevel + "]";
  }

  public static final class Builder {
    private String pat;
    private String patSource;
    private String baseUrl = DEFAULT_BASE_URL;
    private boolean local;
    private Set<String> toolsets = Set.of();
    private Set<String> tools = Set.of();
    private Set<String> excludeTools = Set.of();
    private boolean readOnly;
    private boolean confirm = true;
    private Path transcript;
    private boolean transcriptEnabled = true;
    private boolean saveCredentials = true;
    private String logLevel = "warn";
    private Duration elicitationTimeout = Duration.ofMinutes(30);
    private Duration drainTimeout = Duration.ofSeconds(30);

    private Builder() {}

    public Builder pat(String pat, String source) {
      this.pat = pat;
      this.patSource = pat == null ? null : source;
      return this;
    }

    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    public Builder local(boolean local) {
      this.local = local;
      return this;
    }

    public Builder toolsets(Set<String> toolsets) {
      this.toolsets = toolsets;
      return this;
    }

    public Builder tools(Set<String> tools) {
      this.tools = tools;
      return this;
    }

    public Builder excludeTools(Set<String> excludeTools) {
      this.excludeTools = excludeTools;
      return this;
    }

    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    public Builder confirm(boolean confirm) {
      this.confirm = confirm;
      return this;
    }

    public Builder transcript(Path transcript) {
      this.transcript = transcript;
      return this;
    }

    public Builder transcriptEnabled(boolean transcriptEnabled) {
      this.transcriptEnabled = transcriptEnabled;
      return this;
    }

    public Builder saveCredentials(boolean saveCredentials) {
      this.saveCredentials = saveCredentials;
      return this;
    }

    public Builder logLevel(String logLevel) {
      this.logLevel = logLevel;
      return this;
    }

    public Builder elicitationTimeout(Duration elicitationTimeout) {
      this.elicitationTimeout = elicitationTimeout;
      return this;
    }

    public Builder drainTimeout(Duration drainTimeout) {
      this.drainTimeout = drainTimeout;
      return this;
    }

    public ServerOptions build() {
      return new ServerOptions(pat, patSource, baseUrl, local, toolsets, tools, excludeTools,
          readOnly, confirm, transcript, transcriptEnabled, saveCredentials, logLevel,
          elicitationTimeout, drainTimeout);
    }
  }
}
