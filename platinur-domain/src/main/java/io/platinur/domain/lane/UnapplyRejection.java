package io.platinur.domain.lane;

import io.platinur.domain.proposal.ProposalId;
import java.util.Objects;

/** Why a staged proposal cannot be unapplied. */
public sealed interface UnapplyRejection extends CommandRejection
    permits UnapplyRejection.PromotionPrExists, UnapplyRejection.NotStaged, UnapplyRejection.BatchChanged {

  /** A promotion PR exists for the batch: unapply is available only until then. */
  record PromotionPrExists() implements UnapplyRejection {
    @Override
    public RejectionReason reason() {
      return RejectionReason.PROMOTION_PR_EXISTS;
    }

    @Override
    public String message() {
      return "A promotion PR exists for the staged batch. Unapply is available only until a promotion PR exists.";
    }
  }

  /** The proposal is not in the batch. */
  record NotStaged(ProposalId id) implements UnapplyRejection {
    public NotStaged {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public RejectionReason reason() {
      return RejectionReason.NOT_STAGED;
    }

    @Override
    public String message() {
      return "Proposal " + id + " is not staged.";
    }
  }

  /** The rebuilt commits do not match the proposals after the unapplied one: the batch moved. */
  record BatchChanged() implements UnapplyRejection {
    @Override
    public RejectionReason reason() {
      return RejectionReason.BATCH_CHANGED;
    }

    @Override
    public String message() {
      return "The staged batch changed while this was being prepared. Read it again and retry.";
    }
  }
}
