package ai.aisetu.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aisetu.admin.AdminGraphQLError;
import ai.aisetu.admin.ErrorCode;
import ai.aisetu.admin.model.Role;
import ai.aisetu.admin.model.TopUpIntent;
import ai.aisetu.admin.model.TopUpStatus;
import ai.aisetu.admin.model.UsageProjection;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Credit balance, top-up intents and the checkout page, the usage projection. */
class BillingTest {
  private static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");
  private static final TestClock clock = new TestClock(NOW);
  private static LocalControlPlane plane;

  @BeforeAll
  static void start() {
    plane = LocalControlPlane.builder().inMemory().clock(clock).build().start();
  }

  @AfterAll
  static void stop() {
    plane.close();
  }

  private static String get(String url) throws IOException {
    try (Response response = RawGraphQL.HTTP.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      return response.body().string();
    }
  }

  private static int pay(String url, String token) throws IOException {
    Request request = new Request.Builder().url(url).post(new FormBody.Builder().add("token", token).build()).build();
    try (Response response = RawGraphQL.HTTP.newCall(request).execute()) {
      return response.code();
    }
  }

  private static String formToken(String page) {
    Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).as("the page has a pay form").isTrue();
    return m.group(1);
  }

  @Test
  void newTenantHasAZeroUsdBalance() {
    Fixture.Account account = Fixture.signUp(plane, Fixture.email("zero"));
    var balance = account.admin().billing().creditBalance(account.tenantId());
    assertThat(balance.balanceCents()).isZero();
    assertThat(balance.currency()).isEqualTo("USD");
  }

  @Test
  void topUpIntentIsPendingWithALoopbackCheckoutUrl() {
    Fixture.Account account = Fixture.signUp(plane, Fixture.email("topup"));
    TopUpIntent intent = account.admin().billing().createTopUpIntent(account.tenantId(), 2_500, null, null);
    assertThat(intent.status()).isEqualTo(TopUpStatus.PENDING);
    assertThat(intent.amountCents()).isEqualTo(2_500);
    assertThat(intent.currency()).isEqualTo("USD");
    assertThat(intent.checkoutUrl()).isEqualTo(plane.baseUri() + "/checkout/" + intent.id());
  }

  @Test
  void sameIdempotencyKeyReturnsTheSameIntent() {
    Fixture.Account account = Fixture.signUp(plane, Fixture.email("idem"));
    TopUpIntent first = account.admin().billing().createTopUpIntent(account.tenantId(), 1_000, "USD", "order-42");
    TopUpIntent second = account.admin().billing().createTopUpIntent(account.tenantId(), 1_000, "USD", "order-42");
    assertThat(second).isEqualTo(first);
    assertThat(account.admin().billing().topUps(account.tenantId())).hasSize(1);
  }

  @Test
  void concurrentRequestsWithOneIdempotencyKeyMakeOneIntent() throws Exception {
    Fixture.Account account = Fixture.signUp(plane, Fixture.email("racer"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> ids = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ids.add(pool.submit(() -> {
          go.await();
          return account.admin().billing().createTopUpIntent(account.tenantId(), 900, "USD", "race").id();
        }));
      }
      go.countDown();
      Set<String> distinct = new HashSet<>();
      for (var id : ids) distinct.add(id.get(10, TimeUnit.SECONDS));
      assertThat(distinct).hasSize(1);
      assertThat(account.admin().billing().topUps(account.tenantId())).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void sameIdempotencyKeyWithAnotherAmountIsConflict() {
    Fixture.Account account = Fixture.signUp(plane, Fixture.email("idem"));
    account.admin().billing().createTopUpIntent(account.tenantId(), 1_000, "USD", "order-7");
    assertThatThrownBy(() -> account.admin().billing().createTopUpIntent(account.tenantId(), 2_000, "USD", "order-7"))
        .isInstanceOfSatisfying(AdminGraphQLError.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
          assertThat(e.field()).isEqualTo("idempotencyKey");
        });
  }

  @Test
  void topUpsAreListedNewestFirst() {
    Fixture.Account account = Fixture.signUp(plane, Fixture.email("list"));
    TopUpIntent first = account.admin().billing().createTopUpIntent(account.tenantId(), 500, null, null);
    clock.advance(Duration.ofSeconds(1));
    TopUpIntent second = account.admin().billing().createTopUpIntent(account.tenantId(), 600, null, null);
    assertThat(account.admin().billing().topUps(account.tenantId())).extracting(TopUpIntent::id)
        .containsExactly(second.id(), first.id());
  }

  @Test
  void checkoutPayButtonCompletesTheIntentAndCreditsTheBalanceOnce() throws IOException {
    Fixture.Account account = Fixture.signUp(plane, Fixture.email("payer"));
    TopUpIntent intent = account.admin().billing().createTopUpIntent(account.tenantId(), 12_345, null, null);
    String page = get(intent.checkoutUrl());
    assertThat(page).contains("$123.45").contains("Pay");
    String token = formToken(page);
    assertThat(pay(intent.checkoutUrl(), token)).isEqualTo(200);
    assertThat(pay(intent.checkoutUrl(), token)).isEqualTo(200);
    TopUpIntent paid = account.admin().billing().topUps(account.tenantId()).get(0);
    assertThat(paid.status()).isEqualTo(TopUpStatus.SUCCEEDED);
    assertThat(paid.completedAt()).isEqualTo(clock.instant());
    assertThat(account.admin().billing().creditBalance(account.tenantId()).balanceCents()).isEqualTo(12_345);
  }

  @Test
  void forgedPayPostIsRefusedAndCreditsNothing() throws IOException {
    Fixture.Account account = Fixture.signUp(plane, Fixture.email("forger"));
    TopUpIntent intent = account.admin().billing().createTopUpIntent(account.tenantId(), 50_000, null, null);
    assertThat(pay(intent.checkoutUrl(), "guessed-token")).isEqualTo(403);
    assertThat(pay(intent.checkoutUrl(), "")).isEqualTo(403);
    assertThat(account.admin().billing().topUps(account.tenantId()).get(0).status()).isEqualTo(TopUpStatus.PENDING);
    assertThat(account.admin().billing().creditBalance(account.tenantId()).balanceCents()).isZero();
  }

  @Test
  void unpaidIntentExpiresAfterADay() throws IOException {
    Fixture.Account account = Fixture.signUp(plane, Fixture.email("late"));
    TopUpIntent intent = account.admin().billing().createTopUpIntent(account.tenantId(), 700, null, null);
    String token = formToken(get(intent.checkoutUrl()));
    clock.advance(Duration.ofHours(24));
    try {
      assertThat(account.admin().billing().topUps(account.tenantId()).get(0).status()).isEqualTo(TopUpStatus.EXPIRED);
      assertThat(pay(intent.checkoutUrl(), token)).isEqualTo(409);
      assertThat(account.admin().billing().creditBalance(account.tenantId()).balanceCents()).isZero();
    } finally {
      clock.advance(Duration.ofHours(-24));
    }
  }

  @Test
  void memberWithoutAdminRoleCannotTopUp() {
    Fixture.Account owner = Fixture.signUp(plane, Fixture.email("owner"));
    String viewerEmail = Fixture.email("viewer");
    owner.admin().members().invite(Fixture.defaultWorkspace(owner), viewerEmail, Role.VIEWER);
    Fixture.Account viewer = Fixture.signUp(plane, viewerEmail);
    assertThatThrownBy(() -> viewer.admin().billing().createTopUpIntent(owner.tenantId(), 1_000, null, null))
        .isInstanceOfSatisfying(AdminGraphQLError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    assertThat(viewer.admin().billing().creditBalance(owner.tenantId()).balanceCents()).isZero();
  }

  @Test
  void projectionWithoutSpendHasNoRunway() {
    Fixture.Account account = Fixture.signUp(plane, Fixture.email("idle"));
    UsageProjection p = account.admin().usage().projection(account.tenantId());
    assertThat(p.periodStart()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(p.periodEnd()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(p.spentToDateCents()).isZero();
    assertThat(p.dailyBurnCents()).isZero();
    assertThat(p.projectedPeriodTotalCents()).isZero();
    assertThat(p.runwayDays()).isNull();
    assertThat(p.asOf()).isEqualTo(clock.instant());
  }

  @Test
  void projectionArithmeticWithAFixedClock() throws IOException {
    Fixture.Account account = Fixture.signUp(plane, Fixture.email("spender"));
    TopUpIntent intent = account.admin().billing().createTopUpIntent(account.tenantId(), 100_000, null, null);
    pay(intent.checkoutUrl(), formToken(get(intent.checkoutUrl())));
    Instant now = clock.instant(); // 2026-12-10T12:00Z: 21 whole days left after today
    plane.seedUsage(account.tenantId(), 5_000, Instant.parse("2026-11-30T23:00:00Z")); // last month
    plane.seedUsage(account.tenantId(), 1_000, Instant.parse("2026-12-02T00:00:00Z")); // this month, before the window
    plane.seedUsage(account.tenantId(), 700, now.minus(Duration.ofDays(6)));
    plane.seedUsage(account.tenantId(), 300, now.minus(Duration.ofHours(1)));
    plane.seedUsage(account.tenantId(), 4, now);
    UsageProjection p = account.admin().usage().projection(account.tenantId());
    assertThat(p.spentToDateCents()).isEqualTo(1_000 + 700 + 300 + 4);
    assertThat(p.dailyBurnCents()).isEqualTo((700 + 300 + 4) / 7); // 143, rounded down
    assertThat(p.projectedPeriodTotalCents()).isEqualTo(2_004 + 143 * 21);
    long balance = 100_000 - 5_000 - 1_000 - 700 - 300 - 4;
    assertThat(account.admin().billing().creditBalance(account.tenantId()).balanceCents()).isEqualTo((int) balance);
    assertThat(p.runwayDays()).isEqualTo((int) (balance / 143));
  }
}
