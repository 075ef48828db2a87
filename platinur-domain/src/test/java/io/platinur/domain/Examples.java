package io.platinur.domain;

import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.TreeSet;

/** Small, readable example values for domain tests. */
public final class Examples {
  private Examples() {}

  /** A distinct, valid commit id for each number: {@code commit(1)} is {@code 000…0001}. */
  public static CommitId commit(long n) {
    return CommitId.of(String.format("%040x", n));
  }

  /** A proposal that writes one line to each path. */
  public static Proposal proposal(String id, String title, String... paths) {
    Proposal.Builder builder = Proposal.builder(ProposalId.of(id), title);
    for (String path : paths) {
      builder.write(path, "-- " + id + "\n");
    }
    return builder.build();
  }

  /** A staged proposal as the batch keeps it. */
  public static StagedProposal staged(String id, String title, CommitId commit, String... paths) {
    return new StagedProposal(ProposalId.of(id), title, TreeSet.of(paths).map(RepoPath::of), commit);
  }
}
