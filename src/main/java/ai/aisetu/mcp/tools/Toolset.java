package ai.aisetu.mcp.tools;

/**
 * A group of tools that can be switched on or off together with {@code --toolsets}. The id is what
 * users type on the command line and what appears in the README's tool table.
 */
public enum Toolset {
  WORKSPACES("workspaces"),
  API_KEYS("api_keys"),
  MEMBERS("members"),
  BILLING("billing"),
  USAGE("usage"),
  PATS("pats"),
  PROVIDER_CREDENTIALS("provider_credentials"),
  /** {@code whoami}: who the session's PAT belongs to. */
  ACCOUNT("account"),
  /** The OTP flow from an email address to a PAT; works without any credential. */
  ONBOARDING("onboarding");

  private final String id;

  Toolset(String id) {
    this.id = id;
  }

  /** The snake_case id, such as {@code api_keys}. */
  public String id() {
    return id;
  }

  /** Returns the toolset whose {@link #id()} is {@code id}, or null if there is none. */
  public static Toolset byId(String id) {
    for (Toolset toolset : values()) {
      if (toolset.id.equals(id)) return toolset;
    }
    return null;
  }
}
