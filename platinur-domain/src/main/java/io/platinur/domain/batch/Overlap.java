package io.platinur.domain.batch;

import io.platinur.domain.proposal.RepoPath;
import io.vavr.collection.SortedSet;

/**
 * A staged proposal that changes some of the same files as a new one, as the {@link
 * OverlapChecker} found it. {@code paths} are spelled as the staged proposal spells them (a
 * case-only difference counts as the same file).
 */
public record Overlap(StagedProposal staged, SortedSet<RepoPath> paths) {

  /** The exact user-facing message: see {@link OverlapChecker#message(Overlap)}. */
  public String message() {
    return OverlapChecker.message(this);
  }
}
