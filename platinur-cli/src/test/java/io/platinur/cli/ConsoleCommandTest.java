package io.platinur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code platinur console} in-process, looked at in headless Chromium (the system's chromium and
 * chromedriver): the work directory of an earlier console opens again with the proposals added on
 * its page, and a busy port is named with the option that changes it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleCommandTest {
  private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)");

  @TempDir
  Path dir;
  @TempDir
  static Path profile;

  private ChromeDriver browser;

  @BeforeAll
  void startBrowser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath());
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
        .usingAnyFreePort().build(), options);
  }

  @AfterAll
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void opens_the_work_directory_of_an_earlier_console_again_with_the_proposals_added_on_its_page() throws Exception {
    Path work = dir.resolve("work");
    try (Serving first = Serving.start(dir, "console", "--port", "0", "--work-dir", work.toString())) {
      assertThat(first.printed()).contains("Promotions console on a fresh lane in " + work + ": ",
          "open it again with: platinur console --work-dir " + work);
      browser.get(first.url().toString());
      browser.findElement(By.id("field-title")).sendKeys("Add invoices model");
      browser.findElement(By.id("field-path")).sendKeys("models/invoices.sql");
      submit("#propose button");
      assertThat(browser.findElement(By.id("answer")).getText()).isEqualTo("Added proposal p-4, ‘Add invoices model’.");
      submit("#apply-p-4 button");
      assertThat(browser.findElement(By.cssSelector("#card-p-4 .status")).getText()).isEqualTo("Staged");
    }

    try (Serving again = Serving.start(dir, "console", "--port", "0", "--work-dir", work.toString())) {
      assertThat(again.printed()).contains("Promotions console on the lane an earlier console left in " + work + ": ");
      browser.get(again.url().toString());
      assertThat(browser.findElements(By.cssSelector("article.card")).stream().map(card -> card.getAttribute("id")))
          .containsExactly("card-p-1", "card-p-2", "card-p-3", "card-p-4");
      assertThat(browser.findElement(By.cssSelector("#card-p-4 .status")).getText()).isEqualTo("Staged");
      assertThat(browser.findElement(By.cssSelector("#staged-p-4 .title")).getText()).isEqualTo("Add invoices model");
    }
    assertThat(work.resolve(".platinur/proposals/p-4/files/models/invoices.sql")).exists();
  }

  @Test
  void refuses_a_work_directory_that_holds_something_else_and_changes_nothing() throws IOException {
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(other.resolve("notes.txt"), "mine\n");
    Run run = run("console", "--port", "0", "--work-dir", other.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("platinur console: " + other + " holds no lane of an earlier console (host.git and lane.git) "
        + "and is not empty; give a new or empty directory, or the one an earlier console printed.\n");
    try (var left = Files.list(other)) {
      assertThat(left.map(path -> path.getFileName().toString())).containsExactly("notes.txt");
    }
  }

  @Test
  void names_a_busy_port_and_the_option_that_changes_it() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Serving first = Serving.start(dir, "console", "--port", "0", "--work-dir", dir.resolve("first").toString())) {
      Run run = run("console", "--port", Integer.toString(busy.getLocalPort()), "--work-dir", dir.resolve("second").toString());
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err()).isEqualTo("platinur console: Port " + busy.getLocalPort() + " on 127.0.0.1 is already in use. "
          + "Stop what listens there, or choose another port with --port PORT (--port 0 takes any free port).\n");
      // the console already running is not disturbed
      browser.get(first.url().toString());
      assertThat(browser.findElement(By.cssSelector("#lock h2")).getText()).isEqualTo("Staging is unlocked");
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  record Run(int exit, String out, String err) {}

  private Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 2];
    all[0] = "--dir";
    all[1] = dir.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int exit = PlatinurCommand.run(all, out, err, Map.of("PLATINUR_AUTHOR", "Ana <ana@example.com>")::get);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private void submit(String css) {
    WebElement button = browser.findElement(By.cssSelector(css));
    button.click();
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
      try {
        button.isEnabled();
        return false;
      } catch (org.openqa.selenium.StaleElementReferenceException gone) {
        return true;
      }
    });
  }

  @Test
  void serves_a_gitops_repositorys_digest_board_and_promotes_from_it_with_the_release_commands_options() throws Exception {
    Path gitops = dir.resolve("gitops.git");
    io.platinur.domain.digest.ImageDigest built = io.platinur.domain.digest.ImageDigest.of("sha256:" + "a1".repeat(32));
    io.platinur.domain.digest.ImageDigest tested = io.platinur.domain.digest.ImageDigest.of("sha256:" + "b2".repeat(32));
    io.platinur.domain.digest.ImageDigest running = io.platinur.domain.digest.ImageDigest.of("sha256:" + "c3".repeat(32));
    io.platinur.cli.demo.DemoGitOpsRepository.create(gitops, io.platinur.domain.digest.Pins.none()
        .with(io.platinur.domain.digest.EnvironmentName.of("dev"), io.platinur.domain.digest.ServiceName.of("api"), built)
        .with(io.platinur.domain.digest.EnvironmentName.of("staging"), io.platinur.domain.digest.ServiceName.of("api"), tested)
        .with(io.platinur.domain.digest.EnvironmentName.of("prod"), io.platinur.domain.digest.ServiceName.of("api"), running),
        java.time.Instant.now().minus(java.time.Duration.ofHours(2)));
    try (Serving serving = Serving.start(dir, "console", "--port", "0", "--work-dir", dir.resolve("work").toString(),
        "--repository", gitops.toString(), "--canary-timeout", "none")) {
      browser.get(serving.url().toString());
      assertThat(browser.findElement(By.id("board-api-staging")).findElement(By.cssSelector("code.digest")).getText())
          .isEqualTo(tested.abbreviated());
      assertThat(browser.findElement(By.id("reason-complete-api-staging")).getText()).isEqualTo("No promotion of api to staging is in progress.");
      // the board is below the lane's sections, laid out only once shown (content-visibility): bring it into view first
      org.openqa.selenium.WebElement promote = browser.findElement(By.id("promote-api-staging"));
      ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", promote);
      new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10))
          .until(org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable(promote)).click();
      new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(20))
          .until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(By.id("answer")));
      assertThat(browser.findElement(By.id("answer")).getText())
          .isEqualTo("Opened promotion PR #1: " + built.abbreviated() + " of api from dev to staging.");
      assertThat(browser.findElement(By.id("board-api-staging")).getAttribute("data-state")).isEqualTo("pr-open");
      assertThat(browser.findElement(By.id("digest-history")).getText()).contains("Promotion PR #1 of api");
      assertThat(browser.findElement(By.id("metrics")).getText()).contains("Delivery metrics");
    }
    // the promotion PR's branch is in the GitOps repository, as platinur release promote leaves it
    Process refs = new ProcessBuilder("git", "--git-dir", gitops.toString(), "for-each-ref", "--format=%(refname)", "refs/heads/platinur/")
        .redirectErrorStream(true).start();
    assertThat(new String(refs.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("refs/heads/platinur/promote/api/staging");
    assertThat(refs.waitFor()).isZero();
  }

  @Test
  void serves_a_gitops_repository_alone_without_a_lane_or_a_work_directory() throws Exception {
    Path gitops = dir.resolve("alone.git");
    io.platinur.cli.demo.DemoGitOpsRepository.create(gitops, io.platinur.domain.digest.Pins.none()
        .with(io.platinur.domain.digest.EnvironmentName.of("dev"), io.platinur.domain.digest.ServiceName.of("web"),
            io.platinur.domain.digest.ImageDigest.of("sha256:" + "e5".repeat(32))), java.time.Instant.now());
    try (Serving serving = Serving.start(dir, "console", "--port", "0", "--repository", gitops.toString())) {
      assertThat(serving.printed()).contains("Promotions console for the GitOps repository " + gitops + ": ");
      String page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(serving.url()).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      assertThat(page).contains("<title>Promotions · promote by digest</title>", "<tr id=\"board-web\">")
          .doesNotContain("<section id=\"lock\"");
    }
    assertThat(dir.resolve(".platinur")).as("no lane was made").doesNotExist();
  }

  @Test
  void refuses_a_github_only_option_beside_an_offline_gitops_repository() throws Exception {
    io.platinur.cli.demo.DemoGitOpsRepository.create(dir.resolve("gitops.git"), io.platinur.domain.digest.Pins.none(), java.time.Instant.now());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = PlatinurCommand.run(new String[] {"--dir", dir.toString(), "console", "--port", "0", "--repository",
        dir.resolve("gitops.git").toString(), "--github-api", "https://github.example/api/v3"}, new ByteArrayOutputStream(), err,
        Map.of("PLATINUR_AUTHOR", "Ana <ana@example.com>")::get);
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--github-api has no effect without --github: it is GitHub's API root.");
  }

  /** The command serving in a thread of this process, as a user runs it; closing stops it as Ctrl+C would. */
  private static final class Serving implements AutoCloseable {
    private final Thread thread;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private URI url;

    private Serving(Path dir, String... args) {
      String[] all = new String[args.length + 2];
      all[0] = "--dir";
      all[1] = dir.toString();
      System.arraycopy(args, 0, all, 2, args.length);
      thread = new Thread(() -> exit.complete(PlatinurCommand.run(all, out, new ByteArrayOutputStream(),
          Map.of("PLATINUR_AUTHOR", "Ana <ana@example.com>")::get)), "platinur-console-command");
    }

    static Serving start(Path dir, String... args) throws Exception {
      Serving serving = new Serving(dir, args);
      serving.thread.start();
      serving.url = CompletableFuture.supplyAsync(() -> {
        while (!serving.exit.isDone()) {
          Matcher found = URL.matcher(serving.printed());
          if (found.find() && serving.printed().contains("Press Ctrl+C to stop.")) {
            return URI.create(found.group(1));
          }
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        }
        throw new AssertionError("platinur console stopped: " + serving.printed());
      }).get(60, TimeUnit.SECONDS);
      return serving;
    }

    URI url() {
      return url;
    }

    String printed() {
      synchronized (out) {
        return out.toString(StandardCharsets.UTF_8);
      }
    }

    @Override
    public void close() throws Exception {
      thread.interrupt();
      assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }
  }
}
