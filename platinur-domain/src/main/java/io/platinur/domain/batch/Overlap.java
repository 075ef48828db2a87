package io.platinur.domain.batch;

import io.platinur.domain.proposal.RepoPath;
import io.vavr.collection.SortedSet;

/**
 * A staged proposal that changes some of the same files as a new one. {@code paths} are spelled
 * as the staged proposal spells them (a case-only difference counts as the same file).
 */
public record Overlap(StagedProposal staged, SortedSet<RepoPath> paths) {

  /**
   * The user-facing message, exactly: {@code Proposal ‘<title>’ is already staged and also changes
   * <first path> and N more file(s). Promote or discard the staged batch before staging this
   * proposal.} where the {@code and N more file(s)} part is left out when N is 0.
   */
  public String message() {
    int more = paths.size() - 1;
    return "Proposal ‘"
        + staged.title()
        + "’ is already staged and also changes "
        + paths.head()
        + (more > 0 ? " and " + more + " more file(s)" : "")
        + ". Promote or discard the staged batch before staging this proposal.";
  }
}
