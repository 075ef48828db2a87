package io.platinur.console;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.lane.SyncResult;
import io.platinur.console.ConsoleSessions.Answer;
import io.platinur.console.ConsoleSessions.FormState;
import io.platinur.domain.Actor;
import io.platinur.domain.InvalidValueException;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.gate.SmokeOutcome;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What each of the page's forms does: one use case call, answered in the library's words. A form
 * a browser never sends (a missing field, an unknown choice or proposal) is a {@link BadRequest};
 * what a person typed wrong comes back as an {@code invalid} answer with the form as it was.
 */
final class ConsoleActions {
  /** Form names, as the page posts them. */
  static final String PROPOSE = "propose";
  static final String GATE_EVIDENCE = "gate-evidence";

  private final StagingLaneService lane;
  private final ProposalCatalog catalog;
  private final Option<OfflineHost> offlineHost;
  private final Option<ReportedGateEvidence> reported;
  private final String authorName;
  private final String authorEmail;
  private final Clock clock;

  ConsoleActions(StagingLaneService lane, ProposalCatalog catalog, Option<OfflineHost> offlineHost, Option<ReportedGateEvidence> reported,
      String authorName, String authorEmail, Clock clock) {
    this.lane = lane;
    this.catalog = catalog;
    this.offlineHost = offlineHost;
    this.reported = reported;
    this.authorName = authorName;
    this.authorEmail = authorEmail;
    this.clock = clock;
  }

  /** Every action by its path. */
  Map<String, Function<Map<String, String>, Answer>> byPath() {
    Map<String, Function<Map<String, String>, Answer>> actions = new HashMap<>();
    actions.put("/apply", this::apply);
    actions.put("/unapply", this::unapply);
    actions.put("/discard", form -> answer(lane.discardBatch(actor()), discarded -> "Discarded the staged batch; Staging is back at its base."));
    actions.put("/open-pr", form -> openPromotionPr());
    actions.put("/sync", form -> sync());
    actions.put("/proposals", this::propose);
    offlineHost.forEach(host -> {
      actions.put("/merge", form -> merge(host));
      actions.put("/close", form -> answer(lane.closePromotionPr(actor()), synced -> "Closed the promotion PR without merging. " + synced(synced)));
    });
    reported.forEach(evidence -> actions.put("/gate-evidence", form -> report(evidence, form)));
    return actions;
  }

  private Answer apply(Map<String, String> form) {
    Proposal proposal = proposal(form);
    return answer(lane.apply(proposal, author()), staged -> "Applied ‘" + staged.title() + "’ to Staging as commit "
        + staged.commit().abbreviated() + ".");
  }

  private Answer unapply(Map<String, String> form) {
    ProposalId id = proposalId(form);
    return answer(lane.unapply(id, author()), after -> "Unapplied " + id + " from Staging.");
  }

  private Answer openPromotionPr() {
    Either<PortFailure, Boolean> published = offlineHost.map(OfflineHost::publishStaging).getOrElse(Either.right(false));
    if (published.isLeft()) {
      return new Answer("failed", published.getLeft().message());
    }
    return answer(lane.openPromotionPr(actor()), pr -> "Opened promotion PR " + pr.number() + "; Staging is locked until the release completes.");
  }

  /**
   * Merges the open promotion PR on the offline host at the staging head the lane recorded, then
   * syncs, so the lane records the merge and waits for its production branch. Without an open PR
   * the lane's own merge answers (a rejection while unlocked).
   */
  private Answer merge(OfflineHost host) {
    Either<UseCaseFailure<NoRefusal>, StagingLane> current = lane.lane();
    if (current.isLeft()) {
      return answer(current, ignored -> "");
    }
    if (!(current.get().lock() instanceof ReleaseLock.PromotionPrOpen open)) {
      return answer(lane.mergePromotionPr(actor()), ConsoleActions::synced);
    }
    Either<PortFailure, CommitId> merged = host.merge(open.pr(), current.get().stagingHead());
    if (merged.isLeft()) {
      return new Answer("failed", merged.getLeft().message());
    }
    return answer(lane.syncPromotions(actor()), synced -> "Merged promotion PR " + open.pr() + " on the offline host as "
        + merged.get().abbreviated() + ". " + synced(synced));
  }

  private Answer sync() {
    Either<PortFailure, Boolean> fetched = offlineHost.map(OfflineHost::fetchProduction).getOrElse(Either.right(false));
    if (fetched.isLeft()) {
      return new Answer("failed", fetched.getLeft().message());
    }
    return answer(lane.syncPromotions(actor()), ConsoleActions::synced);
  }

  private static String synced(SyncResult result) {
    StringBuilder text = new StringBuilder("Sync Promotions: ");
    Option<LaneEvent.PromotionFinalized> finalized = result.events().find(e -> e instanceof LaneEvent.PromotionFinalized)
        .map(e -> (LaneEvent.PromotionFinalized) e);
    if (finalized.isDefined()) {
      text.append("promotion PR ").append(finalized.get().pr()).append(" finalized; deployed ")
          .append(finalized.get().deployed().size()).append(" proposal(s); Staging reset to ")
          .append(finalized.get().productionHead().abbreviated()).append(" and unlocked.");
    } else {
      text.append("Staging is ").append(result.lane().lock().isLocked() ? "locked." : "unlocked.");
    }
    result.notes().forEach(note -> text.append(' ').append(note));
    return text.toString();
  }

  /**
   * Adds a proposal typed on the page. A problem with the title or the path is said beside that
   * field (the domain's words), and the form comes back as it was typed.
   */
  private Answer propose(Map<String, String> form) {
    String title = present(form, "title");
    String path = present(form, "path");
    String content = form.getOrDefault("content", "");
    LinkedHashMap<String, String> values = LinkedHashMap.of("title", title, "path", path, "content", content);
    // Each field checked on its own, so its problems are said beside it; a sample stands in for the other.
    Seq<String> titleProblems = problems(Proposal.builder(ProposalId.of("p-0"), title).write("x", "").validate());
    Seq<String> pathProblems = problems(Proposal.builder(ProposalId.of("p-0"), "x").write(path, content).validate());
    Validation<Seq<String>, Proposal> added = titleProblems.isEmpty() && pathProblems.isEmpty()
        ? catalog.add(title, path, content)
        : Validation.invalid(titleProblems.appendAll(pathProblems));
    if (added.isInvalid()) {
      LinkedHashMap<String, String> problems = LinkedHashMap.empty();
      if (!titleProblems.isEmpty()) {
        problems = problems.put("title", titleProblems.mkString(" "));
      }
      if (!pathProblems.isEmpty()) {
        problems = problems.put("path", pathProblems.mkString(" "));
      }
      if (titleProblems.isEmpty() && pathProblems.isEmpty()) {
        // the catalog refused it (a host's catalog may take no new proposals): said under the form
        problems = problems.put("form", added.getError().mkString(" "));
      }
      return new Answer("invalid", "The proposal was not added: " + added.getError().mkString(" "),
          Option.some(new FormState(PROPOSE, values, problems)));
    }
    return new Answer("done", "Added proposal " + added.get().id() + ", ‘" + added.get().title() + "’.");
  }

  private static Seq<String> problems(Validation<Seq<String>, Proposal> checked) {
    return checked.fold(problems -> problems, valid -> List.empty());
  }

  /**
   * Records gate evidence reported by hand. The choices come from the page's menus (anything else
   * is a bad request); the exit code is typed, so a wrong one is said beside its field.
   */
  private Answer report(ReportedGateEvidence evidence, Map<String, String> form) {
    DeploymentState deployment = choice(DeploymentState.class, form, "deployment");
    Option<SmokeOutcome> smoke = Option.of(form.get("smoke")).filter(s -> !s.isEmpty()).map(s -> choice(SmokeOutcome.class, form, "smoke"));
    CiState ci = choice(CiState.class, form, "ci");
    String exitText = form.getOrDefault("deploy-exit", "").strip();
    Option<Integer> exit;
    try {
      exit = exitText.isEmpty() ? Option.none() : Option.some(Integer.parseInt(exitText));
    } catch (NumberFormatException e) {
      String problem = "The deploy exit code must be a whole number, not ‘" + exitText + "’.";
      LinkedHashMap<String, String> values = LinkedHashMap.of("deploy-exit", form.getOrDefault("deploy-exit", ""),
          "deployment", deployment.name(), "smoke", smoke.map(Enum::name).getOrElse(""), "ci", ci.name());
      return new Answer("invalid", problem, Option.some(new FormState(GATE_EVIDENCE, values, LinkedHashMap.of("deploy-exit", problem))));
    }
    Either<UseCaseFailure<NoRefusal>, CommitId> head = lane.lane().map(StagingLane::stagingHead);
    if (head.isLeft()) {
      return new Answer("failed", head.getLeft().message());
    }
    evidence.report(new ReportedGateEvidence.Report(head.get(), exit, deployment, smoke, ci));
    return new Answer("done", "Reported gate evidence for " + head.get().abbreviated() + ".");
  }

  static <T> Answer answer(Either<? extends UseCaseFailure<?>, T> outcome, Function<T, String> done) {
    return outcome.fold(
        failure -> failure.fold(rejected -> new Answer("rejected", rejected.message()), unavailable -> new Answer("failed", unavailable.message())),
        result -> new Answer("done", done.apply(result)));
  }

  private CommitAuthor author() {
    return new CommitAuthor(actor(), authorEmail, clock.instant());
  }

  private Actor actor() {
    return Actor.of(authorName);
  }

  private Proposal proposal(Map<String, String> form) {
    ProposalId id = proposalId(form);
    return catalog.find(id).getOrElseThrow(() -> new BadRequest(404, "There is no proposal ‘" + id + "’ in this console."));
  }

  private static ProposalId proposalId(Map<String, String> form) {
    String id = required(form, "id");
    try {
      return ProposalId.of(id);
    } catch (InvalidValueException e) {
      throw new BadRequest(400, e.getMessage());
    }
  }

  /** A field the page's form always sends, with something in it. */
  static String required(Map<String, String> form, String name) {
    String value = form.get(name);
    if (value == null || value.isBlank()) {
      throw new BadRequest(400, "The form field ‘" + name + "’ is missing.");
    }
    return value;
  }

  /** A field the page's form always sends; what a person typed into it, blank or not, is checked by the rules. */
  private static String present(Map<String, String> form, String name) {
    String value = form.get(name);
    if (value == null) {
      throw new BadRequest(400, "The form field ‘" + name + "’ is missing.");
    }
    return value;
  }

  private static <E extends Enum<E>> E choice(Class<E> type, Map<String, String> form, String name) {
    String value = required(form, name);
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(400, "‘" + value + "’ is not a choice for " + name + ".");
    }
  }
}
