package io.platinur.domain.batch;

import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.proposal.RepoPath;
import java.util.Objects;

/**
 * Why a {@link PromotionBatch} refused a change: the batch never holds one proposal twice, two
 * proposals changing one file, or a rebuilt batch whose commits do not line up. The batch is left
 * as it was.
 */
public sealed interface BatchRefusal
    permits BatchRefusal.AlreadyInBatch,
        BatchRefusal.FilesOverlap,
        BatchRefusal.CaseOnlyPaths,
        BatchRefusal.NotInBatch,
        BatchRefusal.RebuiltCountMismatch {

  /** What went wrong, in words. */
  String message();

  /** The proposal is in the batch already. */
  record AlreadyInBatch(ProposalId id) implements BatchRefusal {
    public AlreadyInBatch {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public String message() {
      return "Proposal " + id + " is staged twice.";
    }
  }

  /** The proposal being added changes a file a staged proposal changes. */
  record FilesOverlap(Overlap overlap, StagedProposal adding) implements BatchRefusal {
    public FilesOverlap {
      Objects.requireNonNull(overlap, "overlap");
      Objects.requireNonNull(adding, "adding");
    }

    @Override
    public String message() {
      return "Staged proposals ‘" + overlap.staged().title() + "’ and ‘" + adding.title() + "’ both change "
          + overlap.paths().head() + ".";
    }
  }

  /** One proposal changes two paths that differ only in letter case: one file on many checkouts. */
  record CaseOnlyPaths(StagedProposal staged, RepoPath one, RepoPath other) implements BatchRefusal {
    @Override
    public String message() {
      return "Staged proposal ‘" + staged.title() + "’ changes both ‘" + one + "’ and ‘" + other
          + "’, which differ only in letter case.";
    }
  }

  /** The proposal to remove is not in the batch. */
  record NotInBatch(ProposalId id) implements BatchRefusal {
    @Override
    public String message() {
      return "Proposal " + id + " is not staged.";
    }
  }

  /** A removal named another number of rebuilt commits than proposals follow the removed one. */
  record RebuiltCountMismatch(ProposalId id, int following, int given) implements BatchRefusal {
    @Override
    public String message() {
      return following + " proposal(s) follow " + id + " but " + given + " rebuilt commit(s) were given.";
    }
  }
}
