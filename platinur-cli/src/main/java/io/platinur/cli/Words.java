package io.platinur.cli;

import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.card.ProposalCard;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.ReleaseLock;
import io.vavr.collection.List;
import io.vavr.collection.Seq;

/** The lane in words and in JSON fields: one place, so text and JSON say the same thing. */
final class Words {
  private Words() {}

  /** The most paths listed one a line before the list is shortened: about a screenful. */
  static final int PATHS_SHOWN = 20;

  /**
   * Paths one a line, each after {@code indent}; past {@link #PATHS_SHOWN} the list stops with a
   * count of the rest (--json lists them all).
   */
  static String paths(io.vavr.collection.Traversable<String> paths, String indent) {
    StringBuilder text = new StringBuilder();
    paths.take(paths.size() > PATHS_SHOWN ? PATHS_SHOWN - 1 : PATHS_SHOWN).forEach(path -> text.append(indent).append(path).append('\n'));
    if (paths.size() > PATHS_SHOWN) {
      text.append(indent).append("… and ").append(paths.size() - PATHS_SHOWN + 1).append(" more file(s); --json lists them all\n");
    }
    return text.toString();
  }

  static String lock(ReleaseLock lock) {
    return lock.fold(
        unlocked -> "unlocked",
        open -> "locked: promotion PR " + open.pr() + " is open",
        awaiting -> "locked: promotion PR " + awaiting.pr() + " merged as " + awaiting.mergeCommit().abbreviated()
            + ", awaiting Sync Promotions");
  }

  static Json lockJson(ReleaseLock lock) {
    return lock.fold(
        unlocked -> Json.object().put("state", "unlocked"),
        open -> Json.object().put("state", "promotion-pr-open").put("pr", open.pr().value()),
        awaiting -> Json.object().put("state", "awaiting-main-sync").put("pr", awaiting.pr().value())
            .put("mergeCommit", awaiting.mergeCommit().hex()));
  }

  static Json staged(StagedProposal staged) {
    return Json.object().put("id", staged.id().value()).put("title", staged.title())
        .put("commit", staged.commit().hex()).put("files", staged.files().map(Object::toString));
  }

  static Json card(ProposalCard card) {
    return Json.object().put("id", card.id().value()).put("title", card.title()).put("status", card.status().label())
        .put("canApply", card.canApply()).put("applyDisabledReason", card.applyDisabledReason().getOrNull());
  }

  static Json lane(StagingLane lane) {
    return Json.object()
        .put("lock", lockJson(lane.lock()))
        .put("base", lane.base().hex())
        .put("stagingHead", lane.stagingHead().hex())
        .put("batch", lane.batch().proposals().map(Words::staged))
        .put("deployed", lane.deployed().toSortedSet().map(id -> id.value()));
  }

  /** What an event means to the person who ran the command. */
  static String event(LaneEvent event) {
    return event.accept(new LaneEvent.Visitor<String>() {
      @Override
      public String proposalStaged(LaneEvent.ProposalStaged e) {
        return "Staged ‘" + e.staged().title() + "’ (" + e.staged().id() + ") as " + e.staged().commit().abbreviated() + ".";
      }

      @Override
      public String proposalUnstaged(LaneEvent.ProposalUnstaged e) {
        return "Unstaged " + e.id() + ".";
      }

      @Override
      public String batchDiscarded(LaneEvent.BatchDiscarded e) {
        return "Discarded " + e.discarded().mkString(", ") + ".";
      }

      @Override
      public String promotionPrOpened(LaneEvent.PromotionPrOpened e) {
        return "Promotion PR " + e.pr() + " is open; Staging is locked.";
      }

      @Override
      public String promotionPrClosed(LaneEvent.PromotionPrClosed e) {
        return "Promotion PR " + e.pr() + " was closed without merging; Staging is unlocked and keeps its batch.";
      }

      @Override
      public String promotionPrMerged(LaneEvent.PromotionPrMerged e) {
        return "Promotion PR " + e.pr() + " was merged as " + e.mergeCommit().abbreviated() + ".";
      }

      @Override
      public String promotionFinalized(LaneEvent.PromotionFinalized e) {
        return "Deployed " + e.deployed().mkString(", ") + "; the staging branch is reset to production ("
            + e.productionHead().abbreviated() + "); Staging is unlocked.";
      }
    });
  }

  static Json eventJson(LaneEvent event) {
    return Json.object().put("type", event.getClass().getSimpleName()).put("text", event(event));
  }

  static Seq<String> lines(Seq<? extends LaneEvent> events) {
    return List.ofAll(events).map(Words::event);
  }
}
