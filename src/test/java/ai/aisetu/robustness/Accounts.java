package ai.aisetu.robustness;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.admin.model.LoginResult;
import ai.aisetu.local.LocalControlPlane;
import java.util.List;
import java.util.Map;

/** Signs users up on a local control plane through its one-time codes. */
final class Accounts {
  private Accounts() {}

  /** A new user (tenant and workspace {@code default}) with a read-write PAT. */
  static LoginResult signUp(LocalControlPlane plane, String email) {
    try (AiSetuAdmin anonymous = admin(plane.baseUri().toString(), null)) {
      anonymous.requestLoginCode(email);
      String code = plane.latestLoginCode(email).orElseThrow();
      return anonymous.verifyLoginCode(email, code, "robustness", List.of("admin:read", "admin:write"));
    }
  }

  /** An admin client that ignores the environment and retries nothing. */
  static AiSetuAdmin admin(String baseUrl, String pat) {
    return AiSetuAdmin.builder().baseUrl(baseUrl).pat(pat).environment(Map.of()).maxRetries(0).build();
  }
}
