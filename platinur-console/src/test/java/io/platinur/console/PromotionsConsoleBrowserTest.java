package io.platinur.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.testkit.GitCli;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Promotions console in a real browser (headless Chromium): the seed scenario click by click,
 * escaping, the CSRF token, live refresh and two sessions racing. One browser serves every test; the
 * race adds a second, with its own profile, as a second person would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PromotionsConsoleBrowserTest {
  private static final String OVERLAP_WITH_ORDERS = "Proposal ‘Add orders model’ is already staged and also changes models/orders.sql. "
      + "Promote or discard the staged batch before staging this proposal.";
  private static final String PR_OPEN = "A promotion PR is open. Merge or close it in GitHub before applying more staging changes.";
  private static final String AWAITING_SYNC =
      "A merged promotion is being finalized from GitHub main. Sync Promotions before applying another staging change.";

  @TempDir
  static Path profiles;
  @TempDir
  static Path lanes;

  private ChromeDriver browser;
  private ConsoleLane.Running running;
  private int consoles;

  @BeforeAll
  void startBrowser() {
    browser = Chromium.start(profiles.resolve("first"));
  }

  @AfterAll
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @BeforeEach
  void startConsole() throws IOException {
    running = ConsoleLane.start(lanes.resolve("lane-" + (++consoles)), 250, Clock.systemUTC());
    browser.manage().deleteAllCookies();
  }

  @AfterEach
  void stopConsole() {
    running.close();
  }

  @Test
  void walks_the_seed_scenario_from_apply_to_sync() {
    open(browser);
    assertThat(text(browser, "#lock h2")).isEqualTo("Staging is unlocked");
    assertThat(status(browser, "p-1")).isEqualTo("Ready to apply to Staging");
    Chromium.screenshot(browser, "01-three-proposals");

    click(browser, "#apply-p-1 button");
    assertThat(answer(browser)).startsWith("Applied ‘Add orders model’ to Staging as commit ");
    assertThat(status(browser, "p-1")).isEqualTo("Staged");
    assertThat(text(browser, "#staged-p-1 .files")).isEqualTo("models/orders.sql");
    assertThat(status(browser, "p-2")).isEqualTo("Ready to apply to Staging");
    // The overlapping card says so before anyone clicks, in apply's own words, with Apply disabled.
    assertThat(status(browser, "p-3")).isEqualTo("Overlaps a staged proposal");
    assertThat(browser.findElement(By.cssSelector("#apply-p-3 button")).isEnabled()).isFalse();
    assertThat(text(browser, "#reason-p-3")).isEqualTo(OVERLAP_WITH_ORDERS);
    Chromium.screenshot(browser, "02-applied-overlap-disabled");

    click(browser, "#open-pr button");
    assertThat(answer(browser)).isEqualTo("Opened promotion PR #1; Staging is locked until the release completes.");
    assertThat(text(browser, "#lock h2")).isEqualTo("Staging is locked");
    assertThat(text(browser, "#lock")).contains("Promotion PR #1 is open since ", "(opened by Console user)");
    for (String id : new String[] {"p-2", "p-3"}) {
      assertThat(status(browser, id)).isEqualTo("Waiting for open PR");
      assertThat(text(browser, "#reason-" + id)).isEqualTo(PR_OPEN);
    }
    Chromium.screenshot(browser, "03-promotion-pr-open");

    click(browser, "#merge button");
    assertThat(answer(browser)).startsWith("Merged promotion PR #1 on the offline host as ");
    assertThat(text(browser, "#lock")).contains("Promotion PR #1 was merged as ");
    for (String id : new String[] {"p-2", "p-3"}) {
      assertThat(status(browser, id)).isEqualTo("Waiting for main sync");
      assertThat(text(browser, "#reason-" + id)).isEqualTo(AWAITING_SYNC);
    }
    Chromium.screenshot(browser, "04-merged-waiting-for-main-sync");

    click(browser, "#sync button");
    assertThat(answer(browser)).startsWith("Sync Promotions: promotion PR #1 finalized; deployed 1 proposal(s); Staging reset to ");
    assertThat(text(browser, "#lock h2")).isEqualTo("Staging is unlocked");
    assertThat(status(browser, "p-1")).isEqualTo("Deployed");
    assertThat(status(browser, "p-2")).isEqualTo("Ready to apply to Staging");
    assertThat(status(browser, "p-3")).isEqualTo("Ready to apply to Staging");
    assertThat(text(browser, "#batch")).contains("Nothing is staged.");
    assertThat(text(browser, "#history")).contains("Applied ‘Add orders model’ to Staging", "Opened promotion PR #1");
    Chromium.screenshot(browser, "05-synced-deployed");

    // What the page said is what Git holds: the proposal reached production and staging was reset to it.
    GitCli git = new GitCli(running.lane().laneRepository());
    assertThat(git.revParse("staging")).isEqualTo(git.revParse("main"));
    assertThat(git.subjects("main~1..main^2")).containsExactly("Add orders model");
  }

  @Test
  void shows_a_title_with_markup_as_text() {
    open(browser);
    browser.findElement(By.cssSelector("#propose input[name=title]")).sendKeys("<script>alert(1)</script>");
    browser.findElement(By.cssSelector("#propose input[name=path]")).sendKeys("models/x&y.sql");
    browser.findElement(By.cssSelector("#propose textarea")).sendKeys("select 1");
    click(browser, "#propose button");

    assertThat(answer(browser)).isEqualTo("Added proposal p-4, ‘<script>alert(1)</script>’.");
    assertThat(text(browser, "#card-p-4 .title")).isEqualTo("<script>alert(1)</script>");
    assertThat(text(browser, "#card-p-4 .files")).isEqualTo("models/x&y.sql");
    assertThat(browser.findElements(By.tagName("script"))).hasSize(1);
    assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);

    click(browser, "#apply-p-4 button");
    assertThat(text(browser, "#staged-p-4 .title")).isEqualTo("<script>alert(1)</script>");
    assertThat(text(browser, "#history")).contains("Applied ‘<script>alert(1)</script>’ to Staging");
    assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    Chromium.screenshot(browser, "06-markup-shown-as-text");
  }

  @Test
  void refuses_a_post_without_the_csrf_token_and_changes_nothing() {
    open(browser);
    browser.executeScript("document.querySelector('#apply-p-1 input[name=csrf]').remove();");
    click(browser, "#apply-p-1 button");

    assertThat(text(browser, "h1")).isEqualTo("403");
    assertThat(text(browser, "#error")).isEqualTo(
        "The form's CSRF token is missing or wrong, so nothing was changed. Reload the page and try again.");
    Chromium.screenshot(browser, "07-post-without-token-refused");

    open(browser);
    assertThat(status(browser, "p-1")).isEqualTo("Ready to apply to Staging");
    assertThat(text(browser, "#batch")).contains("Nothing is staged.");
    assertThat(lane().batch().isEmpty()).isTrue();
  }

  @Test
  void two_sessions_race_to_apply_overlapping_proposals_and_one_is_rejected() throws Exception {
    ChromeDriver second = Chromium.start(profiles.resolve("second-" + consoles));
    try {
      open(browser);
      open(second);

      // A change made in one session shows in the other without anyone reloading.
      click(browser, "#apply-p-2 button");
      waitFor(second, "p-2", "Staged");

      CountDownLatch start = new CountDownLatch(1);
      CompletableFuture<Void> first = submitWhen(start, browser, "apply-p-1");
      CompletableFuture<Void> other = submitWhen(start, second, "apply-p-3");
      start.countDown();
      first.get(30, TimeUnit.SECONDS);
      other.get(30, TimeUnit.SECONDS);
      String firstAnswer = answer(browser);
      String secondAnswer = answer(second);

      StagingLane lane = lane();
      assertThat(lane.batch().proposals().map(StagedProposal::id).map(ProposalId::value))
          .hasSize(2).contains("p-2").containsAnyOf("p-1", "p-3");
      boolean ordersWon = lane.batch().contains(ProposalId.of("p-1"));
      ChromeDriver winner = ordersWon ? browser : second;
      ChromeDriver loser = ordersWon ? second : browser;
      assertThat(ordersWon ? firstAnswer : secondAnswer).startsWith("Applied ‘" + (ordersWon ? "Add orders model" : "Rework orders") + "’");
      assertThat(ordersWon ? secondAnswer : firstAnswer).isEqualTo(ordersWon
          ? OVERLAP_WITH_ORDERS
          : "Proposal ‘Rework orders’ is already staged and also changes models/orders.sql. "
              + "Promote or discard the staged batch before staging this proposal.");
      assertThat(loser.findElement(By.id("answer")).getAttribute("class")).contains("rejected");
      Chromium.screenshot(winner, "08-race-winner");
      Chromium.screenshot(loser, "09-race-loser-sees-rejection");
    } finally {
      second.quit();
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private void open(ChromeDriver driver) {
    driver.get(running.console().url().toString());
  }

  private StagingLane lane() {
    return running.lane().service().lane().get();
  }

  private static CompletableFuture<Void> submitWhen(CountDownLatch start, ChromeDriver driver, String formId) {
    String previousAnswer = driver.findElements(By.id("answer")).stream().map(WebElement::getText).findFirst().orElse("");
    return CompletableFuture.runAsync(() -> {
      try {
        start.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      // The form is submitted as its button would, even if the page meanwhile learned that the
      // other session won and disabled the button: the server must refuse it on its own.
      driver.executeScript("document.getElementById(arguments[0]).requestSubmit();", formId);
      new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.findElements(By.id("answer")).stream()
          .anyMatch(answer -> !answer.getText().equals(previousAnswer)));
    });
  }

  private static void click(ChromeDriver driver, String css) {
    WebElement button = driver.findElement(By.cssSelector(css));
    button.click();
    // Every form posts and is answered with the page again; wait for that page.
    new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
      try {
        button.isEnabled();
        return false;
      } catch (org.openqa.selenium.StaleElementReferenceException gone) {
        return true;
      }
    });
  }

  private static void waitFor(ChromeDriver driver, String id, String expected) {
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
      try {
        return expected.equals(status(driver, id));
      } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException reloading) {
        return false;
      }
    });
  }

  private static String status(ChromeDriver driver, String id) {
    return text(driver, "#card-" + id + " .status");
  }

  private static String answer(ChromeDriver driver) {
    return text(driver, "#answer");
  }

  private static String text(ChromeDriver driver, String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }
}
