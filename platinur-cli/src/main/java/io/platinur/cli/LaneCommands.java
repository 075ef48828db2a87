package io.platinur.cli;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.lane.SyncResult;
import io.platinur.domain.batch.PromotionBatch;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.card.CardStatus;
import io.platinur.domain.card.ProposalCard;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.lane.ApplyRejection;
import io.platinur.domain.lane.DiscardRejection;
import io.platinur.domain.lane.OpenPromotionPrRejection;
import io.platinur.domain.lane.PromotionPrMergedRejection;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lane.UnapplyRejection;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchHeads;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Files;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The commands that act on the lane through the use cases. */
final class LaneCommands {
  private LaneCommands() {}

  @Command(name = "apply", mixinStandardHelpOptions = true,
      description = "Apply a stored proposal to Staging: one commit on the staging branch.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:applied", "1:error (unknown proposal, no lane, repository problem)",
          "2:rejected by a rule (lane locked, file overlap, already staged or deployed)"})
  static final class Apply extends LaneCommand {
    @Parameters(paramLabel = "PROPOSAL", description = "The proposal id (see ‘platinur status’).")
    String id;

    @Override
    int run(Out out) throws java.io.IOException {
      ProposalId proposalId = LaneHome.parseId(id).getOrElseThrow(Common.BadInput::new);
      return withLane(out, lane -> {
        Proposal proposal = lane.home.load(proposalId).getOrElseThrow(Common.BadInput::new);
        Either<UseCaseFailure<ApplyRejection>, StagedProposal> applied = out.during("Applying " + proposal.id(),
            () -> lane.service.apply(proposal, common.author(clock.instant())));
        if (applied.isLeft()) {
          return out.failed(applied.getLeft());
        }
        StagedProposal staged = applied.get();
        return out.done("Applied ‘" + staged.title() + "’ (" + staged.id() + ") to Staging as commit "
            + staged.commit().abbreviated() + " on " + lane.config.staging() + ".",
            Json.object().put("staged", Words.staged(staged)));
      });
    }
  }

  @Command(name = "unapply", mixinStandardHelpOptions = true,
      description = "Take a staged proposal out of Staging (only until a promotion PR exists).")
  static final class Unapply extends LaneCommand {
    @Parameters(paramLabel = "PROPOSAL", description = "The staged proposal's id.")
    String id;

    @Override
    int run(Out out) throws java.io.IOException {
      ProposalId proposalId = LaneHome.parseId(id).getOrElseThrow(Common.BadInput::new);
      return withLane(out, lane -> {
        Either<UseCaseFailure<NoRefusal>, StagingLane> before = lane.service.lane();
        if (before.isLeft()) {
          return out.failed(before.getLeft());
        }
        // An id the lane never heard of is bad input (exit 1), as for apply; a known one not staged is the rule's answer.
        if (!Files.isDirectory(lane.home.proposalDir(proposalId)) && !before.get().batch().contains(proposalId)
            && !before.get().deployed().contains(proposalId)) {
          throw new Common.BadInput(lane.home.unknown(proposalId));
        }
        Either<UseCaseFailure<UnapplyRejection>, StagingLane> done = out.during("Unapplying " + proposalId,
            () -> lane.service.unapply(proposalId, common.author(clock.instant())));
        if (done.isLeft()) {
          return out.failed(done.getLeft());
        }
        return out.done("Unapplied " + proposalId + " from Staging; " + done.get().batch().size()
            + " proposal(s) remain staged.", Json.object().put("lane", Words.lane(done.get())));
      });
    }
  }

  @Command(name = "discard", mixinStandardHelpOptions = true,
      description = "Discard the whole staged batch (only until a promotion PR exists): staging returns to its base.")
  static final class Discard extends LaneCommand {
    @Override
    int run(Out out) throws java.io.IOException {
      return withLane(out, lane -> {
        Either<UseCaseFailure<NoRefusal>, StagingLane> before = lane.service.lane();
        if (before.isLeft()) {
          return out.failed(before.getLeft());
        }
        if (before.get().batch().isEmpty() && !before.get().lock().isLocked()) {
          return out.done("Nothing is staged: there is no batch to discard; " + lane.config.staging() + " is at "
              + before.get().stagingHead().abbreviated() + ".", Json.object().put("discarded", java.util.List.of())
              .put("lane", Words.lane(before.get())));
        }
        Either<UseCaseFailure<DiscardRejection>, StagingLane> done = out.during("Discarding the batch", () -> lane.service.discardBatch(common.actor()));
        if (done.isLeft()) {
          return out.failed(done.getLeft());
        }
        return out.done("Discarded the staged batch (" + before.get().batch().proposals().map(p -> p.id().value()).mkString(", ") + "); "
            + lane.config.staging() + " is back at " + done.get().stagingHead().abbreviated() + ".",
            Json.object().put("discarded", before.get().batch().proposals().map(p -> p.id().value())).put("lane", Words.lane(done.get())));
      });
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Show the lock, the staged batch and every stored proposal's card with its status and reason.")
  static final class Status extends LaneCommand {
    @Override
    int run(Out out) throws java.io.IOException {
      return withLane(out, lane -> {
        Seq<LaneHome.Stored> stored = lane.home.proposals().getOrElseThrow(Common.BadInput::new);
        Seq<Proposal> proposals = stored.flatMap(s -> s.proposal().toOption());
        Either<UseCaseFailure<NoRefusal>, BranchHeads> heads = lane.git.staging().heads().mapLeft(UseCaseFailure::unavailable);
        if (heads.isLeft()) {
          return out.failed(heads.getLeft());
        }
        Either<UseCaseFailure<NoRefusal>, StagingLane> current = lane.service.lane();
        // The staging branch moved outside Platinur: apply first adopts the batch as Git records it,
        // and refuses when it cannot. The cards say what apply would do, never more.
        Option<String> blocked = Option.none();
        StagingLane state;
        if (current.isRight()) {
          state = current.get();
        } else {
          // Nothing stored yet and Git's batch cannot be read (reading the lane refuses nothing, so
          // it only fails this way): what apply would say, on every card.
          state = StagingLane.start(heads.get().production());
          blocked = Option.some(current.getLeft().message());
        }
        if (blocked.isEmpty() && !heads.get().staging().equals(state.stagingHead())) {
          var recorded = lane.git.staging().readBatch();
          if (recorded.isLeft()) {
            blocked = Option.some(recorded.getLeft().message());
          } else {
            try {
              state = StagingLane.restore(recorded.get().base(), PromotionBatch.of(recorded.get().proposals()), state.lock(), state.deployed());
            } catch (io.platinur.domain.InvalidValueException e) {
              blocked = Option.some("The staging branch holds a batch Platinur cannot accept: " + e.getMessage());
            }
          }
        }
        Seq<ProposalCard> cards = ProposalCard.of(state, proposals);
        StringBuilder text = new StringBuilder();
        text.append("Lane ").append(lane.config.staging()).append(" → ").append(lane.config.production())
            .append(" in ").append(lane.config.repository()).append('\n');
        text.append("  ").append(lane.config.staging()).append(" at ").append(heads.get().staging().abbreviated())
            .append(", ").append(lane.config.production()).append(" at ").append(heads.get().production().abbreviated()).append('\n');
        blocked.forEach(reason -> text.append("  ").append(lane.config.staging()).append(" was changed outside Platinur: ")
            .append(reason).append('\n'));
        text.append("Lock: ").append(Words.lock(state.lock())).append('\n');
        text.append("Batch: ").append(state.batch().isEmpty() ? "empty" : state.batch().size() + " staged proposal(s)").append('\n');
        state.batch().proposals().forEach(p -> text.append("  ").append(p.id()).append("  ‘").append(p.title()).append("’  ")
            .append(p.commit().abbreviated()).append('\n').append(Words.paths(p.files().map(Object::toString), "      ")));
        text.append("Proposals:").append(stored.isEmpty() ? " none stored (use ‘platinur propose’)" : "").append('\n');
        java.util.List<Json> cardsJson = new java.util.ArrayList<>();
        for (LaneHome.Stored entry : stored) {
          if (entry.proposal().isLeft()) {
            text.append("  ").append(entry.id()).append("  — Invalid\n      ").append(entry.proposal().getLeft()).append('\n');
            cardsJson.add(Json.object().put("id", entry.id()).put("title", null).put("status", "Invalid").put("canApply", false)
                .put("applyDisabledReason", entry.proposal().getLeft()));
            continue;
          }
          ProposalCard card = cards.find(c -> c.id().value().equals(entry.id())).get();
          Option<String> refused = card.canApply() ? blocked : Option.none();
          String status = refused.isDefined() ? "Blocked" : card.status().label();
          text.append("  ").append(card.id()).append("  ‘").append(card.title()).append("’ — ").append(status).append('\n');
          // Staged and deployed cards explain themselves; the reason matters on the others.
          refused.orElse(card.applyDisabledReason().filter(reason -> card.status() != CardStatus.STAGED && card.status() != CardStatus.DEPLOYED))
              .forEach(reason -> text.append("      ").append(reason).append('\n'));
          cardsJson.add(refused.isEmpty() ? Words.card(card) : Json.object().put("id", card.id().value()).put("title", card.title())
              .put("status", status).put("canApply", false).put("applyDisabledReason", refused.get()));
        }
        return out.done(text.toString().stripTrailing(), Json.object()
            .put("repository", lane.config.repository().toString())
            .put("stagingBranch", lane.config.staging().name())
            .put("productionBranch", lane.config.production().name())
            .put("heads", Json.object().put("staging", heads.get().staging().hex()).put("production", heads.get().production().hex()))
            .put("lane", Words.lane(state))
            .put("cards", cardsJson));
      });
    }
  }

  @Command(name = "promote", mixinStandardHelpOptions = true,
      description = "Open the promotion PR from the staging branch into the production branch; Staging locks.")
  static final class Promote extends LaneCommand {
    @Override
    int run(Out out) throws java.io.IOException {
      return withLane(out, lane -> {
        Either<UseCaseFailure<OpenPromotionPrRejection>, PromotionPullRequest> opened = out.during("Opening the promotion PR",
            () -> lane.service.openPromotionPr(common.actor()));
        if (opened.isLeft()) {
          return out.failed(opened.getLeft());
        }
        PromotionPullRequest pr = opened.get();
        String words = lane.forge.isDefined() && lane.words() == io.platinur.domain.forge.ForgeWords.GITLAB
            ? "Opened promotion merge request !" + pr.number().value() + " from " + pr.head() + " into " + pr.base()
                + ". Staging is locked until the merge request is merged or closed and Promotions are synced."
            : "Opened promotion PR " + pr.number() + " from " + pr.head() + " into " + pr.base()
                + ". Staging is locked until the PR is merged or closed and Promotions are synced.";
        return out.done(words,
            Json.object().put("pr", pr.number().value()).put("head", pr.head().name()).put("base", pr.base().name())
                .put("headCommit", pr.headCommit().hex()));
      });
    }
  }

  @Command(name = "sync", mixinStandardHelpOptions = true,
      description = "Sync Promotions: finalize a merged promotion (deploy, reset staging, unlock), unlock after a close, repair from Git.")
  static final class Sync extends LaneCommand {
    @Override
    int run(Out out) throws java.io.IOException {
      return withLane(out, lane -> synced(out, out.during("Syncing Promotions", () -> lane.service.syncPromotions(common.actor()))));
    }
  }

  static int synced(Out out, Either<? extends UseCaseFailure<?>, SyncResult> result) {
    if (result.isLeft()) {
      return out.failed(result.getLeft());
    }
    SyncResult sync = result.get();
    StringBuilder text = new StringBuilder();
    Words.lines(sync.events()).forEach(line -> text.append(line).append('\n'));
    if (sync.repaired()) {
      text.append("Repaired the lane from Git.\n");
    }
    sync.notes().forEach(note -> text.append("Note: ").append(note).append('\n'));
    if (text.length() == 0) {
      text.append("Nothing to do: the lane agrees with Git and the pull-request host.\n");
    }
    text.append("Lock: ").append(Words.lock(sync.lane().lock()));
    return out.done(text.toString(), Json.object()
        .put("events", sync.events().map(Words::eventJson))
        .put("repaired", sync.repaired())
        .put("notes", sync.notes())
        .put("lane", Words.lane(sync.lane())));
  }

  static int notOffline(Out out, LaneContext lane, String what) {
    LaneContext.ForgeLink forge = lane.forge.get();
    String pr = forge.words().pullRequest();
    return out.error("BAD_INPUT", "This lane's promotion " + pr + "s are on " + forge.name() + ": " + what + " the " + pr
        + " there, then run ‘platinur sync’.");
  }
}
