package io.platinur.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.testkit.GitCli;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Promotions console in a real browser (headless Chromium): the seed scenario click by click
 * with every release button enabled or disabled with its reason, escaping, the CSRF token and the
 * origin check, live refresh, two sessions racing, two tabs of one session, two consoles in one
 * browser, field errors, and an accessibility check (axe-core) of every page state. One browser
 * serves every test; the race adds a second, with its own profile, as a second person would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PromotionsConsoleBrowserTest {
  private static final String OVERLAP_WITH_ORDERS = "Proposal ‘Add orders model’ is already staged and also changes models/orders.sql. "
      + "Promote or discard the staged batch before staging this proposal.";
  private static final String PR_OPEN = "A promotion PR is open. Merge or close it in GitHub before applying more staging changes.";
  private static final String AWAITING_SYNC =
      "A merged promotion is being finalized from GitHub main. Sync Promotions before applying another staging change.";
  private static final String NOTHING_STAGED = "Nothing is staged. Apply a proposal to Staging before opening a promotion PR.";
  private static final String NO_PR = "No promotion PR is open for the staged batch.";
  private static final String UNAPPLY_LOCKED = "A promotion PR exists for the staged batch. Unapply is available only until a promotion PR exists.";
  private static final String DISCARD_LOCKED = "A promotion PR exists for the staged batch. Discard is available only until a promotion PR exists.";

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
  void startConsole() {
    running = ConsoleLane.start(lanes.resolve("lane-" + (++consoles)), 250, Clock.systemUTC());
    browser.manage().deleteAllCookies();
    Chromium.severeLog(browser);
  }

  @AfterEach
  void stopConsole() {
    running.close();
  }

  @Test
  void walks_the_seed_scenario_from_apply_to_sync_with_each_button_able_only_when_its_action_is() {
    open(browser);
    assertThat(text(browser, "#lock h2")).isEqualTo("Staging is unlocked");
    assertThat(status(browser, "p-1")).isEqualTo("Ready to apply to Staging");
    assertDisabled("open-pr", NOTHING_STAGED);
    assertDisabled("merge", NO_PR);
    assertDisabled("close", NO_PR);
    assertDisabled("discard", "Nothing is staged, so there is nothing to discard.");
    assertEnabled("sync");
    Accessibility.assertNoSeriousViolations(browser, "a fresh lane");
    Chromium.screenshot(browser, "01-three-proposals");

    click(browser, "#apply-p-1 button");
    assertThat(answer(browser)).startsWith("Applied ‘Add orders model’ to Staging as commit ");
    assertThat(status(browser, "p-1")).isEqualTo("Staged");
    assertThat(text(browser, "#staged-p-1 .files")).isEqualTo("models/orders.sql");
    assertThat(status(browser, "p-2")).isEqualTo("Ready to apply to Staging");
    // The overlapping card says so before anyone clicks, in apply's own words, with Apply disabled.
    assertThat(status(browser, "p-3")).isEqualTo("Overlaps a staged proposal");
    assertDisabled("apply-p-3", OVERLAP_WITH_ORDERS);
    assertEnabled("open-pr");
    assertEnabled("unapply-p-1");
    assertEnabled("discard");
    Accessibility.assertNoSeriousViolations(browser, "one proposal staged, one overlapping");
    Chromium.screenshot(browser, "02-applied-overlap-disabled");

    click(browser, "#open-pr button");
    assertThat(answer(browser)).isEqualTo("Opened promotion PR #1; Staging is locked until the release completes.");
    assertThat(text(browser, "#lock h2")).isEqualTo("Staging is locked");
    assertThat(text(browser, "#lock")).contains("Promotion PR #1 is open since ", "(opened by Console user)");
    for (String id : new String[] {"p-2", "p-3"}) {
      assertThat(status(browser, id)).isEqualTo("Waiting for open PR");
      assertDisabled("apply-" + id, PR_OPEN);
    }
    assertDisabled("open-pr", "Promotion PR #1 is already open for the staged batch.");
    assertDisabled("unapply-p-1", UNAPPLY_LOCKED);
    assertDisabled("discard", DISCARD_LOCKED);
    assertEnabled("merge");
    assertEnabled("close");
    Accessibility.assertNoSeriousViolations(browser, "the promotion PR open");
    Chromium.screenshot(browser, "03-promotion-pr-open");

    click(browser, "#merge button");
    assertThat(answer(browser)).startsWith("Merged promotion PR #1 on the offline host as ");
    assertThat(text(browser, "#lock")).contains("Promotion PR #1 was merged as ");
    for (String id : new String[] {"p-2", "p-3"}) {
      assertThat(status(browser, id)).isEqualTo("Waiting for main sync");
      assertDisabled("apply-" + id, AWAITING_SYNC);
    }
    assertDisabled("open-pr", AWAITING_SYNC);
    assertDisabled("merge", "Promotion PR #1 is already merged. Sync Promotions to finalize it.");
    assertDisabled("close", "Promotion PR #1 is already merged. Sync Promotions to finalize it.");
    assertEnabled("sync");
    Accessibility.assertNoSeriousViolations(browser, "the merge waiting for main sync");
    Chromium.screenshot(browser, "04-merged-waiting-for-main-sync");

    click(browser, "#sync button");
    assertThat(answer(browser)).startsWith("Sync Promotions: promotion PR #1 finalized; deployed 1 proposal(s); Staging reset to ");
    assertThat(text(browser, "#lock h2")).isEqualTo("Staging is unlocked");
    assertThat(status(browser, "p-1")).isEqualTo("Deployed");
    assertThat(status(browser, "p-2")).isEqualTo("Ready to apply to Staging");
    assertThat(status(browser, "p-3")).isEqualTo("Ready to apply to Staging");
    assertThat(text(browser, "#batch")).contains("Nothing is staged.");
    assertThat(text(browser, "#history")).contains("Applied ‘Add orders model’ to Staging", "Opened promotion PR #1");
    assertDisabled("open-pr", NOTHING_STAGED);
    Accessibility.assertNoSeriousViolations(browser, "the release finished");
    Chromium.screenshot(browser, "05-synced-deployed");

    // What the page said is what Git holds: the proposal reached production and staging was reset to it.
    GitCli git = new GitCli(running.lane().laneRepository());
    assertThat(git.revParse("staging")).isEqualTo(git.revParse("main"));
    assertThat(git.subjects("main~1..main^2")).containsExactly("Add orders model");
    assertThat(Chromium.severeLog(browser)).as("nothing failed to load, no script error").isEmpty();
  }

  @Test
  void names_each_control_with_its_proposal() {
    click(open(browser), "#apply-p-1 button");
    List<String> names = browser.findElements(By.cssSelector("button")).stream().map(WebElement::getAccessibleName).toList();

    assertThat(names).doesNotHaveDuplicates().contains("Apply to Staging Add customers model", "Apply to Staging Rework orders",
        "Apply to Staging Add orders model", "Unapply Add orders model", "Open promotion PR", "Sync Promotions");
    assertThat(browser.findElement(By.cssSelector("#apply-p-3 button")).getAttribute("aria-describedby")).isEqualTo("reason-apply-p-3");
  }

  @Test
  void the_accessibility_check_finds_what_it_is_there_to_find() {
    open(browser);
    browser.executeScript("var field = document.createElement('input'); document.querySelector('main').appendChild(field);"
        + "var image = document.createElement('img'); image.src = '/favicon.svg'; document.querySelector('main').appendChild(image);");
    assertThatThrownBy(() -> Accessibility.assertNoSeriousViolations(browser, "a page with an unlabelled field and an image without text"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("critical image-alt").hasMessageContaining("critical label");
  }

  @Test
  void shows_a_title_with_markup_as_text() {
    open(browser);
    addProposal("<script>alert(1)</script>", "models/x&y.sql", "select 1");

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
  void refuses_a_path_git_refuses_when_the_proposal_is_added_so_no_card_promises_it() {
    String path = "\"><img src=x onerror=alert(1)>";
    open(browser);
    addProposal("Windows cannot hold it", path, "x");

    String refused = "Git refuses the path ‘" + path + "’ (char '\"' not allowed in Windows filename).";
    assertThat(answer(browser)).isEqualTo("The proposal was not added: " + refused);
    assertThat(text(browser, "#problem-path")).isEqualTo(refused);
    WebElement field = browser.findElement(By.id("field-path"));
    assertThat(field.getAttribute("value")).isEqualTo(path);
    assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.findElement(By.id("field-title")).getAttribute("value")).isEqualTo("Windows cannot hold it");
    assertThat(browser.findElements(By.id("card-p-4"))).isEmpty();
    assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    Accessibility.assertNoSeriousViolations(browser, "a proposal refused beside its path");
    Chromium.screenshot(browser, "10-path-git-refuses");
  }

  @Test
  void shows_a_stored_proposal_it_cannot_offer_as_invalid_with_why_never_as_ready() throws IOException {
    String reason = "Proposal p-9 in .platinur/proposals/p-9 is not valid: Git refuses the path ‘a\"b.sql’ (char '\"' not allowed in Windows filename).";
    ProposalCatalog withInvalid = new ProposalCatalog() {
      @Override
      public io.vavr.collection.Seq<io.platinur.domain.proposal.Proposal> proposals() {
        return ConsoleLane.seedProposals();
      }

      @Override
      public io.vavr.collection.Seq<Refused> refused() {
        return io.vavr.collection.List.of(new Refused("p-9", reason));
      }

      @Override
      public io.vavr.control.Validation<io.vavr.collection.Seq<String>, io.platinur.domain.proposal.Proposal> add(String t, String p, String c) {
        return io.vavr.control.Validation.invalid(io.vavr.collection.List.of("This catalog takes no new proposals."));
      }
    };
    try (PromotionsConsole console = PromotionsConsole.builder(running.lane().service(), withInvalid).pollMillis(0).start()) {
      browser.get(console.url().toString());
      assertThat(text(browser, "#card-p-9 .status")).isEqualTo("Invalid");
      assertThat(browser.findElement(By.cssSelector("#apply-p-9 button")).isEnabled()).isFalse();
      assertThat(text(browser, "#reason-apply-p-9")).isEqualTo(reason);
      Accessibility.assertNoSeriousViolations(browser, "an invalid stored proposal");

      addProposal("New", "models/new.sql", "select 1");
      assertThat(text(browser, "#problem-form")).isEqualTo("This catalog takes no new proposals.");
    }
  }

  @Test
  void says_a_bad_exit_code_beside_its_field_and_keeps_every_value() {
    click(open(browser), "#apply-p-1 button");
    browser.findElement(By.id("field-deploy-exit")).sendKeys("abc");
    new Select(browser.findElement(By.name("deployment"))).selectByValue("SUCCESS");
    new Select(browser.findElement(By.name("smoke"))).selectByValue("PASSED");
    new Select(browser.findElement(By.name("ci"))).selectByValue("GREEN");
    click(browser, "#gate-evidence button");

    String problem = "The deploy exit code must be a whole number, not ‘abc’.";
    assertThat(answer(browser)).isEqualTo(problem);
    assertThat(text(browser, "#problem-deploy-exit")).isEqualTo(problem);
    WebElement exit = browser.findElement(By.id("field-deploy-exit"));
    assertThat(exit.getAttribute("value")).isEqualTo("abc");
    assertThat(exit.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(exit.getAttribute("aria-describedby")).isEqualTo("problem-deploy-exit");
    assertThat(new Select(browser.findElement(By.name("deployment"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("SUCCESS");
    assertThat(new Select(browser.findElement(By.name("smoke"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("PASSED");
    assertThat(new Select(browser.findElement(By.name("ci"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("GREEN");
    assertThat(text(browser, "#gate-decision")).isEqualTo("Blocked: promotion is not authorized.");
    Accessibility.assertNoSeriousViolations(browser, "a gate report with a bad exit code");
    Chromium.screenshot(browser, "11-bad-exit-code");

    exit.clear();
    exit.sendKeys("0");
    click(browser, "#gate-evidence button");
    assertThat(answer(browser)).startsWith("Reported gate evidence for ");
    assertThat(text(browser, "#gate-decision")).isEqualTo("Authorized: every condition holds at this exact commit.");
  }

  @Test
  void refuses_a_post_without_the_csrf_token_and_changes_nothing() {
    open(browser);
    browser.executeScript("document.querySelector('#apply-p-1 input[name=csrf]').remove();");
    click(browser, "#apply-p-1 button");

    assertThat(text(browser, "h1")).isEqualTo("403");
    assertThat(text(browser, "#error")).isEqualTo(
        "The form's CSRF token is missing or wrong, so nothing was changed. Reload the page and try again.");
    // the browser's log shows a refused load, so an empty log elsewhere means nothing failed to load
    assertThat(Chromium.severeLog(browser)).anyMatch(line -> line.contains("status of 403"));
    Accessibility.assertNoSeriousViolations(browser, "a refused request");
    Chromium.screenshot(browser, "07-post-without-token-refused");

    open(browser);
    assertThat(status(browser, "p-1")).isEqualTo("Ready to apply to Staging");
    assertThat(text(browser, "#batch")).contains("Nothing is staged.");
    assertThat(lane().batch().isEmpty()).isTrue();
  }

  @Test
  void refuses_a_post_from_another_origin_even_with_a_valid_token() throws IOException {
    open(browser);
    String token = browser.findElement(By.cssSelector("#apply-p-1 input[name=csrf]")).getAttribute("value");
    // A page on another port of this machine: the browser sends the console's cookie along (same site), and a valid token.
    HttpServer elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] attack = ("<!DOCTYPE html><html lang=\"en\"><head><title>elsewhere</title></head><body>"
        + "<form id=\"f\" method=\"post\" action=\"" + running.console().url().resolve("/apply") + "\">"
        + "<input name=\"csrf\" value=\"" + token + "\"><input name=\"id\" value=\"p-1\"></form>"
        + "<script>document.getElementById('f').submit();</script></body></html>").getBytes(StandardCharsets.UTF_8);
    elsewhere.createContext("/", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, attack.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(attack);
      }
    });
    elsewhere.start();
    try {
      browser.get("http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/");
      new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().startsWith(running.console().url().toString()));
      assertThat(text(browser, "h1")).isEqualTo("403");
      assertThat(text(browser, "#error")).isEqualTo("This console takes changes only from its own page at " + running.console().url()
          + "; this request came from another page (Sec-Fetch-Site: same-site), so nothing was changed.");
      assertThat(lane().batch().isEmpty()).isTrue();
      Chromium.screenshot(browser, "12-post-from-another-origin-refused");
    } finally {
      elsewhere.stop(0);
    }
  }

  @Test
  void keeps_a_session_per_console_so_two_consoles_in_one_browser_do_not_log_each_other_out() throws IOException {
    try (ConsoleLane.Running other = ConsoleLane.start(lanes.resolve("other-" + consoles), 0, Clock.systemUTC())) {
      open(browser);
      browser.get(other.console().url().toString());
      open(browser);
      click(browser, "#apply-p-1 button");
      assertThat(answer(browser)).startsWith("Applied ‘Add orders model’ to Staging as commit ");

      browser.get(other.console().url().toString());
      click(browser, "#apply-p-2 button");
      assertThat(answer(browser)).startsWith("Applied ‘Add customers model’ to Staging as commit ");
      assertThat(browser.manage().getCookies()).extracting(cookie -> cookie.getName()).contains(
          "platinur_console_" + running.console().url().getPort(), "platinur_console_" + other.console().url().getPort());
      assertThat(other.lane().service().lane().get().batch().contains(ProposalId.of("p-2"))).isTrue();
    }
    assertThat(lane().batch().contains(ProposalId.of("p-1"))).isTrue();
  }

  @Test
  void shows_each_tab_the_answer_to_its_own_action_once() {
    String first = browser.getWindowHandle();
    open(browser);
    String second = browser.switchTo().newWindow(WindowType.WINDOW).getWindowHandle();
    try {
      open(browser);
      // Both tabs post at the same moment (same session): each is shown its own answer.
      long at = System.currentTimeMillis() + 1_000;
      submitAt(first, "apply-p-1", at);
      submitAt(second, "apply-p-3", at);
      String secondAnswer = awaitAnswer(second);
      String firstAnswer = awaitAnswer(first);

      boolean ordersWon = lane().batch().contains(ProposalId.of("p-1"));
      assertThat(firstAnswer).startsWith(ordersWon ? "Applied ‘Add orders model’" : "Proposal ‘Rework orders’ is already staged");
      assertThat(secondAnswer).startsWith(ordersWon ? "Proposal ‘Add orders model’ is already staged" : "Applied ‘Rework orders’");

      // Shown once: the address no longer asks for it, and a reload shows none.
      browser.switchTo().window(first);
      assertThat(browser.getCurrentUrl()).isEqualTo(running.console().url().toString());
      browser.navigate().refresh();
      assertThat(browser.findElements(By.id("answer"))).isEmpty();
    } finally {
      browser.switchTo().window(second).close();
      browser.switchTo().window(first);
    }
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

  private ChromeDriver open(ChromeDriver driver) {
    driver.get(running.console().url().toString());
    return driver;
  }

  private StagingLane lane() {
    return running.lane().service().lane().get();
  }

  private void addProposal(String title, String path, String content) {
    browser.findElement(By.id("field-title")).sendKeys(title);
    browser.findElement(By.id("field-path")).sendKeys(path);
    browser.findElement(By.cssSelector("#propose textarea")).sendKeys(content);
    click(browser, "#propose button");
  }

  private void assertDisabled(String form, String reason) {
    WebElement button = browser.findElement(By.cssSelector("#" + form + " button"));
    assertThat(button.isEnabled()).as("%s disabled", form).isFalse();
    assertThat(button.getAttribute("aria-describedby")).as("%s described by its reason", form).isEqualTo("reason-" + form);
    assertThat(text(browser, "#reason-" + form)).as("%s's reason", form).isEqualTo(reason);
  }

  private void assertEnabled(String form) {
    assertThat(browser.findElement(By.cssSelector("#" + form + " button")).isEnabled()).as("%s enabled", form).isTrue();
    assertThat(browser.findElements(By.id("reason-" + form))).as("%s has no reason shown", form).isEmpty();
  }

  /** Submits the form in that window at {@code epochMillis}, as its button would, without waiting. */
  private void submitAt(String window, String formId, long epochMillis) {
    browser.switchTo().window(window);
    browser.executeScript("var form = document.getElementById(arguments[0]);"
        + "setTimeout(function () { form.requestSubmit(); }, Math.max(0, arguments[1] - Date.now()));", formId, epochMillis);
  }

  private String awaitAnswer(String window) {
    browser.switchTo().window(window);
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("answer")).isEmpty());
    return answer(browser);
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

  private static ChromeDriver click(ChromeDriver driver, String css) {
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
    return driver;
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
