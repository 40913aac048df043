package ai.aisetu.local;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.admin.model.LoginResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Signs people up on a running plane through the admin client, the way a user would. */
final class Fixture {
  /** A signed-in user: the login answer and a client holding its PAT. */
  record Account(LoginResult login, AiSetuAdmin admin) {
    String tenantId() {
      return login.tenant().id();
    }

    String pat() {
      return login.secret();
    }

    String email() {
      return login.user().email();
    }
  }

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final Map<String, AiSetuAdmin> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();

  private Fixture() {}

  static String email(String who) {
    return who + "-" + SEQUENCE.incrementAndGet() + "@example.com";
  }

  /** One client (and connection pool) per plane; {@link AiSetuAdmin#withPat} shares it. */
  static AiSetuAdmin anonymous(LocalControlPlane plane) {
    return CLIENTS.computeIfAbsent(plane.baseUri().toString(),
        url -> AiSetuAdmin.builder().baseUrl(url).environment(Map.of()).maxRetries(0).build());
  }

  static Account signUp(LocalControlPlane plane, String email) {
    return signIn(plane, email, null, null);
  }

  static Account signIn(LocalControlPlane plane, String email, String patName, List<String> scopes) {
    AiSetuAdmin anonymous = anonymous(plane);
    anonymous.requestLoginCode(email);
    String code = plane.latestLoginCode(email).orElseThrow();
    LoginResult login = anonymous.verifyLoginCode(email, code, patName, scopes);
    return new Account(login, anonymous.withPat(login.secret()));
  }

  /** The default workspace of a freshly signed-up account. */
  static String defaultWorkspace(Account account) {
    return account.admin().workspaces().list().get(0).id();
  }
}
