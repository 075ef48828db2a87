package io.platinur.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.preview.PreviewEnvironmentService;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.repository.CommitId;
import io.platinur.testkit.memory.InMemoryPreviewResources;
import io.platinur.testkit.memory.InMemoryPreviewStore;
import io.platinur.testkit.memory.InMemoryPullRequests;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The preview environments in a real browser: a live preview with its head, digest and age, a
 * pull request held back with its reason, one reaped with its reason, each through the page's own
 * reconcile, and axe-core on every state.
 */
class PromotionsConsolePreviewsBrowserTest {
  private static final CommitId FOUR = CommitId.of("1234567890abcdef1234567890abcdef12345678");
  private static final CommitId FIVE = CommitId.of("abcdefabcdefabcdefabcdefabcdefabcdefabcd");
  private static final ImageDigest BUILD = ImageDigest.of("sha256:" + "ab".repeat(32));

  @TempDir
  Path dir;

  @Test
  void shows_each_preview_with_its_age_the_held_prs_and_the_reaped_ones_with_their_reasons() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    InMemoryPullRequests pulls = new InMemoryPullRequests(now::get);
    pulls.open(4, "main", FOUR);
    pulls.build(FOUR, BUILD);
    pulls.open(5, "main", FIVE);
    PreviewEnvironmentService previews = PreviewEnvironmentService.builder(new InMemoryPreviewStore(), pulls, pulls)
        .cleanup(new InMemoryPreviewResources()).clock(now::get).build();
    ChromeDriver browser = Chromium.start(dir.resolve("profile"));
    try (ConsoleLane lane = ConsoleLane.create(dir.resolve("lane"), Clock.systemUTC());
        PromotionsConsole console = PromotionsConsole.builder(lane.service(), ProposalCatalog.inMemory(java.util.List.of()))
            .previews(previews).clock(new Clock() {
              @Override
              public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
              }

              @Override
              public Clock withZone(java.time.ZoneId zone) {
                return this;
              }

              @Override
              public Instant instant() {
                return now.get();
              }
            }).pollMillis(0).start()) {
      browser.get(console.url().toString());
      String held = previews.plan().get().holds().find(hold -> hold.pr().value() == 5).get().message();
      assertThat(browser.findElement(By.id("hold-5")).getText()).isEqualTo(held);
      reconcile(browser);
      assertThat(browser.findElement(By.id("answer")).getText()).startsWith("Previews reconciled: Preview of PR 4 created at 1234567");

      now.set(now.get().plus(Duration.ofMinutes(90)));
      browser.get(console.url().toString()); // after an action everything is read afresh; the age follows the clock at the next reading
      reconcile(browser);
      WebElement live = browser.findElement(By.id("preview-4"));
      assertThat(live.getText()).contains("#4", "1234567", BUILD.abbreviated(), "1h 30m");
      assertThat(browser.findElement(By.id("hold-5")).getText()).isEqualTo(held);
      Chromium.screenshot(browser, "previews-live-and-held");
      Accessibility.assertNoSeriousViolations(browser, "previews live and held");

      pulls.close(4);
      reconcile(browser); // an action reads afresh: the plan now reaps PR 4, and this reconcile does it
      assertThat(browser.findElement(By.id("answer")).getText()).contains("Preview of PR 4 reaped: ");
      assertThat(browser.findElements(By.id("preview-4"))).isEmpty();
      Chromium.screenshot(browser, "previews-reaped");
      Accessibility.assertNoSeriousViolations(browser, "previews reaped");
      assertThat(Chromium.severeLog(browser)).isEmpty();
    } finally {
      browser.quit();
    }
  }

  private static void reconcile(ChromeDriver browser) {
    WebElement page = browser.findElement(By.tagName("html"));
    browser.findElement(By.cssSelector("#reconcile-previews button")).click();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(ExpectedConditions.stalenessOf(page));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("answer")));
  }
}
