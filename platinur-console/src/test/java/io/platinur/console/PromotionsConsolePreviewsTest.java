package io.platinur.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.preview.PreviewEnvironmentService;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.preview.PreviewPolicy;
import io.platinur.domain.repository.CommitId;
import io.platinur.testkit.memory.InMemoryPreviewResources;
import io.platinur.testkit.memory.InMemoryPreviewStore;
import io.platinur.testkit.memory.InMemoryPullRequests;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's preview section: what is live, what the next reconcile would do, and the reconcile itself. */
class PromotionsConsolePreviewsTest {
  private static final CommitId HEAD = CommitId.of("1234567890abcdef1234567890abcdef12345678");
  private static final ImageDigest BUILD = ImageDigest.of("sha256:" + "ab".repeat(32));

  @TempDir
  Path dir;

  @Test
  void shows_the_plan_then_the_live_preview_after_a_reconcile_from_the_page() throws Exception {
    Clock clock = Clock.systemUTC();
    InMemoryPullRequests pulls = new InMemoryPullRequests(clock::instant);
    pulls.open(4, "main", HEAD);
    pulls.build(HEAD, BUILD);
    InMemoryPreviewStore store = new InMemoryPreviewStore();
    PreviewEnvironmentService previews = PreviewEnvironmentService.builder(store, pulls, pulls)
        .cleanup(new InMemoryPreviewResources()).clock(clock::instant).build();
    try (ConsoleLane lane = ConsoleLane.create(dir, clock);
        PromotionsConsole console = PromotionsConsole.builder(lane.service(), ProposalCatalog.inMemory(java.util.List.of()))
            .previews(previews).pollMillis(0).start()) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> before = http.send(HttpRequest.newBuilder(console.url()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(before.body()).contains("No preview environment is live.",
          "<li>Preview of PR 4 created at 1234567 (" + BUILD.abbreviated() + "): the PR is open and selected.</li>");
      assertThat(store.inventory().previews()).isEmpty();

      String cookie = before.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      Matcher token = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(before.body());
      assertThat(token.find()).isTrue();
      HttpResponse<String> posted = http.send(HttpRequest.newBuilder(console.url().resolve("/reconcile-previews"))
          .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("csrf=" + token.group(1))).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).isEqualTo(303);

      String after = http.send(HttpRequest.newBuilder(console.url().resolve(posted.headers().firstValue("Location").orElseThrow()))
          .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(after).contains("Previews reconciled: Preview of PR 4 created at 1234567", "<tr id=\"preview-4\">",
          "<code title=\"" + BUILD.value() + "\">" + BUILD.abbreviated() + "</code>", "<h3>Next reconcile</h3><p>Nothing to change.</p>");
      assertThat(store.inventory().previews().keySet().map(pr -> pr.value())).containsExactly(4L);

      // the PR closed: the next reconcile reaps its preview, and the page says so with the reason before it happens
      pulls.close(4);
      String reap = previews.plan().get().reaps().head().message();
      try (PromotionsConsole again = PromotionsConsole.builder(lane.service(), ProposalCatalog.inMemory(java.util.List.of()))
          .previews(previews).pollMillis(0).start()) {
        String page = http.send(HttpRequest.newBuilder(again.url()).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("<h3>Reaped at the next reconcile</h3>", "<li class=\"reap\" id=\"reap-4\">" + Html.escape(reap) + "</li>");
        assertThat(reap).startsWith("Preview of PR 4 reaped: ");
      }
    }
  }
}
