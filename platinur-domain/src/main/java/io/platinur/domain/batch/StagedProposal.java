package io.platinur.domain.batch;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.SortedSet;

/**
 * A proposal applied to Staging: its id, title and file set, and the staging commit that applied
 * it. This is all the batch keeps; the contents live in Git.
 */
public record StagedProposal(ProposalId id, String title, SortedSet<RepoPath> files, CommitId commit) {
  public StagedProposal {
    if (id == null || title == null || files == null || commit == null) {
      throw new InvalidValueException("A staged proposal needs an id, a title, its files and its commit.");
    }
    if (files.isEmpty()) {
      throw new InvalidValueException("Staged proposal " + id + " changes no file.");
    }
  }

  /** The same proposal, applied by another commit (after the batch was rebuilt). */
  public StagedProposal withCommit(CommitId rebuilt) {
    return new StagedProposal(id, title, files, rebuilt);
  }
}
