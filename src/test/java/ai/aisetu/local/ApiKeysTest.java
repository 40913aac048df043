package ai.aisetu.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aisetu.admin.AdminGraphQLError;
import ai.aisetu.admin.ErrorCode;
import ai.aisetu.admin.model.ApiKey;
import ai.aisetu.admin.model.CreatedApiKey;
import ai.aisetu.admin.model.RotatedApiKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Workspace API keys: shown once, rotated with an optional grace, revoked idempotently. */
class ApiKeysTest {
  private static final TestClock clock = new TestClock(Instant.parse("2026-12-04T10:00:00Z"));
  private static LocalControlPlane plane;
  private static Fixture.Account owner;
  private static String ws;

  @BeforeAll
  static void start() {
    plane = LocalControlPlane.builder().inMemory().clock(clock).build().start();
    owner = Fixture.signUp(plane, Fixture.email("keys"));
    ws = Fixture.defaultWorkspace(owner);
  }

  @AfterAll
  static void stop() {
    plane.close();
  }

  @Test
  void createReturnsTheSecretOnceAndListsShowOnlyTheHint() {
    CreatedApiKey created = owner.admin().apiKeys().create(ws, "ci");
    assertThat(created.secret()).startsWith("tt_live_");
    assertThat(created.apiKey().keyHint()).isEqualTo(created.secret().substring(created.secret().length() - 4));
    RawGraphQL.Reply list = new RawGraphQL(plane.graphqlUri()).post(owner.pat(),
        "query($w: ID!) { apiKeys(workspaceId: $w) { id workspaceId name keyHint createdAt lastUsedAt revokedAt } }",
        "w", ws);
    assertThat(list.body().toString()).contains(created.apiKey().id()).doesNotContain(created.secret());
  }

  @Test
  void keysAreListedNewestFirst() {
    Fixture.Account other = Fixture.signUp(plane, Fixture.email("order"));
    String workspace = Fixture.defaultWorkspace(other);
    ApiKey first = other.admin().apiKeys().create(workspace, "first").apiKey();
    clock.advance(Duration.ofSeconds(1));
    ApiKey second = other.admin().apiKeys().create(workspace, "second").apiKey();
    assertThat(other.admin().apiKeys().list(workspace)).extracting(ApiKey::id).containsExactly(second.id(), first.id());
  }

  @Test
  void rotateMakesASuccessorAndRevokesTheOldKeyNow() {
    CreatedApiKey old = owner.admin().apiKeys().create(ws, "rotating");
    RotatedApiKey rotated = owner.admin().apiKeys().rotate(old.apiKey().id(), null);
    assertThat(rotated.secret()).startsWith("tt_live_").isNotEqualTo(old.secret());
    assertThat(rotated.apiKey().name()).isEqualTo("rotating");
    assertThat(rotated.apiKey().workspaceId()).isEqualTo(ws);
    assertThat(rotated.apiKey().revokedAt()).isNull();
    assertThat(rotated.previous().id()).isEqualTo(old.apiKey().id());
    assertThat(rotated.previous().revokedAt()).isEqualTo(clock.instant());
  }

  @Test
  void rotateWithGraceRevokesTheOldKeyLater() {
    CreatedApiKey old = owner.admin().apiKeys().create(ws, "graceful");
    RotatedApiKey rotated = owner.admin().apiKeys().rotate(old.apiKey().id(), 3600);
    assertThat(rotated.previous().revokedAt()).isEqualTo(clock.instant().plusSeconds(3600));
  }

  @Test
  void revokingDuringTheGracePeriodEndsItNow() {
    CreatedApiKey old = owner.admin().apiKeys().create(ws, "cut short");
    owner.admin().apiKeys().rotate(old.apiKey().id(), 86_400);
    assertThat(owner.admin().apiKeys().revoke(old.apiKey().id()).revokedAt()).isEqualTo(clock.instant());
  }

  @Test
  void rotatingARevokedKeyIsConflict() {
    CreatedApiKey old = owner.admin().apiKeys().create(ws, "dead");
    owner.admin().apiKeys().revoke(old.apiKey().id());
    assertThatThrownBy(() -> owner.admin().apiKeys().rotate(old.apiKey().id(), 0))
        .isInstanceOfSatisfying(AdminGraphQLError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
  }

  @Test
  void revokeIsIdempotent() {
    CreatedApiKey key = owner.admin().apiKeys().create(ws, "twice");
    ApiKey first = owner.admin().apiKeys().revoke(key.apiKey().id());
    clock.advance(Duration.ofMinutes(5));
    ApiKey second = owner.admin().apiKeys().revoke(key.apiKey().id());
    assertThat(second).isEqualTo(first);
    assertThat(second.revokedAt()).isNotNull();
  }
}
