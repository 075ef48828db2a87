package io.platinur.console;

import static io.platinur.console.Html.escape;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.gate.PromotionGateService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.metrics.DeliveryMetricsService;
import io.platinur.application.preview.PreviewEnvironmentService;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.port.LaneChange;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * The Promotions page, put together from one renderer per section: the lock banner, the staged
 * batch, the proposal cards, the release actions, the promotion gate, the lane's history, the new
 * proposal form, and, when the host gives them, the digest board with its audit, the preview
 * environments and the delivery metrics. The sections shared by every session are rendered once
 * per change; what belongs to one session (its token, the forms it sent) is filled in per page.
 */
final class PromotionsPage {
  private static final int HISTORY_SHOWN = 50;
  /** At the latest, how often what lives outside the lane is read again while the lane stands still. */
  private static final long REFRESH_NANOS = 10_000_000_000L;
  /** Re-reading what lives outside the lane waits this many times as long as its last reading took: at most 0.5 % of a core. */
  private static final long OUTSIDE_COST_FACTOR = 200;

  /** The staging lane and its proposals; none on a console of digest promotions only. */
  private final Option<StagingLaneService> lane;
  private final ProposalCatalog catalog;
  private final Option<GateSection> gate;
  private final LockBanner lock;
  private final boolean offline;
  private final Option<DigestBoardSection> digests;
  private final Option<DigestPromotionService> digestAudit;
  private final Option<PreviewsSection> previews;
  private final Option<MetricsSection> metrics;
  private final int pollMillis;
  private Snapshot snapshot;
  private Outside outside;

  PromotionsPage(Option<StagingLaneService> lane, ProposalCatalog catalog, Option<PromotionGateService> gate, boolean reported,
      Option<PreviewEnvironmentService> previews, Option<DigestPromotionService> digests, Option<DeliveryMetricsService> metrics,
      boolean offline, Function<PullRequestNumber, Option<URI>> pullRequestLinks, int pollMillis, Clock clock) {
    this.lane = lane;
    this.catalog = catalog;
    this.gate = gate.map(service -> new GateSection(service, reported));
    Function<PullRequestNumber, String> pullRequest = pr -> pullRequest(pullRequestLinks, pr);
    this.lock = new LockBanner(offline, pullRequest);
    this.offline = offline;
    this.digests = digests.map(service -> new DigestBoardSection(service, pullRequest));
    this.digestAudit = digests;
    this.previews = previews.map(service -> new PreviewsSection(service, pullRequest, clock));
    this.metrics = metrics.map(service -> new MetricsSection(service, clock));
    this.pollMillis = pollMillis;
  }

  /** The page for one browser session, with the answer to the request that led here, if any. */
  String page(ConsoleSessions.Session session, Option<ConsoleSessions.Answer> answer) {
    Snapshot snapshot = snapshot();
    Option<ConsoleSessions.FormState> sent = answer.flatMap(ConsoleSessions.Answer::form);
    String sections = snapshot.sections()
        .replace(GateSection.FORM_PLACEHOLDER, GateSection.reportForm(sent.filter(f -> f.form().equals(ConsoleActions.GATE_EVIDENCE))))
        .replace(ProposeSection.PLACEHOLDER, ProposeSection.form(sent.filter(f -> f.form().equals(ConsoleActions.PROPOSE))))
        .replace(Forms.CSRF_PLACEHOLDER, session.csrfToken);
    String about = lane.map(service -> escape(service.configuration().stagingBranch().toString()) + " → "
        + escape(service.configuration().productionBranch().toString())).getOrElse("promote by digest");
    StringBuilder html = new StringBuilder(sections.length() + 2048);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Promotions · ").append(about).append("</title>")
        .append("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">")
        .append("<link rel=\"stylesheet\" href=\"/console.css\">");
    if (metrics.isDefined()) {
      html.append("<link rel=\"stylesheet\" href=\"/uplot.min.css\"><script src=\"/uplot.iife.min.js\" defer></script>")
          .append("<script src=\"/metrics.js\" defer></script>");
    }
    html.append("<script src=\"/console.js\" defer></script></head>\n")
        .append("<body data-version=\"").append(snapshot.version()).append("\" data-poll-ms=\"").append(pollMillis).append("\">\n")
        .append("<header><h1>Promotions</h1><p class=\"lane\">")
        .append(lane.map(service -> "Staging branch <code>" + escape(service.configuration().stagingBranch().toString())
            + "</code> → production branch <code>" + escape(service.configuration().productionBranch().toString()) + "</code>")
            .getOrElse("Promote by digest: the GitOps repository's environments"))
        .append("</p></header>\n<main>\n");
    answer.forEach(shown -> html.append("<p id=\"answer\" class=\"answer ").append(escape(shown.kind())).append("\" role=\"")
        .append(shown.kind().equals("done") ? "status" : "alert").append("\">").append(escape(shown.text())).append("</p>\n"));
    html.append(sections).append("</main>\n</body></html>\n");
    return html.toString();
  }

  /**
   * A fingerprint of everything the shared sections show, the same for every session: the page
   * reloads itself when it changes.
   */
  String version() {
    return snapshot().version();
  }

  /** The delivery metrics' daily figures as JSON, for the charts; none when no metrics are configured. */
  Option<String> metricsJson() {
    return metrics.map(MetricsSection::json);
  }

  /** Something was done through the console: the next page or version reads everything afresh. */
  synchronized void changed() {
    snapshot = null;
    outside = null;
  }

  /**
   * The shared sections. The lane's are rendered again when the lane moved (its state and the
   * newest entry of its history, two small reads) or at the latest every {@link #REFRESH_NANOS}
   * (proposals stored by another program, gate evidence). What lives outside the lane — the digest
   * board, previews, metrics, which cost more to read (the board decides promote, complete and
   * rollback for every target) — is read again at the latest every {@link #REFRESH_NANOS}, or
   * {@link #OUTSIDE_COST_FACTOR} times as long as its last reading took when that is longer, so
   * that re-reading it never costs more than half a percent of a core. Anything done through the
   * console reads everything at once. However many tabs poll, an unchanged lane costs two reads a
   * poll.
   */
  private synchronized Snapshot snapshot() {
    long now = System.nanoTime();
    if (outside == null || now - outside.madeAt() > outside.keepNanos()) {
      String sections = outsideSections();
      long took = System.nanoTime() - now;
      outside = new Outside(sections, now, Math.max(REFRESH_NANOS, OUTSIDE_COST_FACTOR * took));
    }
    Option<Either<UseCaseFailure<NoRefusal>, StagingLane>> read = lane.map(StagingLaneService::lane);
    List<Object> key = lane.map(service -> List.<Object>of(read.get(), service.history(Option.none(), 1)
        .map(changes -> changes.map(LaneChange::version)))).getOrElse(List.empty());
    if (snapshot == null || !snapshot.laneKey().equals(key) || now - snapshot.madeAt() > REFRESH_NANOS || snapshot.outside() != outside) {
      String sections = lane.map(service -> sections(service, read.get())).getOrElse("") + outside.sections();
      snapshot = new Snapshot(sections, version(sections), key, now, outside);
    }
    return snapshot;
  }

  private record Snapshot(String sections, String version, List<Object> laneKey, long madeAt, Outside outside) {}

  private record Outside(String sections, long madeAt, long keepNanos) {}

  private static String version(String sections) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(sections.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256.", e);
    }
  }

  private String sections(StagingLaneService lane, Either<UseCaseFailure<NoRefusal>, StagingLane> read) {
    if (read.isLeft()) {
      return "<section id=\"lock\" class=\"lock failed\"><p>The lane cannot be read: " + escape(read.getLeft().message()) + "</p></section>\n";
    }
    StagingLane current = read.get();
    // the latest page only, one more than shown to know whether there are older changes
    Either<UseCaseFailure<NoRefusal>, Seq<LaneChange>> history = lane.history(Option.none(), HISTORY_SHOWN + 1);
    return lock.render(current, history.getOrElse(List.empty()))
        + BatchSection.render(current)
        + CardsSection.render(current, catalog.proposals(), catalog.refused())
        + ReleaseSection.render(current, offline)
        + gate.map(section -> section.render(current)).getOrElse("")
        + HistorySection.render("history", "History", "Nothing has happened on this lane yet.",
            history.map(changes -> changes.map(change -> new HistorySection.Entry(change.audit(), change.events().map(LaneEvent::words)))),
            HISTORY_SHOWN)
        + ProposeSection.render();
  }

  /** What lives outside the lane: the digest board and its history, the previews, the metrics. */
  private String outsideSections() {
    return digests.map(DigestBoardSection::render).getOrElse(DigestBoardSection.NONE)
        + digestAudit.map(service -> HistorySection.render("digest-history", "Digest promotions history",
            "No digest promotion has been recorded yet.",
            service.history(Option.none(), HISTORY_SHOWN + 1).map(changes -> changes.map(change ->
                new HistorySection.Entry(change.audit(), change.events().map(event -> event.words())))), HISTORY_SHOWN)).getOrElse("")
        + previews.map(PreviewsSection::render).getOrElse(PreviewsSection.NONE)
        + metrics.map(MetricsSection::render).getOrElse("");
  }

  private static String pullRequest(Function<PullRequestNumber, Option<URI>> links, PullRequestNumber pr) {
    return links.apply(pr)
        .map(url -> "<a class=\"pr\" href=\"" + escape(url.toString()) + "\">" + escape(pr.toString()) + "</a>")
        .getOrElse(() -> "<span class=\"pr\">" + escape(pr.toString()) + "</span>");
  }
}
