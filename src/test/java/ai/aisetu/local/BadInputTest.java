package ai.aisetu.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aisetu.admin.AdminGraphQLError;
import ai.aisetu.admin.ErrorCode;
import ai.aisetu.admin.model.Provider;
import ai.aisetu.admin.model.UpsertProviderCredentialInput;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation case is BAD_USER_INPUT naming the argument, and changes nothing in the store. */
class BadInputTest {
  /** The clock stands still, so even lastUsedAt is rewritten with the same value. */
  private static final TestClock clock = new TestClock(Instant.parse("2026-12-04T10:00:00Z"));
  private static LocalControlPlane plane;
  private static Fixture.Account account;
  private static String ws;
  private static String keyId;
  private static String memberId;

  interface Call {
    void run(Fixture.Account account);
  }

  @BeforeAll
  static void start() {
    plane = LocalControlPlane.builder().inMemory().clock(clock).build().start();
    account = Fixture.signUp(plane, Fixture.email("validator"));
    ws = Fixture.defaultWorkspace(account);
    keyId = account.admin().apiKeys().create(ws, "existing").apiKey().id();
    memberId = account.admin().workspaces().listMembers(ws).get(0).id();
  }

  @AfterAll
  static void stop() {
    plane.close();
  }

  private static UpsertProviderCredentialInput.Builder openAi() {
    return UpsertProviderCredentialInput.builder(Provider.OPENAI).slug("good-slug");
  }

  private static UpsertProviderCredentialInput.Builder bedrock() {
    return UpsertProviderCredentialInput.builder(Provider.BEDROCK).slug("aws").awsAccessKeyId("AKIAIOSFODNN7EXAMPLE")
        .awsSecretAccessKey("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY").awsRegion("us-west-2");
  }

  static Stream<Arguments> cases() {
    String longName = "x".repeat(65);
    return Stream.of(
        Arguments.of("empty workspace name", "name", (Call) a -> a.admin().workspaces().create("")),
        Arguments.of("blank workspace name", "name", (Call) a -> a.admin().workspaces().create("   ")),
        Arguments.of("65-char workspace name", "name", (Call) a -> a.admin().workspaces().create(longName)),
        Arguments.of("65-char rename", "name", (Call) a -> a.admin().workspaces().rename(ws, longName)),
        Arguments.of("empty api key name", "name", (Call) a -> a.admin().apiKeys().create(ws, "")),
        Arguments.of("bad invite email", "email", (Call) a -> a.admin().members().invite(ws, "not-an-email", null)),
        Arguments.of("amount below 500", "amountCents",
            (Call) a -> a.admin().billing().createTopUpIntent(a.tenantId(), 499, "USD", null)),
        Arguments.of("amount above 1000000", "amountCents",
            (Call) a -> a.admin().billing().createTopUpIntent(a.tenantId(), 1_000_001, "USD", null)),
        Arguments.of("bad currency", "currency",
            (Call) a -> a.admin().billing().createTopUpIntent(a.tenantId(), 1_000, "EUR", null)),
        Arguments.of("empty idempotency key", "idempotencyKey",
            (Call) a -> a.admin().billing().createTopUpIntent(a.tenantId(), 1_000, "USD", "")),
        Arguments.of("256-char idempotency key", "idempotencyKey",
            (Call) a -> a.admin().billing().createTopUpIntent(a.tenantId(), 1_000, "USD", "k".repeat(256))),
        Arguments.of("no scopes", "scopes", (Call) a -> a.admin().pats().create("pat", List.of(), null)),
        Arguments.of("unknown scope", "scopes", (Call) a -> a.admin().pats().create("pat", List.of("admin:all"), null)),
        Arguments.of("expiresInDays 0", "expiresInDays",
            (Call) a -> a.admin().pats().create("pat", List.of("admin:read"), 0)),
        Arguments.of("expiresInDays 366", "expiresInDays",
            (Call) a -> a.admin().pats().create("pat", List.of("admin:read"), 366)),
        Arguments.of("empty pat name", "name", (Call) a -> a.admin().pats().create("", List.of("admin:read"), null)),
        Arguments.of("grace -1", "gracePeriodSeconds", (Call) a -> a.admin().apiKeys().rotate(keyId, -1)),
        Arguments.of("grace 86401", "gracePeriodSeconds", (Call) a -> a.admin().apiKeys().rotate(keyId, 86_401)),
        Arguments.of("bad slug", "slug", (Call) a -> a.admin().providerCredentials().upsert(
            openAi().slug("Bad_Slug").apiKey("sk-000000000000000000").build())),
        Arguments.of("one-char slug", "slug", (Call) a -> a.admin().providerCredentials().upsert(
            openAi().slug("a").apiKey("sk-000000000000000000").build())),
        Arguments.of("label that makes no slug", "label", (Call) a -> a.admin().providerCredentials().upsert(
            UpsertProviderCredentialInput.builder(Provider.OPENAI).label("!!!").apiKey("sk-000000000000000000").build())),
        Arguments.of("neither slug nor label", "slug", (Call) a -> a.admin().providerCredentials().upsert(
            UpsertProviderCredentialInput.builder(Provider.OPENAI).apiKey("sk-000000000000000000").build())),
        Arguments.of("OpenAI without apiKey", "apiKey", (Call) a -> a.admin().providerCredentials().upsert(
            openAi().build())),
        Arguments.of("Anthropic without apiKey", "apiKey", (Call) a -> a.admin().providerCredentials().upsert(
            UpsertProviderCredentialInput.builder(Provider.ANTHROPIC).slug("claude").build())),
        Arguments.of("OpenAI with an AWS field", "awsRegion", (Call) a -> a.admin().providerCredentials().upsert(
            openAi().apiKey("sk-000000000000000000").awsRegion("us-west-2").build())),
        Arguments.of("Bedrock with apiKey", "apiKey", (Call) a -> a.admin().providerCredentials().upsert(
            bedrock().apiKey("sk-000000000000000000").build())),
        Arguments.of("Bedrock without region", "awsRegion", (Call) a -> a.admin().providerCredentials().upsert(
            bedrock().awsRegion(null).build())),
        Arguments.of("Bedrock with a bad region", "awsRegion", (Call) a -> a.admin().providerCredentials().upsert(
            bedrock().awsRegion("moon-1").build())),
        Arguments.of("Bedrock without secret", "awsSecretAccessKey", (Call) a -> a.admin().providerCredentials().upsert(
            bedrock().awsSecretAccessKey(null).build())),
        Arguments.of("Bedrock with a bad access key id", "awsAccessKeyId", (Call) a -> a.admin().providerCredentials()
            .upsert(bedrock().awsAccessKeyId("akia lower").build())),
        Arguments.of("bad login email", "email", (Call) a -> Fixture.anonymous(plane).requestLoginCode("nobody")),
        Arguments.of("login code not six digits", "code",
            (Call) a -> Fixture.anonymous(plane).verifyLoginCode(a.email(), "12ab", null, null)),
        Arguments.of("login with unknown scope", "scopes",
            (Call) a -> Fixture.anonymous(plane).verifyLoginCode(a.email(), "123456", null, List.of("root"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputNamesTheFieldAndChangesNothing(String label, String field, Call call) {
    account.admin().viewer();
    Map<String, List<String>> before = plane.snapshot();
    assertThatThrownBy(() -> call.run(account)).isInstanceOfSatisfying(AdminGraphQLError.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.BAD_USER_INPUT);
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.message()).contains(field);
    });
    assertThat(plane.snapshot()).isEqualTo(before);
  }

  @Test
  void badRoleNamesTheRoleArgument() {
    RawGraphQL raw = new RawGraphQL(plane.graphqlUri());
    Map<String, List<String>> before = plane.snapshot();
    RawGraphQL.Reply invite = raw.post(account.pat(),
        "mutation($w: ID!, $e: String!, $r: Role) { inviteMember(workspaceId: $w, email: $e, role: $r) { id } }",
        "w", ws, "e", "someone@example.com", "r", "BOSS");
    assertThat(invite.code()).isEqualTo("BAD_USER_INPUT");
    assertThat(invite.field()).isEqualTo("role");
    RawGraphQL.Reply setRole = raw.post(account.pat(),
        "mutation { setMemberRole(workspaceId: \"" + ws + "\", memberId: \"" + memberId + "\", role: KING) { id } }");
    assertThat(setRole.code()).isEqualTo("BAD_USER_INPUT");
    assertThat(setRole.field()).isEqualTo("role");
    assertThat(plane.snapshot()).isEqualTo(before);
  }

  @Test
  void badProviderNamesTheProviderField() {
    RawGraphQL.Reply reply = new RawGraphQL(plane.graphqlUri()).post(account.pat(),
        "mutation($i: UpsertProviderCredentialInput!) { upsertProviderCredential(input: $i) { id } }",
        "i", Map.of("provider", "GEMINI", "slug", "gem", "apiKey", "x"));
    assertThat(reply.code()).isEqualTo("BAD_USER_INPUT");
    assertThat(reply.field()).isEqualTo("input");
  }
}
