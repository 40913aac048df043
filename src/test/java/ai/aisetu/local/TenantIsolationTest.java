package ai.aisetu.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aisetu.admin.AdminGraphQLError;
import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.admin.ErrorCode;
import ai.aisetu.admin.model.CreatedApiKey;
import ai.aisetu.admin.model.Provider;
import ai.aisetu.admin.model.ProviderCredential;
import ai.aisetu.admin.model.Role;
import ai.aisetu.admin.model.UpsertProviderCredentialInput;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tenant B's PAT sees none of tenant A's objects: always NOT_FOUND, never FORBIDDEN. */
class TenantIsolationTest {
  private static LocalControlPlane plane;
  private static Fixture.Account a;
  private static Fixture.Account b;
  private static String workspaceA;
  private static CreatedApiKey keyA;
  private static ProviderCredential credentialA;
  private static String memberA;

  @BeforeAll
  static void start() {
    plane = LocalControlPlane.builder().inMemory().build().start();
    a = Fixture.signUp(plane, Fixture.email("tenant-a"));
    b = Fixture.signUp(plane, Fixture.email("tenant-b"));
    workspaceA = Fixture.defaultWorkspace(a);
    keyA = a.admin().apiKeys().create(workspaceA, "a's key");
    credentialA = a.admin().providerCredentials().upsert(UpsertProviderCredentialInput.builder(Provider.OPENAI)
        .slug("a-openai").apiKey("sk-aaaaaaaaaaaaaaaaaaaa").build());
    memberA = a.admin().workspaces().listMembers(workspaceA).get(0).id();
  }

  @AfterAll
  static void stop() {
    plane.close();
  }

  private static void notFound(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(AdminGraphQLError.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void workspaceListsShowOnlyTheOwnTenant() {
    assertThat(b.admin().workspaces().list()).extracting(w -> w.id()).doesNotContain(workspaceA);
  }

  @Test
  void workspaceReadsOfAnotherTenantAreNotFound() {
    AiSetuAdmin admin = b.admin();
    notFound(() -> admin.workspaces().get(workspaceA));
    notFound(() -> admin.workspaces().listMembers(workspaceA));
    notFound(() -> admin.apiKeys().list(workspaceA));
  }

  @Test
  void workspaceWritesOfAnotherTenantAreNotFound() {
    AiSetuAdmin admin = b.admin();
    notFound(() -> admin.workspaces().rename(workspaceA, "mine now"));
    notFound(() -> admin.workspaces().delete(workspaceA));
    notFound(() -> admin.apiKeys().create(workspaceA, "sneaky"));
    notFound(() -> admin.members().invite(workspaceA, "spy@example.com", Role.OWNER));
    notFound(() -> admin.members().setRole(workspaceA, memberA, Role.VIEWER));
    notFound(() -> admin.members().remove(workspaceA, memberA));
  }

  @Test
  void apiKeysOfAnotherTenantAreNotFound() {
    notFound(() -> b.admin().apiKeys().rotate(keyA.apiKey().id(), 0));
    notFound(() -> b.admin().apiKeys().revoke(keyA.apiKey().id()));
    assertThat(a.admin().apiKeys().list(workspaceA).get(0).revokedAt()).isNull();
  }

  @Test
  void billingAndUsageOfAnotherTenantAreNotFound() {
    AiSetuAdmin admin = b.admin();
    notFound(() -> admin.billing().creditBalance(a.tenantId()));
    notFound(() -> admin.billing().topUps(a.tenantId()));
    notFound(() -> admin.billing().createTopUpIntent(a.tenantId(), 1_000, "USD", null));
    notFound(() -> admin.usage().projection(a.tenantId()));
  }

  @Test
  void credentialsAndPatsOfAnotherTenantAreNotFound() {
    notFound(() -> b.admin().providerCredentials().test(credentialA.id()));
    notFound(() -> b.admin().providerCredentials().revoke(credentialA.id()));
    notFound(() -> b.admin().pats().revoke(a.login().token().id()));
    assertThat(b.admin().providerCredentials().list()).extracting(c -> c.id()).doesNotContain(credentialA.id());
    assertThat(b.admin().pats().list()).extracting(p -> p.id()).doesNotContain(a.login().token().id());
    a.admin().viewer();
  }

  @Test
  void sameSlugInAnotherTenantIsIndependent() {
    ProviderCredential mine = b.admin().providerCredentials().upsert(UpsertProviderCredentialInput
        .builder(Provider.ANTHROPIC).slug("a-openai").apiKey("sk-ant-bbbbbbbbbbbbbbbbbbbb").build());
    assertThat(mine.id()).isNotEqualTo(credentialA.id());
    assertThat(a.admin().providerCredentials().list().get(0).provider()).isEqualTo(Provider.OPENAI);
  }

}
