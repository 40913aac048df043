package ai.aisetu.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aisetu.admin.AdminGraphQLError;
import ai.aisetu.admin.ErrorCode;
import ai.aisetu.admin.model.Provider;
import ai.aisetu.admin.model.ProviderAvailability;
import ai.aisetu.admin.model.ProviderCredential;
import ai.aisetu.admin.model.ProviderCredentialTest;
import ai.aisetu.admin.model.UpsertProviderCredentialInput;
import ai.aisetu.local.byok.Upstreams;
import ai.aisetu.local.fakes.FakeAnthropic;
import ai.aisetu.local.fakes.FakeOpenAi;
import ai.aisetu.local.fakes.FakeSts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** BYOK connections: slug rules, once-only secrets, and tests against fake upstreams. */
class ProviderCredentialsTest {
  private static final String OPENAI_KEY = "sk-proj-good0000000000000000000000";
  private static final String ANTHROPIC_KEY = "sk-ant-api03-good000000000000000000";
  private static final String AWS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final TestClock clock = new TestClock(Instant.ofEpochMilli(System.currentTimeMillis()));

  private static final FakeOpenAi openAi = new FakeOpenAi(OPENAI_KEY);
  private static final FakeAnthropic anthropic = new FakeAnthropic(ANTHROPIC_KEY);
  private static final FakeSts sts = new FakeSts(AWS_KEY_ID, AWS_SECRET);
  private static LocalControlPlane plane;
  private static Fixture.Account account;

  @BeforeAll
  static void start() {
    openAi.start();
    anthropic.start();
    sts.start();
    plane = LocalControlPlane.builder().inMemory().clock(clock)
        .upstreams(Upstreams.defaults().withOpenai(openAi.baseUri()).withAnthropic(anthropic.baseUri())
            .withSts(sts.baseUri()))
        .build().start();
    account = Fixture.signUp(plane, Fixture.email("byok"));
  }

  @AfterAll
  static void stop() {
    plane.close();
    openAi.close();
    anthropic.close();
    sts.close();
  }

  private static ProviderCredential upsert(UpsertProviderCredentialInput input) {
    return account.admin().providerCredentials().upsert(input);
  }

  private static UpsertProviderCredentialInput openAi(String slug, String key) {
    return UpsertProviderCredentialInput.builder(Provider.OPENAI).slug(slug).apiKey(key).build();
  }

  private static UpsertProviderCredentialInput bedrock(String slug, String secret) {
    return UpsertProviderCredentialInput.builder(Provider.BEDROCK).slug(slug).awsAccessKeyId(AWS_KEY_ID)
        .awsSecretAccessKey(secret).awsRegion("us-west-2").build();
  }

  @Test
  void availabilityNamesTheFieldsEachProviderNeeds() {
    assertThat(account.admin().providerCredentials().availability()).containsExactly(
        new ProviderAvailability(Provider.OPENAI, true, List.of("apiKey")),
        new ProviderAvailability(Provider.ANTHROPIC, true, List.of("apiKey")),
        new ProviderAvailability(Provider.BEDROCK, true, List.of("awsAccessKeyId", "awsSecretAccessKey", "awsRegion")));
  }

  @Test
  void upsertReturnsOnlyTheHintAndNoQueryReturnsTheSecret() {
    ProviderCredential created = upsert(openAi("hint-only", OPENAI_KEY));
    assertThat(created.slug()).isEqualTo("hint-only");
    assertThat(created.keyHint()).isEqualTo(OPENAI_KEY.substring(OPENAI_KEY.length() - 4));
    RawGraphQL.Reply list = new RawGraphQL(plane.graphqlUri()).post(account.pat(),
        "{ providerCredentials { id provider slug keyHint awsAccessKeyId awsRegion createdAt updatedAt lastTestedAt revokedAt } }");
    assertThat(list.body().toString()).contains(created.id()).doesNotContain(OPENAI_KEY);
  }

  @Test
  void sameSlugReplacesTheSecret() {
    ProviderCredential first = upsert(openAi("replace-me", "sk-first-000000000000000001"));
    clock.advance(Duration.ofSeconds(5));
    ProviderCredential second = upsert(openAi("replace-me", "sk-second-00000000000000002"));
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.keyHint()).isEqualTo("0002");
    assertThat(second.updatedAt()).isAfter(first.updatedAt());
    assertThat(account.admin().providerCredentials().list()).filteredOn(c -> c.slug().equals("replace-me")).hasSize(1);
  }

  @Test
  void sameSlugForAnotherProviderIsConflict() {
    upsert(openAi("taken", OPENAI_KEY));
    assertThatThrownBy(() -> upsert(UpsertProviderCredentialInput.builder(Provider.ANTHROPIC).slug("taken")
        .apiKey(ANTHROPIC_KEY).build()))
        .isInstanceOfSatisfying(AdminGraphQLError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
  }

  @Test
  void labelWithoutSlugDerivesTheSlug() {
    ProviderCredential derived = upsert(UpsertProviderCredentialInput.builder(Provider.OPENAI)
        .label("  My OpenAI (Prod)!  ").apiKey(OPENAI_KEY).build());
    assertThat(derived.slug()).isEqualTo("my-openai-prod");
  }

  @Test
  void slugWinsOverLabel() {
    ProviderCredential both = upsert(UpsertProviderCredentialInput.builder(Provider.OPENAI)
        .slug("the-slug").label("The Label").apiKey(OPENAI_KEY).build());
    assertThat(both.slug()).isEqualTo("the-slug");
  }

  @Test
  void bedrockKeepsTheAccessKeyIdAndRegionButNotTheSecret() {
    ProviderCredential aws = upsert(bedrock("aws-shape", AWS_SECRET));
    assertThat(aws.awsAccessKeyId()).isEqualTo(AWS_KEY_ID);
    assertThat(aws.awsRegion()).isEqualTo("us-west-2");
    assertThat(aws.keyHint()).isEqualTo("EKEY");
  }

  @Test
  void openAiTestWithAGoodKeyIsOkAndSetsLastTestedAt() {
    ProviderCredential credential = upsert(openAi("openai-ok", OPENAI_KEY));
    ProviderCredentialTest test = account.admin().providerCredentials().test(credential.id());
    assertThat(test.ok()).isTrue();
    assertThat(test.testedAt()).isEqualTo(clock.instant());
    assertThat(account.admin().providerCredentials().list()).filteredOn(c -> c.id().equals(credential.id()))
        .singleElement().extracting(ProviderCredential::lastTestedAt).isEqualTo(clock.instant());
  }

  @Test
  void openAiTestWithARejectedKeyIsNotOk() {
    ProviderCredential credential = upsert(openAi("openai-bad", "sk-proj-wrong000000000000000000"));
    ProviderCredentialTest test = account.admin().providerCredentials().test(credential.id());
    assertThat(test.ok()).isFalse();
    assertThat(test.message()).doesNotContain("sk-proj-wrong");
  }

  @Test
  void anthropicTestChecksTheKey() {
    ProviderCredential good = upsert(UpsertProviderCredentialInput.builder(Provider.ANTHROPIC).slug("claude-ok")
        .apiKey(ANTHROPIC_KEY).build());
    ProviderCredential bad = upsert(UpsertProviderCredentialInput.builder(Provider.ANTHROPIC).slug("claude-bad")
        .apiKey("sk-ant-api03-wrong00000000000000000").build());
    assertThat(account.admin().providerCredentials().test(good.id()).ok()).isTrue();
    assertThat(account.admin().providerCredentials().test(bad.id()).ok()).isFalse();
  }

  @Test
  void bedrockTestIsVerifiedBySigV4AtTheFakeSts() {
    ProviderCredential good = upsert(bedrock("aws-ok", AWS_SECRET));
    ProviderCredential bad = upsert(bedrock("aws-bad", "wrongSecretwrongSecretwrongSecretwrong00"));
    assertThat(account.admin().providerCredentials().test(good.id()).ok()).isTrue();
    assertThat(sts.lastRegion()).isEqualTo("us-west-2");
    assertThat(account.admin().providerCredentials().test(bad.id()).ok()).isFalse();
  }

  @Test
  void unreachableUpstreamIsNotOkWithAPlainMessage() {
    FakeOpenAi gone = new FakeOpenAi(OPENAI_KEY);
    gone.start();
    gone.close();
    try (LocalControlPlane isolated = LocalControlPlane.builder().inMemory()
        .upstreams(Upstreams.defaults().withOpenai(gone.baseUri())).build().start()) {
      Fixture.Account user = Fixture.signUp(isolated, Fixture.email("offline"));
      ProviderCredential credential = user.admin().providerCredentials().upsert(openAi("offline", OPENAI_KEY));
      ProviderCredentialTest test = user.admin().providerCredentials().test(credential.id());
      assertThat(test.ok()).isFalse();
      assertThat(test.message()).startsWith("could not reach OpenAI");
    }
  }

  @Test
  void revokeDestroysTheSecretAndIsIdempotent() {
    ProviderCredential credential = upsert(openAi("to-revoke", OPENAI_KEY));
    ProviderCredential revoked = account.admin().providerCredentials().revoke(credential.id());
    assertThat(revoked.revokedAt()).isNotNull();
    clock.advance(Duration.ofSeconds(1));
    assertThat(account.admin().providerCredentials().revoke(credential.id())).isEqualTo(revoked);
    assertThat(plane.snapshot().get("provider_credentials")).filteredOn(row -> row.startsWith(credential.id()))
        .singleElement().asString().contains("|null|");
    assertThatThrownBy(() -> account.admin().providerCredentials().test(credential.id()))
        .isInstanceOfSatisfying(AdminGraphQLError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
  }

  @Test
  void revokedSlugCanBeUpsertedAgain() {
    ProviderCredential credential = upsert(openAi("phoenix", OPENAI_KEY));
    account.admin().providerCredentials().revoke(credential.id());
    ProviderCredential reborn = upsert(openAi("phoenix", OPENAI_KEY));
    assertThat(reborn.id()).isEqualTo(credential.id());
    assertThat(reborn.revokedAt()).isNull();
    assertThat(account.admin().providerCredentials().test(reborn.id()).ok()).isTrue();
  }
}
