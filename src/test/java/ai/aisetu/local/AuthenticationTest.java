package ai.aisetu.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aisetu.admin.AdminGraphQLError;
import ai.aisetu.admin.AdminHttpError;
import ai.aisetu.admin.ErrorCode;
import ai.aisetu.admin.model.CreatedApiKey;
import ai.aisetu.admin.model.CreatedPersonalAccessToken;
import ai.aisetu.admin.model.PersonalAccessToken;
import ai.aisetu.local.token.TokenFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens, scopes and the HTTP status rules. */
class AuthenticationTest {
  private static final TestClock clock = new TestClock(Instant.parse("2026-12-04T10:00:00Z"));
  private static LocalControlPlane plane;
  private static RawGraphQL raw;

  @BeforeAll
  static void start() {
    plane = LocalControlPlane.builder().inMemory().clock(clock).build().start();
    raw = new RawGraphQL(plane.graphqlUri());
  }

  @AfterAll
  static void stop() {
    plane.close();
  }

  @Test
  void missingTokenIs401Unauthenticated() {
    RawGraphQL.Reply reply = raw.post(null, "{ workspaces { id } }");
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("UNAUTHENTICATED");
    assertThat(reply.message()).contains("Bearer tt_pat_");
  }

  @Test
  void malformedTokenIs401BeforeAnyLookup() {
    String pat = Fixture.signUp(plane, Fixture.email("typo")).pat();
    String typo = pat.substring(0, 10) + (pat.charAt(10) == 'a' ? 'b' : 'a') + pat.substring(11);
    RawGraphQL.Reply reply = raw.post(typo, "{ workspaces { id } }");
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.message()).contains("malformed");
  }

  @Test
  void unknownWellFormedTokenIs401() {
    RawGraphQL.Reply reply = raw.post(TokenFormat.mint(TokenFormat.PAT_PREFIX), "{ workspaces { id } }");
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void workspaceApiKeyIs401WithAdviceToUseAPat() {
    Fixture.Account account = Fixture.signUp(plane, Fixture.email("live"));
    CreatedApiKey key = account.admin().apiKeys().create(Fixture.defaultWorkspace(account), "inference");
    RawGraphQL.Reply reply = raw.post(key.secret(), "{ viewer { patId } }");
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("UNAUTHENTICATED");
    assertThat(reply.message()).isEqualTo("workspace API keys are for inference; use a personal access token (tt_pat_…)");
  }

  @Test
  void revokedPatIs401AtOnce() {
    Fixture.Account account = Fixture.signUp(plane, Fixture.email("revoked"));
    CreatedPersonalAccessToken second = account.admin().pats().create("second", List.of("admin:write"), null);
    account.admin().withPat(second.secret()).viewer();
    account.admin().pats().revoke(second.token().id());
    assertThatThrownBy(() -> account.admin().withPat(second.secret()).viewer())
        .isInstanceOfSatisfying(AdminHttpError.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThat(account.admin().viewer().patId()).isEqualTo(account.login().token().id());
  }

  @Test
  void expiredPatIs401() {
    Fixture.Account account = Fixture.signUp(plane, Fixture.email("expiring"));
    CreatedPersonalAccessToken day = account.admin().pats().create("one day", List.of("admin:read"), 1);
    assertThat(day.token().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(1)));
    account.admin().withPat(day.secret()).viewer();
    clock.advance(Duration.ofDays(1));
    try {
      assertThatThrownBy(() -> account.admin().withPat(day.secret()).viewer())
          .isInstanceOfSatisfying(AdminHttpError.class, e -> assertThat(e.status()).isEqualTo(401));
    } finally {
      clock.advance(Duration.ofDays(-1));
    }
  }

  @Test
  void readPatCannotMutate() {
    Fixture.Account account = Fixture.signIn(plane, Fixture.email("reader"), "reader", List.of("admin:read"));
    assertThat(account.admin().workspaces().list()).hasSize(1);
    assertThatThrownBy(() -> account.admin().workspaces().create("nope"))
        .isInstanceOfSatisfying(AdminGraphQLError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    assertThatThrownBy(() -> account.admin().pats().create("escalate", List.of("admin:write"), null))
        .isInstanceOfSatisfying(AdminGraphQLError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    assertThat(account.admin().workspaces().list()).hasSize(1);
  }

  @Test
  void writeScopeImpliesRead() {
    Fixture.Account account = Fixture.signIn(plane, Fixture.email("writer"), "writer", List.of("admin:write"));
    assertThat(account.admin().viewer().scopes()).containsExactly("admin:write");
    assertThat(account.admin().workspaces().list()).hasSize(1);
    CreatedPersonalAccessToken read = account.admin().pats().create("read only", List.of("admin:read"), null);
    assertThat(read.token().scopes()).containsExactly("admin:read");
  }

  @Test
  void lastUsedAtIsUpdatedOnUse() {
    Fixture.Account account = Fixture.signUp(plane, Fixture.email("used"));
    clock.advance(Duration.ofMinutes(3));
    account.admin().viewer();
    PersonalAccessToken pat = account.admin().pats().list().get(0);
    assertThat(pat.lastUsedAt()).isEqualTo(clock.instant());
  }

  @Test
  void patSecretIsShownOnceAndListsCarryOnlyTheHint() {
    Fixture.Account account = Fixture.signUp(plane, Fixture.email("once"));
    CreatedPersonalAccessToken created = account.admin().pats().create("ci", List.of("admin:read"), 30);
    assertThat(created.secret()).startsWith("tt_pat_");
    assertThat(created.token().keyHint()).isEqualTo(created.secret().substring(created.secret().length() - 4));
    RawGraphQL.Reply list = raw.post(account.pat(),
        "{ personalAccessTokens { id name scopes keyHint createdAt expiresAt lastUsedAt revokedAt } viewer { patId } }");
    assertThat(list.body().toString()).doesNotContain(created.secret()).doesNotContain(account.pat());
  }

  @Test
  void loginMutationsAndIntrospectionNeedNoToken() {
    assertThat(raw.post(null, "{ __schema { queryType { name } } }").status()).isEqualTo(200);
    RawGraphQL.Reply reply = raw.post(null, "mutation { requestLoginCode(email: \"intro@example.com\") { sent } }");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.data().path("requestLoginCode").path("sent").asBoolean()).isTrue();
  }

  @Test
  void publicMutationMixedWithAPrivateFieldNeedsAToken() {
    RawGraphQL.Reply reply = raw.post(null,
        "mutation { requestLoginCode(email: \"mix@example.com\") { sent } createWorkspace(name: \"x\") { id } }");
    assertThat(reply.status()).isEqualTo(401);
  }
}
