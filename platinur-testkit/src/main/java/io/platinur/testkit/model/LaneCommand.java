package io.platinur.testkit.model;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.List;

/**
 * A generated lane command, before the arguments that depend on the lane are fixed. The commits a
 * command brings (the staging commit of an apply, rebuilt commits, a production head) are derived
 * from the step number, so every commit in a run is distinct and the run is reproducible.
 */
public sealed interface LaneCommand {

  /** The concrete step at position {@code step}, given the ids in the batch right now. */
  LaneStep at(int step, java.util.List<String> batchIds);

  /** The staging commit made at a step. */
  static CommitId stagingCommit(int step) {
    return commit('a', "", step);
  }

  /** The {@code k}-th rebuilt commit made at a step. */
  static CommitId rebuiltCommit(int step, int k) {
    return commit('b', hex(k, 4), step);
  }

  /** The production head a sync at this step finds. */
  static CommitId productionHead(int step) {
    return commit('c', "", step);
  }

  /** One of a few merge commits, so the same merge can be reported twice. */
  static CommitId mergeCommit(int choice) {
    return commit('d', "", choice);
  }

  /** {@code kind}, then {@code n} in hex padded with zeros, then {@code suffix}: 40 digits in all. */
  private static CommitId commit(char kind, String suffix, long n) {
    return CommitId.of(kind + hex(n, 39 - suffix.length()) + suffix);
  }

  private static String hex(long n, int width) {
    String digits = Long.toHexString(n);
    return "0".repeat(width - digits.length()) + digits;
  }

  record Apply(Proposal proposal) implements LaneCommand {
    @Override
    public LaneStep at(int step, java.util.List<String> batchIds) {
      return new LaneStep.Apply(proposal, stagingCommit(step));
    }

    @Override
    public String toString() {
      return "apply " + proposal.id() + " ‘" + proposal.title() + "’ " + proposal.fileSet().mkString("[", ", ", "]");
    }
  }

  /**
   * Unapply a staged proposal (picked by {@code choice} among the staged ones) or, for a
   * {@code choice} past them, an id that is probably not staged; {@code delta} skews the number
   * of rebuilt commits away from the right one, as a stale caller would.
   */
  record Unapply(int choice, int delta) implements LaneCommand {
    @Override
    public LaneStep at(int step, java.util.List<String> batchIds) {
      String id = choice < batchIds.size() ? batchIds.get(choice) : "p" + choice;
      int position = batchIds.indexOf(id);
      int later = position < 0 ? 0 : batchIds.size() - position - 1;
      int rebuilt = Math.max(0, later + delta);
      return new LaneStep.Unapply(ProposalId.of(id), List.range(0, rebuilt).map(k -> rebuiltCommit(step, k)));
    }

    @Override
    public String toString() {
      return "unapply #" + choice + (delta == 0 ? "" : " with " + (delta > 0 ? "+" : "") + delta + " rebuilt commit(s)");
    }
  }

  record Discard() implements LaneCommand {
    @Override
    public LaneStep at(int step, java.util.List<String> batchIds) {
      return new LaneStep.Discard();
    }

    @Override
    public String toString() {
      return "discard";
    }
  }

  record OpenPr(long pr) implements LaneCommand {
    @Override
    public LaneStep at(int step, java.util.List<String> batchIds) {
      return new LaneStep.OpenPr(PullRequestNumber.of(pr));
    }

    @Override
    public String toString() {
      return "open PR #" + pr;
    }
  }

  record PrClosed(long pr) implements LaneCommand {
    @Override
    public LaneStep at(int step, java.util.List<String> batchIds) {
      return new LaneStep.PrClosed(PullRequestNumber.of(pr));
    }

    @Override
    public String toString() {
      return "PR #" + pr + " closed";
    }
  }

  record PrMerged(long pr, int mergeChoice) implements LaneCommand {
    @Override
    public LaneStep at(int step, java.util.List<String> batchIds) {
      return new LaneStep.PrMerged(PullRequestNumber.of(pr), mergeCommit(mergeChoice));
    }

    @Override
    public String toString() {
      return "PR #" + pr + " merged as merge commit " + mergeChoice;
    }
  }

  record Sync() implements LaneCommand {
    @Override
    public LaneStep at(int step, java.util.List<String> batchIds) {
      return new LaneStep.Sync(productionHead(step));
    }

    @Override
    public String toString() {
      return "sync";
    }
  }
}
