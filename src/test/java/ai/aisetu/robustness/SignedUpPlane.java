package ai.aisetu.robustness;

import ai.aisetu.admin.model.LoginResult;
import ai.aisetu.local.LocalControlPlane;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-memory local control plane with one signed-up account, started before a test class and
 * closed after it, when the robustness summary is also written.
 *
 * <pre>{@code
 * @RegisterExtension static final SignedUpPlane PLANE = new SignedUpPlane("fuzz@example.com");
 * ... McpServerProcess.builder(PLANE.baseUrl()).pat(PLANE.pat()) ...
 * }</pre>
 */
final class SignedUpPlane implements BeforeAllCallback, AfterAllCallback {
  private final String email;
  private LocalControlPlane plane;
  private LoginResult account;

  SignedUpPlane(String email) {
    this.email = email;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    plane = LocalControlPlane.builder().inMemory().build().start();
    account = Accounts.signUp(plane, email);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (plane != null) plane.close();
    RobustnessSummary.write();
  }

  String baseUrl() {
    return plane.baseUri().toString();
  }

  /** The account's read-write PAT. */
  String pat() {
    return account.secret();
  }
}
