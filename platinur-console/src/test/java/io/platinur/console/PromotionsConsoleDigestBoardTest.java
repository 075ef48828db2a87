package io.platinur.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.BranchName;
import io.platinur.port.memory.InMemoryDigestPromotionStore;
import io.platinur.testkit.memory.InMemoryGitOps;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's digest board: environment × service pins, the promotions, and what each next step waits for. */
class PromotionsConsoleDigestBoardTest {
  private static final ServiceName API = ServiceName.of("api");
  private static final EnvironmentName DEV = EnvironmentName.of("dev");
  private static final EnvironmentName STAGING = EnvironmentName.of("staging");
  private static final EnvironmentName PROD = EnvironmentName.of("prod");
  private static final ImageDigest BUILT = ImageDigest.of("sha256:" + "a1".repeat(32));
  private static final ImageDigest IN_STAGING = ImageDigest.of("sha256:" + "b2".repeat(32));
  private static final ImageDigest IN_PROD = ImageDigest.of("sha256:" + "c3".repeat(32));
  private static final BranchName MAIN = BranchName.of("main");

  @TempDir
  Path dir;

  @Test
  void shows_every_pin_each_promotion_and_the_next_steps() throws Exception {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    InMemoryGitOps gitops = new InMemoryGitOps(MAIN, PinLayout.standard(),
        Pins.none().with(DEV, API, BUILT).with(STAGING, API, IN_STAGING).with(PROD, API, IN_PROD), () -> now);
    for (EnvironmentName environment : java.util.List.of(DEV, STAGING, PROD)) {
      gitops.pinsAt(gitops.head(MAIN)).pin(environment, API)
          .forEach(digest -> gitops.deploy(environment, API, digest, DeploymentState.SUCCESS, now.minus(Duration.ofDays(1))));
    }
    DigestPromotionService digests = DigestPromotionService.builder(gitops, gitops, gitops).clock(() -> now).build();
    assertThat(digests.promote(PromoteRequest.of(API, STAGING), io.platinur.domain.Actor.of("alice")).isRight()).isTrue();

    try (ConsoleLane lane = ConsoleLane.create(dir, Clock.systemUTC());
        PromotionsConsole console = PromotionsConsole.builder(lane.service(), ProposalCatalog.inMemory(java.util.List.of()))
            .digestBoard(digests).pollMillis(0).start()) {
      String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(console.url()).build(), HttpResponse.BodyHandlers.ofString()).body();
      String board = page.substring(page.indexOf("<section id=\"digest-board\""), page.indexOf("</section>", page.indexOf("<section id=\"digest-board\"")));
      assertThat(board).contains("<th scope=\"col\" id=\"env-dev\">dev<br><small>platform ", "<th scope=\"col\" id=\"env-staging\">staging<br>",
          "<th scope=\"col\" id=\"env-prod\">prod<br>", "<tr id=\"board-api\"><th scope=\"row\">api</th>",
          "<td id=\"board-api-dev\">" + digest(BUILT),
          "<td id=\"board-api-staging\" data-state=\"pr-open\">" + digest(IN_STAGING) + "<p class=\"promotion\">PR <span class=\"pr\">#1</span> open</p>",
          "<td id=\"board-api-prod\">" + digest(IN_PROD));
      String prodNext = digests.board().get().nextSteps().get(io.platinur.domain.digest.PromotionTarget.of("api", "prod")).get();
      assertThat(board).contains("<p class=\"next\">Next: " + Html.escape(prodNext) + "</p>");
      // no next step beside an unfinished promotion: its state says it
      assertThat(board).doesNotContain("Next: PR #1 open");

      // a file that differs between environment directories is a drift warning, in the board's own words
      gitops.addFile(MAIN, "environments/prod/api/deployment.yaml", "replicas: 9\n");
      String drift = digests.board().get().drift().head().message();
      assertThat(drift).contains("deployment.yaml differs between environments");
      try (PromotionsConsole again = PromotionsConsole.builder(digests).pollMillis(0).start()) {
        String page2 = HttpClient.newHttpClient().send(HttpRequest.newBuilder(again.url()).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page2).contains("<p class=\"drift\">Drift: " + Html.escape(drift) + "</p>");
      }
    }
  }

  @Test
  void a_console_of_digest_promotions_only_shows_the_board_without_a_lane_and_acts_on_it() throws Exception {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    InMemoryGitOps gitops = new InMemoryGitOps(MAIN, PinLayout.standard(),
        Pins.none().with(DEV, API, BUILT).with(STAGING, API, IN_STAGING).with(PROD, API, IN_PROD), () -> now);
    gitops.deploy(DEV, API, BUILT, DeploymentState.SUCCESS, now.minus(Duration.ofDays(1)));
    DigestPromotionService digests = DigestPromotionService.builder(gitops, gitops, gitops).path(PromotionPath.standard())
        .store(new InMemoryDigestPromotionStore()).clock(() -> now).build();
    assertThatThrownBy(() -> PromotionsConsole.builder(digests).reportedEvidence(new ReportedGateEvidence()).start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("An offline host, a gate and reported gate evidence belong to a staging lane; this console has none.");
    try (PromotionsConsole console = PromotionsConsole.builder(digests).pollMillis(0).start()) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(console.url()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.body()).contains("<title>Promotions · promote by digest</title>", "<section id=\"digest-board\"",
          "<section id=\"digest-history\"").doesNotContain("<section id=\"lock\"", "<section id=\"cards\"", "id=\"open-pr\"");
      String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
      assertThat(token.find()).isTrue();
      HttpResponse<String> apply = http.send(HttpRequest.newBuilder(console.url().resolve("/apply")).header("Cookie", cookie)
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("csrf=" + token.group(1) + "&id=p-1"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(apply.statusCode()).as("no lane, no lane actions").isEqualTo(405);
      HttpResponse<String> promote = http.send(HttpRequest.newBuilder(console.url().resolve("/digest-promote")).header("Cookie", cookie)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("csrf=" + token.group(1) + "&target=api%2Fstaging")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(promote.statusCode()).isEqualTo(303);
      String after = http.send(HttpRequest.newBuilder(console.url().resolve(promote.headers().firstValue("Location").orElseThrow()))
          .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(after).contains("Opened promotion PR #1: " + BUILT.abbreviated() + " of api from dev to staging.",
          "<td id=\"board-api-staging\" data-state=\"pr-open\">");
      HttpResponse<String> bad = http.send(HttpRequest.newBuilder(console.url().resolve("/digest-promote")).header("Cookie", cookie)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("csrf=" + token.group(1) + "&target=API%2Fstaging")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("‘API’ is not a valid service name");
    }
  }

  /** The short digest, with the full one for hover and focus. */
  private static String digest(ImageDigest digest) {
    return "<code class=\"digest\" tabindex=\"0\" title=\"" + digest.value() + "\" data-full=\"" + digest.value() + "\">" + digest.abbreviated() + "</code>";
  }
}
