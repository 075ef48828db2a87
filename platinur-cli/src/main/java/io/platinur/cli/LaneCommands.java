package io.platinur.cli;

import io.platinur.application.LaneFailure;
import io.platinur.application.SyncResult;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.card.CardStatus;
import io.platinur.domain.card.ProposalCard;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.PromotionPullRequest;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchHeads;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
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
        Either<LaneFailure, StagedProposal> applied = out.during("Applying " + proposal.id(),
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
        Either<LaneFailure, StagingLane> done = out.during("Unapplying " + proposalId,
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
        Either<LaneFailure, StagingLane> done = out.during("Discarding the batch", () -> lane.service.discardBatch(common.actor()));
        if (done.isLeft()) {
          return out.failed(done.getLeft());
        }
        return out.done("Discarded the staged batch; " + lane.config.staging() + " is back at "
            + done.get().stagingHead().abbreviated() + ".", Json.object().put("lane", Words.lane(done.get())));
      });
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Show the lock, the staged batch and every stored proposal's card with its status and reason.")
  static final class Status extends LaneCommand {
    @Override
    int run(Out out) throws java.io.IOException {
      return withLane(out, lane -> {
        Seq<Proposal> proposals = lane.home.proposals().getOrElseThrow(Common.BadInput::new);
        Either<LaneFailure, StagingLane> current = lane.service.lane();
        if (current.isLeft()) {
          return out.failed(current.getLeft());
        }
        Either<LaneFailure, BranchHeads> heads = lane.git.staging().heads().mapLeft(LaneFailure.Unavailable::new);
        if (heads.isLeft()) {
          return out.failed(heads.getLeft());
        }
        StagingLane state = current.get();
        Seq<ProposalCard> cards = ProposalCard.of(state, proposals);
        StringBuilder text = new StringBuilder();
        text.append("Lane ").append(lane.config.staging()).append(" → ").append(lane.config.production())
            .append(" in ").append(lane.config.repository()).append('\n');
        text.append("  ").append(lane.config.staging()).append(" at ").append(heads.get().staging().abbreviated())
            .append(", ").append(lane.config.production()).append(" at ").append(heads.get().production().abbreviated()).append('\n');
        text.append("Lock: ").append(Words.lock(state.lock())).append('\n');
        text.append("Batch: ").append(state.batch().isEmpty() ? "empty" : state.batch().size() + " staged proposal(s)").append('\n');
        state.batch().proposals().forEach(p -> text.append("  ").append(p.id()).append("  ‘").append(p.title()).append("’  ")
            .append(p.commit().abbreviated()).append("  ").append(p.files().mkString(", ")).append('\n'));
        text.append("Proposals:").append(cards.isEmpty() ? " none stored (use ‘platinur propose’)" : "").append('\n');
        cards.forEach(card -> {
          text.append("  ").append(card.id()).append("  ‘").append(card.title()).append("’ — ").append(card.status().label()).append('\n');
          // Staged and deployed cards explain themselves; the reason matters on the others.
          card.applyDisabledReason().filter(reason -> card.status() != CardStatus.STAGED && card.status() != CardStatus.DEPLOYED)
              .forEach(reason -> text.append("      ").append(reason).append('\n'));
        });
        return out.done(text.toString().stripTrailing(), Json.object()
            .put("repository", lane.config.repository().toString())
            .put("stagingBranch", lane.config.staging().name())
            .put("productionBranch", lane.config.production().name())
            .put("heads", Json.object().put("staging", heads.get().staging().hex()).put("production", heads.get().production().hex()))
            .put("lane", Words.lane(state))
            .put("cards", cards.map(Words::card)));
      });
    }
  }

  @Command(name = "promote", mixinStandardHelpOptions = true,
      description = "Open the promotion PR from the staging branch into the production branch; Staging locks.")
  static final class Promote extends LaneCommand {
    @Override
    int run(Out out) throws java.io.IOException {
      return withLane(out, lane -> {
        Either<LaneFailure, PromotionPullRequest> opened = out.during("Opening the promotion PR",
            () -> lane.service.openPromotionPr(common.actor()));
        if (opened.isLeft()) {
          return out.failed(opened.getLeft());
        }
        PromotionPullRequest pr = opened.get();
        return out.done("Opened promotion PR " + pr.number() + " from " + pr.head() + " into " + pr.base()
            + ". Staging is locked until the PR is merged or closed and Promotions are synced.",
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

  static int synced(Out out, Either<LaneFailure, SyncResult> result) {
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

  static int notOffline(Out out, String what) {
    return out.error("BAD_INPUT", "This lane's promotion PRs are on GitHub: " + what + " the PR there, then run ‘platinur sync’.");
  }

  @Command(name = "pr", mixinStandardHelpOptions = true,
      description = "Merge or close the promotion PR on the offline pull-request host (with GitHub, do it in GitHub).",
      subcommands = {Pr.Merge.class, Pr.Close.class})
  static final class Pr implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Say which: ‘platinur pr merge’ or ‘platinur pr close’.");
    }

    @Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge the open promotion PR at the staging head the lane recorded, then Sync Promotions.")
    static final class Merge extends LaneCommand {
      @Override
      int run(Out out) throws java.io.IOException {
        return withLane(out, lane -> lane.github.isDefined() ? notOffline(out, "merge") : synced(out, out.during("Merging the promotion PR",
            () -> lane.service.mergePromotionPr(common.actor()))));
      }
    }

    @Command(name = "close", mixinStandardHelpOptions = true,
        description = "Close the open promotion PR without merging, then Sync Promotions: Staging unlocks and keeps its batch.")
    static final class Close extends LaneCommand {
      @Override
      int run(Out out) throws java.io.IOException {
        return withLane(out, lane -> lane.github.isDefined() ? notOffline(out, "close") : synced(out, out.during("Closing the promotion PR",
            () -> lane.service.closePromotionPr(common.actor()))));
      }
    }
  }
}
