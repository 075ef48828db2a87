package io.platinur.console;

import static io.platinur.console.Html.escape;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.digest.PromotionBoard;
import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.gate.PromotionGateService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.preview.PreviewEnvironmentService;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.card.ProposalCard;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.gate.GateCondition;
import io.platinur.domain.gate.GateDecision;
import io.platinur.domain.gate.GateFailure;
import io.platinur.domain.gate.SmokeOutcome;
import io.platinur.domain.lane.CommandRejection;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.NoPromotionPr;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.preview.PreviewEnvironment;
import io.platinur.domain.preview.PreviewInventory;
import io.platinur.domain.preview.PreviewPlan;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.port.LaneChange;
import io.platinur.port.PreviewStore.StoredPreviews;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * Renders the Promotions page from one read of the lane: the lock banner, the staged batch, every
 * proposal card, the actions, the promotion gate and the history. Everything that came from a
 * proposal, a path, a person or Git is HTML-escaped; no secret is ever part of what it reads.
 */
final class PromotionsPage {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final int HISTORY_SHOWN = 50;
  private static final List<GateCondition> ADR_005_CONDITIONS =
      List.of(GateCondition.STAGING_DEPLOY, GateCondition.DEPLOYMENT_STATUS, GateCondition.SMOKE_AND_E2E, GateCondition.CI);

  /**
   * Stand for the session's token and its forms while the shared sections are rendered; escaped
   * text never contains a {@code <}, so nothing shown can pose as one.
   */
  private static final String CSRF_PLACEHOLDER = "<csrf>";
  private static final String GATE_FORM_PLACEHOLDER = "<gate-evidence-form>";
  private static final String PROPOSE_FORM_PLACEHOLDER = "<propose-form>";
  private static final String NOTHING_TO_DISCARD = "Nothing is staged, so there is nothing to discard.";
  /** At the latest, how often what lives outside the lane is read again while the lane stands still. */
  private static final long REFRESH_NANOS = 10_000_000_000L;

  private final StagingLaneService lane;
  private final ProposalCatalog catalog;
  private final Option<PromotionGateService> gate;
  private final Option<ReportedGateEvidence> reported;
  private final Option<PreviewEnvironmentService> previews;
  private final Option<DigestPromotionService> digests;
  private final boolean offline;
  private final Function<PullRequestNumber, Option<URI>> pullRequestLinks;
  private final int pollMillis;
  private Snapshot snapshot;

  PromotionsPage(StagingLaneService lane, ProposalCatalog catalog, Option<PromotionGateService> gate,
      Option<ReportedGateEvidence> reported, Option<PreviewEnvironmentService> previews, Option<DigestPromotionService> digests,
      boolean offline, Function<PullRequestNumber, Option<URI>> pullRequestLinks, int pollMillis) {
    this.lane = lane;
    this.catalog = catalog;
    this.gate = gate;
    this.reported = reported;
    this.previews = previews;
    this.digests = digests;
    this.offline = offline;
    this.pullRequestLinks = pullRequestLinks;
    this.pollMillis = pollMillis;
  }

  /** The page for one browser session, with the answer to the request that led here, if any. */
  String page(ConsoleSessions.Session session, Option<ConsoleSessions.Answer> answer) {
    Snapshot snapshot = snapshot();
    Option<ConsoleSessions.FormState> sent = answer.flatMap(ConsoleSessions.Answer::form);
    String sections = snapshot.sections()
        .replace(GATE_FORM_PLACEHOLDER, reportForm(sent.filter(f -> f.form().equals(ConsoleActions.GATE_EVIDENCE))))
        .replace(PROPOSE_FORM_PLACEHOLDER, proposeForm(sent.filter(f -> f.form().equals(ConsoleActions.PROPOSE))))
        .replace(CSRF_PLACEHOLDER, session.csrfToken);
    String staging = escape(lane.configuration().stagingBranch().toString());
    String production = escape(lane.configuration().productionBranch().toString());
    StringBuilder html = new StringBuilder(sections.length() + 2048);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Promotions · ").append(staging).append(" → ").append(production).append("</title>")
        .append("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">")
        .append("<link rel=\"stylesheet\" href=\"/console.css\"><script src=\"/console.js\" defer></script></head>\n")
        .append("<body data-version=\"").append(snapshot.version()).append("\" data-poll-ms=\"").append(pollMillis).append("\">\n")
        .append("<header><h1>Promotions</h1><p class=\"lane\">Staging branch <code>").append(staging)
        .append("</code> → production branch <code>").append(production).append("</code></p></header>\n<main>\n");
    answer.forEach(shown -> html.append("<p id=\"answer\" class=\"answer ").append(escape(shown.kind())).append("\" role=\"")
        .append(shown.kind().equals("done") ? "status" : "alert").append("\">").append(escape(shown.text())).append("</p>\n"));
    html.append(sections).append("</main>\n</body></html>\n");
    return html.toString();
  }

  /**
   * A fingerprint of everything the lane sections show, the same for every session: the page
   * reloads itself when it changes.
   */
  String version() {
    return snapshot().version();
  }

  /** Something was done through the console: the next page or version reads everything afresh. */
  synchronized void changed() {
    snapshot = null;
  }

  /**
   * The shared sections, rendered again only when the lane moved (its state and the newest entry
   * of its history, two small reads) or at the latest every {@link #REFRESH_NANOS} for what lives
   * outside the lane (proposals stored by another program, gate evidence, previews, the digest
   * board), and at once after anything done through the console. However many tabs poll, an
   * unchanged lane costs those two reads a poll.
   */
  private synchronized Snapshot snapshot() {
    long now = System.nanoTime();
    Either<UseCaseFailure<NoRefusal>, StagingLane> read = lane.lane();
    Either<UseCaseFailure<NoRefusal>, Seq<LaneChange>> latest = lane.history(Option.none(), 1);
    List<Object> key = List.of(read, latest.map(changes -> changes.map(LaneChange::version)));
    if (snapshot == null || !snapshot.laneKey().equals(key) || now - snapshot.madeAt() > REFRESH_NANOS) {
      String sections = sections(read);
      snapshot = new Snapshot(sections, version(sections), key, now);
    }
    return snapshot;
  }

  private record Snapshot(String sections, String version, List<Object> laneKey, long madeAt) {}

  private static String version(String sections) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(sections.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256.", e);
    }
  }

  private String sections(Either<UseCaseFailure<NoRefusal>, StagingLane> read) {
    if (read.isLeft()) {
      return "<section id=\"lock\" class=\"lock failed\"><p>The lane cannot be read: " + escape(read.getLeft().message()) + "</p></section>\n";
    }
    StagingLane current = read.get();
    // the latest page only, one more than shown to know whether there are older changes
    Either<UseCaseFailure<NoRefusal>, Seq<LaneChange>> history = lane.history(Option.none(), HISTORY_SHOWN + 1);
    return lock(current, history.getOrElse(List.empty()))
        + batch(current)
        + cards(current, catalog.proposals(), catalog.refused())
        + actions(current)
        + gate(current)
        + history(history)
        + "<section id=\"new-proposal\" aria-labelledby=\"new-proposal-heading\"><h2 id=\"new-proposal-heading\">New proposal</h2>"
        + PROPOSE_FORM_PLACEHOLDER + "</section>\n"
        + digestBoard()
        + previews();
  }

  // ---- lock banner ----------------------------------------------------------------------------

  private String lock(StagingLane current, Seq<LaneChange> history) {
    return current.lock().fold(
        unlocked -> "<section id=\"lock\" class=\"lock unlocked\"><h2>Staging is unlocked</h2>"
            + "<p>Proposals can be applied to Staging. Opening the promotion PR locks Staging until the release completes.</p></section>\n",
        open -> "<section id=\"lock\" class=\"lock locked\"><h2>Staging is locked</h2><p>Promotion PR " + pullRequest(open.pr())
            + " is open" + since(history, open.pr(), true) + ".</p>"
            + "<p>To finish the release, merge or close it in GitHub" + (offline ? " (or below, on the offline host)" : "")
            + ", then Sync Promotions.</p></section>\n",
        awaiting -> "<section id=\"lock\" class=\"lock locked\"><h2>Staging is locked</h2><p>Promotion PR " + pullRequest(awaiting.pr())
            + " was merged as <code>" + escape(awaiting.mergeCommit().abbreviated()) + "</code>" + since(history, awaiting.pr(), false) + ".</p>"
            + "<p>Sync Promotions finishes the release: the staged proposals are marked deployed, Staging resets to the production branch "
            + "and unlocks.</p></section>\n");
  }

  private String pullRequest(PullRequestNumber pr) {
    return pullRequestLinks.apply(pr)
        .map(url -> "<a class=\"pr\" href=\"" + escape(url.toString()) + "\">" + escape(pr.toString()) + "</a>")
        .getOrElse(() -> "<span class=\"pr\">" + escape(pr.toString()) + "</span>");
  }

  /** When the PR was opened (or merged) and by whom, from the latest page of the lane's history (newest first). */
  private static String since(Seq<LaneChange> history, PullRequestNumber pr, boolean opened) {
    return history
        .find(change -> change.events().exists(event -> opened
            ? event instanceof LaneEvent.PromotionPrOpened o && o.pr().equals(pr)
            : event instanceof LaneEvent.PromotionPrMerged m && m.pr().equals(pr)))
        .map(change -> opened
            ? " since " + time(change.audit().at()) + " (opened by " + escape(change.audit().actor().name()) + ")"
            : " (recorded " + time(change.audit().at()) + " by " + escape(change.audit().actor().name()) + ")")
        .getOrElse("");
  }

  // ---- batch ----------------------------------------------------------------------------------

  private static String batch(StagingLane current) {
    StringBuilder html = new StringBuilder("<section id=\"batch\" aria-labelledby=\"batch-heading\"><h2 id=\"batch-heading\">Staged batch</h2>");
    if (current.batch().isEmpty()) {
      html.append("<p class=\"empty\">Nothing is staged.</p>");
    } else {
      html.append("<ol>");
      for (StagedProposal staged : current.batch().proposals()) {
        String id = escape(staged.id().value());
        html.append("<li class=\"staged\" id=\"staged-").append(id).append("\"><span class=\"title\" id=\"staged-title-").append(id).append("\">")
            .append(escape(staged.title())).append("</span> <span class=\"id\">").append(id).append("</span> <code class=\"commit\">")
            .append(escape(staged.commit().abbreviated())).append("</code>")
            .append(files(staged.files()))
            .append(form("unapply", "unapply-" + staged.id().value(), "Unapply", Option.some(staged.id().value()),
                Option.some("staged-title-" + staged.id().value()), current.unapply(staged.id()).swap().map(CommandRejection::message).toOption()))
            .append("</li>");
      }
      html.append("</ol>");
    }
    return html.append("</section>\n").toString();
  }

  private static String files(Iterable<RepoPath> paths) {
    StringBuilder html = new StringBuilder("<ul class=\"files\">");
    for (RepoPath path : paths) {
      html.append("<li><code>").append(escape(path.value())).append("</code></li>");
    }
    return html.append("</ul>").toString();
  }

  // ---- cards ----------------------------------------------------------------------------------

  private static String cards(StagingLane current, Seq<Proposal> proposals, Seq<ProposalCatalog.Refused> refused) {
    StringBuilder html = new StringBuilder("<section id=\"cards\" aria-labelledby=\"cards-heading\"><h2 id=\"cards-heading\">Proposals</h2>");
    if (proposals.isEmpty() && refused.isEmpty()) {
      html.append("<p class=\"empty\">No proposals yet.</p>");
    }
    for (Proposal proposal : proposals) {
      ProposalCard card = ProposalCard.of(current, proposal);
      String id = escape(card.id().value());
      html.append("<article class=\"card\" id=\"card-").append(id).append("\" data-status=\"").append(card.status().name()).append("\">")
          .append("<h3 class=\"title\" id=\"title-").append(id).append("\">").append(escape(card.title())).append("</h3>")
          .append("<p class=\"id\">").append(id).append("</p>")
          .append("<p class=\"status\">").append(escape(card.status().label())).append("</p>")
          .append(files(proposal.fileSet()))
          .append(form("apply", "apply-" + card.id().value(), "Apply to Staging", Option.some(card.id().value()),
              Option.some("title-" + card.id().value()), card.canApply() ? Option.none() : card.applyDisabledReason()))
          .append("</article>");
    }
    // What the catalog holds but cannot offer shows too, with why: a card never promises what apply refuses.
    for (ProposalCatalog.Refused invalid : refused) {
      String id = escape(invalid.id());
      html.append("<article class=\"card\" id=\"card-").append(id).append("\" data-status=\"INVALID\">")
          .append("<h3 class=\"title\" id=\"title-").append(id).append("\">").append(id).append("</h3>")
          .append("<p class=\"status\">Invalid</p>")
          .append(form("apply", "apply-" + invalid.id(), "Apply to Staging", Option.some(invalid.id()), Option.some("title-" + invalid.id()),
              Option.some(invalid.reason())))
          .append("</article>");
    }
    return html.append("</section>\n").toString();
  }

  // ---- actions --------------------------------------------------------------------------------

  /** The release buttons, each disabled with the reason its action would be refused with now. */
  private String actions(StagingLane current) {
    StringBuilder html = new StringBuilder("<section id=\"actions\" aria-labelledby=\"actions-heading\"><h2 id=\"actions-heading\">Release</h2>"
        + "<div class=\"buttons\">");
    html.append(form("open-pr", "open-pr", "Open promotion PR", Option.none(), Option.none(),
        current.promotionHead().swap().map(CommandRejection::message).toOption()));
    if (offline) {
      Option<String> noPr = current.lock().fold(
          unlocked -> Option.some(new NoPromotionPr().message()),
          open -> Option.none(),
          awaiting -> current.promotionPrClosed(awaiting.pr()).swap().map(CommandRejection::message).toOption());
      html.append(form("merge", "merge", "Merge promotion PR (offline host)", Option.none(), Option.none(), noPr))
          .append(form("close", "close", "Close promotion PR (offline host)", Option.none(), Option.none(), noPr));
    }
    html.append(form("sync", "sync", "Sync Promotions", Option.none(), Option.none(), Option.none()))
        .append(form("discard", "discard", "Discard staged batch", Option.none(), Option.none(),
            current.discardBatch().swap().map(CommandRejection::message).toOption()
                .orElse(() -> current.batch().isEmpty() ? Option.some(NOTHING_TO_DISCARD) : Option.none())));
    return html.append("</div></section>\n").toString();
  }

  // ---- gate -----------------------------------------------------------------------------------

  private String gate(StagingLane current) {
    if (gate.isEmpty()) {
      return "";
    }
    StringBuilder html = new StringBuilder("<section id=\"gate\" aria-labelledby=\"gate-heading\"><h2 id=\"gate-heading\">Promotion gate at <code>")
        .append(escape(current.stagingHead().abbreviated())).append("</code></h2>");
    Either<UseCaseFailure<NoRefusal>, GateDecision> decision = gate.get().evaluateAt(current.stagingHead(), Option.none(), Option.none());
    if (decision.isLeft()) {
      html.append("<p class=\"gate-failed\">The gate could not be evaluated: ").append(escape(decision.getLeft().message())).append("</p>");
    } else {
      Seq<GateFailure> failures = decision.get().fold(authorized -> List.empty(), blocked -> blocked.failures());
      html.append("<p id=\"gate-decision\" class=\"").append(failures.isEmpty() ? "authorized" : "blocked").append("\">")
          .append(failures.isEmpty() ? "Authorized: every condition holds at this exact commit." : "Blocked: promotion is not authorized.")
          .append("</p><table class=\"conditions\"><caption class=\"visually-hidden\">Gate conditions</caption><tbody>");
      Seq<GateCondition> shown = ADR_005_CONDITIONS.appendAll(failures.map(GateFailure::condition).filter(c -> !ADR_005_CONDITIONS.contains(c)).distinct());
      for (GateCondition condition : shown) {
        Seq<GateFailure> failing = failures.filter(f -> f.condition() == condition);
        html.append("<tr id=\"gate-").append(condition.name()).append("\" class=\"").append(failing.isEmpty() ? "holds" : "fails")
            .append("\"><th scope=\"row\">")
            .append(words(condition)).append("</th><td>")
            .append(failing.isEmpty() ? "✓ holds" : "✗ " + escape(failing.map(GateFailure::message).mkString(" ")))
            .append("</td></tr>");
      }
      html.append("</tbody></table>");
    }
    reported.forEach(evidence -> html.append(GATE_FORM_PLACEHOLDER));
    return html.append("</section>\n").toString();
  }

  /** The form to report gate evidence: as it was sent, with the problem beside its field, after a bad input. */
  private static String reportForm(Option<ConsoleSessions.FormState> sent) {
    return "<form method=\"post\" action=\"gate-evidence\" id=\"gate-evidence\" class=\"report\"><p id=\"gate-evidence-about\">Report gate "
        + "evidence for the staging head (offline: what the deploy pipeline, the deployment, the smoke checks and CI said)</p>"
        + csrfField(CSRF_PLACEHOLDER)
        + input("deploy-exit", "Deploy exit code", sent, " size=\"4\" inputmode=\"numeric\" placeholder=\"none\"") + " "
        + select("deployment", "Deployment status", List.of(DeploymentState.values()).map(Enum::name),
            sent.map(f -> f.value("deployment")).getOrElse("NOT_FOUND")) + " "
        + select("smoke", "Smoke and E2E", List.of("").appendAll(List.of(SmokeOutcome.values()).map(Enum::name)),
            sent.map(f -> f.value("smoke")).getOrElse("")) + " "
        + select("ci", "CI", List.of(CiState.values()).map(Enum::name), sent.map(f -> f.value("ci")).getOrElse("NO_CHECKS"))
        + " <button type=\"submit\" aria-describedby=\"gate-evidence-about\">Report</button></form>";
  }

  /**
   * A labelled text field with the value it was sent with; when it had a problem, the problem is
   * shown beside it and is its description, and the field is marked invalid.
   */
  private static String input(String name, String label, Option<ConsoleSessions.FormState> sent, String attributes) {
    Option<String> problem = sent.flatMap(f -> f.problems().get(name));
    String value = sent.map(f -> f.value(name)).getOrElse("");
    return "<label>" + label + " <input name=\"" + name + "\" id=\"field-" + name + "\"" + attributes
        + (value.isEmpty() ? "" : " value=\"" + escape(value) + "\"")
        + problem.map(p -> " aria-invalid=\"true\" aria-describedby=\"problem-" + name + "\"").getOrElse("") + "></label>"
        + problem.map(p -> "<span class=\"problem\" id=\"problem-" + name + "\">" + escape(p) + "</span>").getOrElse("");
  }

  private static String select(String name, String label, Seq<String> values, String chosen) {
    StringBuilder html = new StringBuilder("<label>").append(label).append(" <select name=\"").append(name).append("\">");
    for (String value : values) {
      html.append("<option value=\"").append(value).append("\"").append(value.equals(chosen) ? " selected" : "").append(">")
          .append(value.isEmpty() ? "not run" : value.toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append("</option>");
    }
    return html.append("</select></label>").toString();
  }

  private static String words(GateCondition condition) {
    return switch (condition) {
      case STAGING_DEPLOY -> "Staging deploy exited 0";
      case DEPLOYMENT_STATUS -> "Deployment status is success";
      case SMOKE_AND_E2E -> "Smoke and E2E against live staging";
      case CI -> "CI green at this commit";
      case MANUAL_APPROVAL -> "Manual approval";
      case SOAK_TIME -> "Soak time";
      case SYNC_WINDOW -> "Sync window open";
    };
  }

  // ---- history --------------------------------------------------------------------------------

  private static String history(Either<UseCaseFailure<NoRefusal>, Seq<LaneChange>> read) {
    StringBuilder html = new StringBuilder("<section id=\"history\" aria-labelledby=\"history-heading\"><h2 id=\"history-heading\">History</h2>");
    if (read.isLeft()) {
      return html.append("<p>The history cannot be read: ").append(escape(read.getLeft().message())).append("</p></section>\n").toString();
    }
    Seq<LaneChange> changes = read.get();
    if (changes.isEmpty()) {
      return html.append("<p class=\"empty\">Nothing has happened on this lane yet.</p></section>\n").toString();
    }
    html.append("<table><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">What</th></tr></thead><tbody>");
    for (LaneChange change : changes.take(HISTORY_SHOWN)) {
      html.append("<tr><td>").append(time(change.audit().at())).append("</td><td>").append(escape(change.audit().actor().name()))
          .append("</td><td>").append(escape(change.audit().action())).append("</td></tr>");
    }
    html.append("</tbody></table>");
    if (changes.size() > HISTORY_SHOWN) {
      html.append("<p>The latest ").append(HISTORY_SHOWN).append(" changes are shown.</p>");
    }
    return html.append("</section>\n").toString();
  }

  // ---- new proposal ---------------------------------------------------------------------------

  /** The form to add a proposal: as it was typed, with each problem beside its field, after a refusal. */
  private static String proposeForm(Option<ConsoleSessions.FormState> sent) {
    Option<String> formProblem = sent.flatMap(f -> f.problems().get("form"));
    String content = sent.map(f -> f.value("content")).getOrElse("");
    return "<form method=\"post\" action=\"proposals\" id=\"propose\">" + csrfField(CSRF_PLACEHOLDER)
        + input("title", "Title", sent, " required maxlength=\"200\"") + " "
        + input("path", "File", sent, " required placeholder=\"models/orders.sql\"") + " "
        + "<label>Content <textarea name=\"content\" rows=\"3\">" + escape(content) + "</textarea></label> "
        + "<button type=\"submit\">Add proposal</button>"
        + formProblem.map(p -> "<p class=\"problem\" id=\"problem-form\">" + escape(p) + "</p>").getOrElse("")
        + "</form>";
  }

  // ---- digest board ---------------------------------------------------------------------------

  private String digestBoard() {
    if (digests.isEmpty()) {
      return "<section id=\"digest-board\" aria-labelledby=\"digest-board-heading\"><h2 id=\"digest-board-heading\">Digest board</h2><p class=\"empty\">No digest promotion is configured for this "
          + "console.</p></section>\n";
    }
    StringBuilder html = new StringBuilder("<section id=\"digest-board\" aria-labelledby=\"digest-board-heading\"><h2 id=\"digest-board-heading\">Digest board</h2>");
    Either<UseCaseFailure<NoRefusal>, PromotionBoard> read = digests.get().board();
    if (read.isLeft()) {
      return html.append("<p class=\"failed\">The board cannot be read: ").append(escape(read.getLeft().message())).append("</p></section>\n")
          .toString();
    }
    PromotionBoard board = read.get();
    Seq<EnvironmentName> environments = board.path().environments();
    html.append("<table class=\"board\"><thead><tr><th>Service</th>");
    for (EnvironmentName environment : environments) {
      html.append("<th>").append(escape(environment.value())).append(board.platformVersions().get(environment)
          .map(version -> "<br><small>platform " + escape(version) + "</small>").getOrElse("")).append("</th>");
    }
    html.append("</tr></thead><tbody>");
    for (ServiceName service : board.snapshot().pins().services()) {
      html.append("<tr id=\"board-").append(escape(service.value())).append("\"><th>").append(escape(service.value())).append("</th>");
      for (EnvironmentName environment : environments) {
        PromotionTarget target = new PromotionTarget(service, environment);
        html.append("<td id=\"board-").append(escape(service.value())).append("-").append(escape(environment.value())).append("\"><code>")
            .append(board.snapshot().pins().pin(target).map(digest -> escape(digest.abbreviated())).getOrElse("—")).append("</code>");
        board.promotions().get(target).forEach(promotion -> html.append("<div class=\"promotion\">").append(escape(promotion.describe()))
            .append("</div>"));
        board.nextSteps().get(target).forEach(next -> html.append("<div class=\"next\">Next: ").append(escape(next)).append("</div>"));
        html.append("</td>");
      }
      html.append("</tr>");
    }
    html.append("</tbody></table>");
    board.snapshot().problems().forEach(problem -> html.append("<p class=\"failed\">").append(escape(problem.message())).append("</p>"));
    return html.append("</section>\n").toString();
  }

  // ---- preview environments ------------------------------------------------------------------

  private String previews() {
    if (previews.isEmpty()) {
      return "<section id=\"previews\" aria-labelledby=\"previews-heading\"><h2 id=\"previews-heading\">Preview environments</h2><p class=\"empty\">No preview environments are configured for this "
          + "console.</p></section>\n";
    }
    StringBuilder html = new StringBuilder("<section id=\"previews\" aria-labelledby=\"previews-heading\"><h2 id=\"previews-heading\">Preview environments</h2>");
    Either<UseCaseFailure<NoRefusal>, StoredPreviews> stored = previews.get().stored();
    if (stored.isLeft()) {
      html.append("<p class=\"failed\">The previews cannot be read: ").append(escape(stored.getLeft().message())).append("</p>");
    } else {
      PreviewInventory inventory = stored.get().inventory();
      if (inventory.previews().isEmpty()) {
        html.append("<p class=\"empty\">No preview environment is live.</p>");
      } else {
        html.append("<table><thead><tr><th>Pull request</th><th>Head</th><th>Digest</th><th>Created</th><th>Last updated</th></tr></thead><tbody>");
        for (PreviewEnvironment preview : inventory.previews().values()) {
          html.append("<tr id=\"preview-").append(preview.pr().value()).append("\"><td>").append(pullRequest(preview.pr()))
              .append("</td><td><code>").append(escape(preview.headCommit().abbreviated())).append("</code></td><td><code>")
              .append(escape(preview.digest().abbreviated())).append("</code></td><td>").append(time(preview.created()))
              .append("</td><td>").append(time(preview.lastUpdated())).append("</td></tr>");
        }
        html.append("</tbody></table>");
      }
      inventory.pendingCleanups().values().forEach(pending -> html.append("<p class=\"pending\">The preview of PR ")
          .append(pending.pr().value()).append(" was reaped; its cleanup is pending.</p>"));
      inventory.leftAlone().forEach(left -> html.append("<p class=\"left-alone\">Left alone: <code>").append(escape(left.directory().value()))
          .append("</code> (").append(escape(left.detail())).append(")</p>"));
    }
    Either<UseCaseFailure<NoRefusal>, PreviewPlan> plan = previews.get().plan();
    if (plan.isLeft()) {
      html.append("<p class=\"failed\">The next reconcile cannot be planned: ").append(escape(plan.getLeft().message())).append("</p>");
    } else {
      html.append("<div id=\"preview-plan\"><h3>Next reconcile</h3>");
      if (plan.get().isEmpty() && plan.get().cleanups().isEmpty()) {
        html.append("<p>Nothing to change.</p>");
      } else {
        html.append("<ul>");
        plan.get().actions().forEach(action -> html.append("<li>").append(escape(action.message())).append("</li>"));
        plan.get().cleanups().forEach(cleanup -> html.append("<li>Clean up what the preview of PR ").append(cleanup.pr().value())
            .append(" left outside Git.</li>"));
        html.append("</ul>");
      }
      plan.get().holds().forEach(hold -> html.append("<p class=\"hold\">").append(escape(hold.message())).append("</p>"));
      html.append("</div>");
    }
    html.append(form("reconcile-previews", "reconcile-previews", "Reconcile previews", Option.none(), Option.none(), Option.none()));
    return html.append("</section>\n").toString();
  }

  // ---- helpers --------------------------------------------------------------------------------

  /**
   * A form with one button. Acting on a proposal, the button's accessible name also names the
   * proposal ({@code labelledBy}: the element holding its title), so ten "Apply to Staging" buttons
   * read as ten different actions; when it cannot act now, it is disabled and described by the
   * reason, shown beside it, that the action would be refused with.
   */
  private static String form(String action, String id, String label, Option<String> proposal, Option<String> labelledBy,
      Option<String> disabledReason) {
    String button = "button-" + id;
    return "<form method=\"post\" action=\"" + action + "\" id=\"" + escape(id) + "\">" + csrfField(CSRF_PLACEHOLDER)
        + proposal.map(p -> hidden("id", p)).getOrElse("")
        + "<button type=\"submit\"" + labelledBy.map(title -> " id=\"" + escape(button) + "\" aria-labelledby=\"" + escape(button) + " "
            + escape(title) + "\"").getOrElse("")
        + disabledReason.map(reason -> " disabled aria-describedby=\"reason-" + escape(id) + "\"").getOrElse("")
        + ">" + escape(label) + "</button>"
        + disabledReason.map(reason -> "<p class=\"reason\" id=\"reason-" + escape(id) + "\">" + escape(reason) + "</p>").getOrElse("")
        + "</form>";
  }

  /** The token is base64url (or the placeholder replaced by it), so it needs no escaping. */
  private static String csrfField(String csrf) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + csrf + "\">";
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
  }

  private static String time(Instant at) {
    return TIME.format(at);
  }
}
