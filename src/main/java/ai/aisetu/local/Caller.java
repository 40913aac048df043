package ai.aisetu.local;

import java.util.List;

/** Who made an authenticated request: the PAT's user, tenant and scopes. */
record Caller(String userId, String tenantId, String email, String patId, List<String> scopes) {
  static final String READ = "admin:read";
  static final String WRITE = "admin:write";

  Caller {
    scopes = List.copyOf(scopes);
  }

  /** {@code admin:write} implies {@code admin:read}. */
  boolean has(String scope) {
    return scopes.contains(scope) || (READ.equals(scope) && scopes.contains(WRITE));
  }
}
