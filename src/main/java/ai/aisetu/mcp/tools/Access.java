package ai.aisetu.mcp.tools;

/** The PAT scope a tool needs before the server lets it run. */
public enum Access {
  /** Works without a PAT: the onboarding tools. */
  NONE,
  /** Needs a PAT with {@code admin:read} (or {@code admin:write}, which implies it). */
  READ,
  /** Needs a PAT with {@code admin:write}. */
  WRITE;

  /** The scope the control plane checks for this access, or null for {@link #NONE}. */
  public String scope() {
    return switch (this) {
      case READ -> "admin:read";
      case WRITE -> "admin:write";
      case NONE -> null;
    };
  }
}
