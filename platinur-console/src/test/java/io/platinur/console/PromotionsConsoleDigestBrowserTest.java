package io.platinur.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.metrics.DeliveryMetricsService;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.digest.StepPolicy;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.BranchName;
import io.platinur.port.memory.InMemoryDigestPromotionStore;
import io.platinur.testkit.memory.InMemoryDeliveryHistory;
import io.platinur.testkit.memory.InMemoryGitOps;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The digest board in a real browser (headless Chromium): a digest promoted from dev to staging
 * and on to prod through the page's own buttons, the board in each promotion state (PR open,
 * promoted, canary with its deadline, rolling back, rolled back), every button disabled with the
 * very refusal its command gives (the gate's unmet conditions word for word), the digest history
 * in words, the delivery metrics' charts drawn, and axe-core on every state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PromotionsConsoleDigestBrowserTest {
  private static final ServiceName API = ServiceName.of("api");
  private static final ServiceName WEB = ServiceName.of("web");
  private static final EnvironmentName DEV = EnvironmentName.of("dev");
  private static final EnvironmentName STAGING = EnvironmentName.of("staging");
  private static final EnvironmentName PROD = EnvironmentName.of("prod");
  private static final PromotionTarget API_STAGING = new PromotionTarget(API, STAGING);
  private static final PromotionTarget API_PROD = new PromotionTarget(API, PROD);
  private static final PromotionTarget WEB_STAGING = new PromotionTarget(WEB, STAGING);
  private static final ImageDigest BUILT = ImageDigest.of("sha256:" + "a1".repeat(32));
  private static final ImageDigest IN_STAGING = ImageDigest.of("sha256:" + "b2".repeat(32));
  private static final ImageDigest IN_PROD = ImageDigest.of("sha256:" + "c3".repeat(32));
  private static final ImageDigest WEB_BROKEN = ImageDigest.of("sha256:" + "d4".repeat(32));
  private static final BranchName MAIN = BranchName.of("main");

  @TempDir
  static Path profiles;
  @TempDir
  static Path lanes;

  private ChromeDriver browser;

  @BeforeAll
  void startBrowser() {
    browser = Chromium.start(profiles.resolve("digest"));
  }

  @AfterAll
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void promotes_completes_and_rolls_back_from_the_page_with_every_refusal_the_commands_give() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    InMemoryGitOps gitops = new InMemoryGitOps(MAIN, PinLayout.standard(),
        Pins.none().with(DEV, API, BUILT).with(STAGING, API, IN_STAGING).with(PROD, API, IN_PROD)
            .with(DEV, WEB, WEB_BROKEN).with(STAGING, WEB, IN_STAGING).with(PROD, WEB, IN_STAGING), now::get);
    gitops.deploy(DEV, API, BUILT, DeploymentState.SUCCESS, now.get().minus(Duration.ofHours(1)));
    gitops.deploy(DEV, WEB, WEB_BROKEN, DeploymentState.FAILURE, now.get().minus(Duration.ofHours(1)));
    PromotionPath path = PromotionPath.start(DEV).then(STAGING, StepPolicy.automatic())
        .then(PROD, StepPolicy.builder().canaryTimeout(Option.some(Duration.ofMinutes(30))).build()).buildOrThrow();
    try (ConsoleLane lane = ConsoleLane.create(lanes.resolve("digest"), Clock.systemUTC())) {
      InMemoryDeliveryHistory history = new InMemoryDeliveryHistory(ConsoleLane.STAGING, new io.platinur.port.memory.InMemoryLaneStateStore(
          new io.platinur.testkit.memory.InMemoryForge(ConsoleLane.STAGING, MAIN)), gitops, DEV, now::get);
      DigestPromotionService digests = DigestPromotionService.builder(gitops, gitops, gitops).path(path)
        .store(history.recording(new InMemoryDigestPromotionStore())).clock(now::get).build();
      try (PromotionsConsole console = PromotionsConsole.builder(lane.service(), ProposalCatalog.inMemory(java.util.List.of()))
          .digestBoard(digests).metrics(new DeliveryMetricsService(history)).clock(Clock.fixed(now.get(), ZoneOffset.UTC))
          .pollMillis(0).start()) {
        browser.get(console.url().toString());
        // nothing under way: staging may take dev's healthy digest; the commands' own refusals elsewhere
        assertThat(cell("api", "staging").findElement(By.cssSelector("code.digest")).getText()).isEqualTo(IN_STAGING.abbreviated());
        assertThat(cell("api", "staging").findElement(By.cssSelector("code.digest")).getAttribute("title")).isEqualTo(IN_STAGING.value());
        assertThat(button("promote", "api", "staging").isEnabled()).isTrue();
        assertDisabledWithRefusal("complete", API_STAGING, digests.complete(API_STAGING, Actor.of("check")).getLeft().message());
        assertDisabledWithRefusal("rollback", API_STAGING, digests.rollback(API_STAGING, Actor.of("check")).getLeft().message());
        String unhealthy = digests.promote(PromoteRequest.of(WEB, STAGING), Actor.of("check")).getLeft().message();
        assertThat(unhealthy).contains("not deployed healthy");
        assertDisabledWithRefusal("promote", WEB_STAGING, unhealthy);
        assertThat(button("promote", "api", "staging").getAccessibleName()).isEqualTo("Promote api in staging");
        check("digest-idle");

        // CI red at the promotion PR's head: Complete says the gate's every unmet condition, word for word
        gitops.defaultCi(CiState.RED);
        act("promote", "api", "staging");
        assertAnswer("Opened promotion PR #1: " + BUILT.abbreviated() + " of api from dev to staging.");
        assertThat(cell("api", "staging").getAttribute("data-state")).isEqualTo("pr-open");
        assertThat(cell("api", "staging").findElement(By.className("promotion")).getText()).isEqualTo("PR #1 open");
        String blocked = digests.complete(API_STAGING, Actor.of("check")).getLeft().message();
        assertThat(blocked).contains("CI");
        assertDisabledWithRefusal("complete", API_STAGING, blocked);
        assertDisabledWithRefusal("promote", API_STAGING, digests.promote(PromoteRequest.of(API, STAGING), Actor.of("check")).getLeft().message());
        check("digest-pr-open-gate-blocked");

        // green CI: the automatic step merges at the next sync, here from the page (which then reads the board afresh)
        gitops.defaultCi(CiState.GREEN);
        syncDigests();
        assertThat(browser.findElement(By.id("answer")).getText()).startsWith("Digest promotions synced: Merged promotion PR #1 of api to staging as ");
        assertThat(cell("api", "staging").getAttribute("data-state")).isEqualTo("promoted");
        assertThat(cell("api", "staging").findElement(By.cssSelector("code.digest")).getText()).isEqualTo(BUILT.abbreviated());
        check("digest-promoted");

        // on to prod: merged, then a canary with its deadline
        act("promote", "api", "prod");
        assertAnswer("Opened promotion PR #2: " + BUILT.abbreviated() + " of api from staging to prod.");
        act("complete", "api", "prod");
        assertThat(cell("api", "prod").getAttribute("data-state")).isEqualTo("canary");
        String canary = digests.complete(API_PROD, Actor.of("check")).getLeft().message();
        assertThat(canary).isEqualTo("The canary of api in prod has no verdict yet; it rolls back if none arrives by "
            + now.get().plus(Duration.ofMinutes(30)) + ".");
        assertDisabledWithRefusal("complete", API_PROD, canary);
        check("digest-canary");

        // rolled back by hand from the page
        act("rollback", "api", "prod");
        assertThat(cell("api", "prod").getAttribute("data-state")).isEqualTo("rolling-back");
        assertThat(cell("api", "prod").findElement(By.className("promotion")).getText()).contains("rolling back", "PR #3 open");
        check("digest-rolling-back");
        assertDisabledWithRefusal("complete", API_PROD, digests.complete(API_PROD, Actor.of("check")).getLeft().message());
        syncDigests();
        assertThat(browser.findElement(By.id("answer")).getText()).startsWith("Digest promotions synced: Merged rollback PR #3 of api in prod as ");
        assertThat(cell("api", "prod").getAttribute("data-state")).isEqualTo("rolled-back");
        assertThat(cell("api", "prod").findElement(By.cssSelector("code.digest")).getText()).isEqualTo(IN_PROD.abbreviated());

        // the audit in words, newest first, never an event's type name
        String audit = browser.findElement(By.id("digest-history")).getText();
        assertThat(audit).contains("Platinur console", "Merged promotion PR #1 of api").doesNotContain("DigestPrMerged", "PromotionRolledBack");
        digests.history(Option.none(), 50).get().forEach(change ->
            change.events().forEach(event -> assertThat(audit).contains(event.words())));

        // the charts are drawn from the same figures platinur metrics gives
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(By.id("metrics-charts"), "data-drawn", "4"));
        assertThat(browser.findElements(By.cssSelector("#metrics-charts canvas"))).hasSize(4);
        io.vavr.collection.Seq<io.platinur.domain.metrics.DeliveryLedger.DayFigures> days = new DeliveryMetricsService(history).dailyTotals(
            io.platinur.domain.metrics.MetricsWindow.last(Duration.ofDays(30), now.get().truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(1))),
            io.platinur.domain.metrics.MetricsFilter.all(), ZoneOffset.UTC).get();
        int deployments = days.map(io.platinur.domain.metrics.DeliveryLedger.DayFigures::deployments).sum().intValue();
        assertThat(deployments).as("promoted into staging and into prod, at least").isGreaterThanOrEqualTo(2);
        assertThat(browser.findElement(By.id("metrics-summary")).getText()).contains(deployments + " deployments", "1 failure", "1 restore");
        check("digest-rolled-back-metrics");
        assertThat(Chromium.severeLog(browser)).as("nothing failed to load, no script error").isEmpty();
      }
    }
  }

  @Test
  void a_console_without_a_lane_shows_the_board_alone_and_passes_axe() throws Exception {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    InMemoryGitOps gitops = new InMemoryGitOps(MAIN, PinLayout.standard(),
        Pins.none().with(DEV, API, BUILT).with(STAGING, API, IN_STAGING).with(PROD, API, IN_PROD), () -> now);
    gitops.deploy(DEV, API, BUILT, DeploymentState.SUCCESS, now.minus(Duration.ofHours(1)));
    DigestPromotionService digests = DigestPromotionService.builder(gitops, gitops, gitops).path(PromotionPath.standard())
        .store(new InMemoryDigestPromotionStore()).clock(() -> now).build();
    try (PromotionsConsole console = PromotionsConsole.builder(digests).pollMillis(0).start()) {
      browser.get(console.url().toString());
      assertThat(browser.getTitle()).isEqualTo("Promotions · promote by digest");
      assertThat(browser.findElements(By.id("lock"))).isEmpty();
      act("promote", "api", "staging");
      assertAnswer("Opened promotion PR #1: " + BUILT.abbreviated() + " of api from dev to staging.");
      check("digest-only");
      assertThat(Chromium.severeLog(browser)).isEmpty();
    }
  }

  private WebElement cell(String service, String environment) {
    return browser.findElement(By.id("board-" + service + "-" + environment));
  }

  private WebElement button(String action, String service, String environment) {
    return browser.findElement(By.id(action + "-" + service + "-" + environment));
  }

  /** Disabled, and described by the reason shown beside it: the refusal the command itself gave. */
  private void assertDisabledWithRefusal(String action, PromotionTarget target, String refusal) {
    WebElement button = button(action, target.service().value(), target.environment().value());
    assertThat(button.isEnabled()).as("%s %s", action, target).isFalse();
    String reason = "reason-" + action + "-" + target.service().value() + "-" + target.environment().value();
    assertThat(button.getAttribute("aria-describedby")).isEqualTo(reason);
    assertThat(browser.findElement(By.id(reason)).getText()).isEqualTo(refusal);
  }

  /** Sync digest promotions from the board, and wait for the page it leads to. */
  private void syncDigests() {
    WebElement page = browser.findElement(By.tagName("html"));
    browser.findElement(By.id("digest-sync")).click();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(ExpectedConditions.stalenessOf(page));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("answer")));
  }

  /** Clicks the board's button and waits for the page its form leads to. */
  private void act(String action, String service, String environment) {
    WebElement page = browser.findElement(By.tagName("html"));
    WebElement button = button(action, service, environment);
    assertThat(button.isEnabled()).as("%s %s in %s, not refused: %s", action, service, environment,
        browser.findElements(By.id("reason-" + action + "-" + service + "-" + environment)).stream().map(WebElement::getText).toList()).isTrue();
    button.click();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(ExpectedConditions.stalenessOf(page));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("answer")));
  }

  private void assertAnswer(String text) {
    assertThat(browser.findElements(By.id("answer"))).as("the answer on %s", browser.findElement(By.tagName("main")).getText()).hasSize(1);
    assertThat(browser.findElement(By.id("answer")).getText()).isEqualTo(text);
  }

  private void check(String state) {
    Chromium.screenshot(browser, state);
    Accessibility.assertNoSeriousViolations(browser, state);
  }
}
