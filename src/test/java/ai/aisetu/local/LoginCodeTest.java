package ai.aisetu.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aisetu.admin.AdminGraphQLError;
import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.admin.ErrorCode;
import ai.aisetu.admin.model.LoginCodeRequest;
import ai.aisetu.admin.model.LoginResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in by one-time code, the outbox, and onboarding. */
class LoginCodeTest {
  private static final TestClock clock = new TestClock(Instant.parse("2026-12-04T10:00:00Z"));
  @TempDir static Path outbox;
  private static LocalControlPlane plane;
  private static AiSetuAdmin anonymous;

  @BeforeAll
  static void start() {
    plane = LocalControlPlane.builder().inMemory().clock(clock).outboxDir(outbox).build().start();
    anonymous = Fixture.anonymous(plane);
  }

  @AfterAll
  static void stop() {
    plane.close();
  }

  private static String wrong(String code) {
    return code.equals("000000") ? "000001" : "000000";
  }

  private static void fails(ErrorCode code, Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(AdminGraphQLError.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void requestAnswersTheSameForKnownAndUnknownEmails() {
    String known = Fixture.signUp(plane, Fixture.email("known")).email();
    RawGraphQL raw = new RawGraphQL(plane.graphqlUri());
    String mutation = "mutation($e: String!) { requestLoginCode(email: $e) { sent expiresInSeconds } }";
    RawGraphQL.Reply forKnown = raw.post(null, mutation, "e", known);
    RawGraphQL.Reply forUnknown = raw.post(null, mutation, "e", Fixture.email("stranger"));
    assertThat(forKnown.status()).isEqualTo(forUnknown.status()).isEqualTo(200);
    assertThat(forKnown.body()).isEqualTo(forUnknown.body());
    assertThat(forKnown.data().path("requestLoginCode").path("expiresInSeconds").asInt()).isEqualTo(600);
  }

  @Test
  void codeIsSixDigitsDeliveredAsAFileInTheOutbox() throws IOException {
    String email = Fixture.email("mail");
    anonymous.requestLoginCode(email);
    String code = plane.latestLoginCode(email).orElseThrow();
    assertThat(code).matches("\\d{6}");
    try (Stream<Path> files = Files.list(outbox)) {
      assertThat(files.map(f -> {
        try {
          return Files.readString(f);
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      }).filter(text -> text.contains("To: " + email))).singleElement().asString().contains(code);
    }
  }

  @Test
  void outboxPagesListTheMessage() throws IOException {
    String email = Fixture.email("page");
    anonymous.requestLoginCode(email);
    String code = plane.latestLoginCode(email).orElseThrow();
    try (Response html = RawGraphQL.HTTP.newCall(new Request.Builder().url(plane.outboxUri().toString()).build()).execute()) {
      assertThat(html.header("Content-Type")).startsWith("text/html");
      assertThat(html.body().string()).contains(email).contains(code);
    }
    String json = plane.baseUri() + "/outbox.json";
    try (Response response = RawGraphQL.HTTP.newCall(new Request.Builder().url(json).build()).execute()) {
      JsonNode messages = RawGraphQL.JSON.readTree(response.body().string());
      assertThat(messages.get(0).path("to").asText()).isEqualTo(email);
      assertThat(messages.get(0).path("body").asText()).contains(code);
    }
  }

  @Test
  void unknownEmailBecomesUserTenantAndDefaultWorkspaceWithADefaultPat() {
    String email = Fixture.email("newcomer");
    anonymous.requestLoginCode(email);
    LoginResult login = anonymous.verifyLoginCode(email, plane.latestLoginCode(email).orElseThrow(), null, null);
    assertThat(login.user().email()).isEqualTo(email);
    assertThat(login.token().name()).isEqualTo("ai-setu-mcp");
    assertThat(login.token().scopes()).containsExactly("admin:read", "admin:write");
    assertThat(login.secret()).startsWith("tt_pat_");
    AiSetuAdmin admin = anonymous.withPat(login.secret());
    assertThat(admin.viewer().tenant().id()).isEqualTo(login.tenant().id());
    assertThat(admin.workspaces().list()).extracting(w -> w.name()).containsExactly("default");
  }

  @Test
  void knownEmailSignsIntoTheSameTenantWithANamedPat() {
    Fixture.Account first = Fixture.signUp(plane, Fixture.email("returning"));
    Fixture.Account again = Fixture.signIn(plane, first.email(), "laptop", List.of("admin:read"));
    assertThat(again.login().user().id()).isEqualTo(first.login().user().id());
    assertThat(again.tenantId()).isEqualTo(first.tenantId());
    assertThat(again.login().token().name()).isEqualTo("laptop");
    assertThat(again.login().token().scopes()).containsExactly("admin:read");
    assertThat(again.admin().workspaces().list()).hasSize(1);
  }

  @Test
  void codeWorksOnce() {
    String email = Fixture.email("once");
    anonymous.requestLoginCode(email);
    String code = plane.latestLoginCode(email).orElseThrow();
    anonymous.verifyLoginCode(email, code, null, null);
    fails(ErrorCode.BAD_USER_INPUT, () -> anonymous.verifyLoginCode(email, code, null, null));
  }

  @Test
  void wrongCodeNamesTheCodeField() {
    String email = Fixture.email("wrong");
    anonymous.requestLoginCode(email);
    String code = plane.latestLoginCode(email).orElseThrow();
    assertThatThrownBy(() -> anonymous.verifyLoginCode(email, wrong(code), null, null))
        .isInstanceOfSatisfying(AdminGraphQLError.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BAD_USER_INPUT);
          assertThat(e.field()).isEqualTo("code");
          assertThat(e.message()).contains("4 attempts left");
        });
    assertThat(anonymous.verifyLoginCode(email, code, null, null).user().email()).isEqualTo(email);
  }

  @Test
  void fiveWrongAttemptsKillTheCode() {
    String email = Fixture.email("guesser");
    anonymous.requestLoginCode(email);
    String code = plane.latestLoginCode(email).orElseThrow();
    for (int i = 0; i < 4; i++) fails(ErrorCode.BAD_USER_INPUT, () -> anonymous.verifyLoginCode(email, wrong(code), null, null));
    fails(ErrorCode.RATE_LIMITED, () -> anonymous.verifyLoginCode(email, wrong(code), null, null));
    fails(ErrorCode.RATE_LIMITED, () -> anonymous.verifyLoginCode(email, code, null, null));
    anonymous.requestLoginCode(email);
    String fresh = plane.latestLoginCode(email).orElseThrow();
    assertThat(anonymous.verifyLoginCode(email, fresh, null, null).user().email()).isEqualTo(email);
  }

  @Test
  void codeExpiresAfterTenMinutes() {
    String email = Fixture.email("slow");
    anonymous.requestLoginCode(email);
    String code = plane.latestLoginCode(email).orElseThrow();
    clock.advance(Duration.ofMinutes(10));
    fails(ErrorCode.BAD_USER_INPUT, () -> anonymous.verifyLoginCode(email, code, null, null));
  }

  @Test
  void codeIsStillValidJustBeforeTenMinutes() {
    String email = Fixture.email("prompt");
    anonymous.requestLoginCode(email);
    String code = plane.latestLoginCode(email).orElseThrow();
    clock.advance(Duration.ofMinutes(10).minusSeconds(1));
    assertThat(anonymous.verifyLoginCode(email, code, null, null).user().email()).isEqualTo(email);
  }

  @Test
  void newCodeSupersedesTheOldOne() {
    String email = Fixture.email("twice");
    anonymous.requestLoginCode(email);
    String old = plane.latestLoginCode(email).orElseThrow();
    anonymous.requestLoginCode(email);
    String fresh = plane.latestLoginCode(email).orElseThrow();
    if (!old.equals(fresh)) fails(ErrorCode.BAD_USER_INPUT, () -> anonymous.verifyLoginCode(email, old, null, null));
    assertThat(anonymous.verifyLoginCode(email, fresh, null, null).user().email()).isEqualTo(email);
  }

  @Test
  void tooManyRequestsPerEmailAreRateLimited() {
    String email = Fixture.email("spammy");
    for (int i = 0; i < 5; i++) anonymous.requestLoginCode(email);
    assertThatThrownBy(() -> anonymous.requestLoginCode(email)).isInstanceOfSatisfying(AdminGraphQLError.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
      assertThat(e.retryAfterSeconds()).isBetween(1, 601);
    });
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    LoginCodeRequest again = anonymous.requestLoginCode(email);
    assertThat(again.sent()).isTrue();
  }

  @Test
  void codesAreStoredHashed() {
    String email = Fixture.email("hashed");
    anonymous.requestLoginCode(email);
    String code = plane.latestLoginCode(email).orElseThrow();
    assertThat(plane.snapshot().get("login_codes")).filteredOn(row -> row.contains(email))
        .singleElement().asString().doesNotContain("|" + code + "|");
  }
}
