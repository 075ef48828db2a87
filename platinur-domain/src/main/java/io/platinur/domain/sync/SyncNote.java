package io.platinur.domain.sync;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.lane.CommandRejection;
import io.platinur.domain.lane.IllegalLaneEvent;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import java.util.Objects;

/**
 * Something Sync Promotions tells the user beside what it did: a proposal that left the batch, a
 * merge production does not contain yet, a pull request it could not take. {@link #message()} is
 * the exact text; {@code toString()} is the same text.
 */
public sealed interface SyncNote
    permits SyncNote.ProposalLeftStagingBranch,
        SyncNote.OpenPrWithNothingStaged,
        SyncNote.ProposalMissedPromotion,
        SyncNote.MergeNotInProductionYet,
        SyncNote.Refused,
        SyncNote.EventRefused,
        SyncNote.LockFileRemoved {

  /** The exact text to show. */
  String message();

  /** A staged proposal is no longer on the staging branch (moved outside Platinur): it left the batch. */
  record ProposalLeftStagingBranch(String title) implements SyncNote {
    public ProposalLeftStagingBranch {
      Objects.requireNonNull(title, "title");
    }

    @Override
    public String message() {
      return "Proposal ‘" + title + "’ is no longer on the staging branch; it is no longer staged. Apply it again.";
    }

    @Override
    public String toString() {
      return message();
    }
  }

  /** A pull request is open from staging to production, but the lane has nothing staged to lock on it. */
  record OpenPrWithNothingStaged(PullRequestNumber pr, BranchName staging, BranchName production) implements SyncNote {
    public OpenPrWithNothingStaged {
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(staging, "staging");
      Objects.requireNonNull(production, "production");
    }

    @Override
    public String message() {
      return "Pull request " + pr + " is open from " + staging + " to " + production + ", but nothing is staged.";
    }

    @Override
    public String toString() {
      return message();
    }
  }

  /** A staged proposal is not in production after its promotion PR merged: it left the batch, not deployed. */
  record ProposalMissedPromotion(String title, PullRequestNumber pr) implements SyncNote {
    public ProposalMissedPromotion {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(pr, "pr");
    }

    @Override
    public String message() {
      return "Proposal ‘" + title + "’ did not reach production with promotion PR " + pr
          + "; it is no longer staged. Apply it again.";
    }

    @Override
    public String toString() {
      return message();
    }
  }

  /** The promotion PR merged, but the production branch does not contain its merge commit yet. */
  record MergeNotInProductionYet(BranchName production, CommitId mergeCommit) implements SyncNote {
    public MergeNotInProductionYet {
      Objects.requireNonNull(production, "production");
      Objects.requireNonNull(mergeCommit, "mergeCommit");
    }

    @Override
    public String message() {
      return "Production branch " + production + " does not contain merge commit " + mergeCommit.abbreviated()
          + " yet; sync again once it does.";
    }

    @Override
    public String toString() {
      return message();
    }
  }

  /** The rules refused what the forge showed (a promotion PR at another commit than the staging head, …). */
  record Refused(CommandRejection rejection) implements SyncNote {
    public Refused {
      Objects.requireNonNull(rejection, "rejection");
    }

    @Override
    public String message() {
      return rejection.message();
    }

    @Override
    public String toString() {
      return message();
    }
  }

  /** The lane could not take an event (its stored state is out of line with the rules). */
  record EventRefused(IllegalLaneEvent illegal) implements SyncNote {
    public EventRefused {
      Objects.requireNonNull(illegal, "illegal");
    }

    @Override
    public String message() {
      return illegal.message();
    }

    @Override
    public String toString() {
      return message();
    }
  }

  /** A lock file a crashed writer left was removed before syncing; {@code sentence} is the adapter's account of it. */
  record LockFileRemoved(String sentence) implements SyncNote {
    public LockFileRemoved {
      Objects.requireNonNull(sentence, "sentence");
    }

    @Override
    public String message() {
      return sentence;
    }

    @Override
    public String toString() {
      return message();
    }
  }
}
