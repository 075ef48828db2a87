package io.platinur.domain.metrics;

import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackReason;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * One delivery fact read from Git history, with the time it happened: what the four keys are
 * computed from, and what a host may forward as it is (to an event bus, a data warehouse). Lane
 * events come from the lane's state history and the production branch; digest events from the
 * digest promotions' store and the GitOps branch. Act on every kind with a {@link Visitor}: a new
 * kind makes every visitor fail to compile.
 */
public sealed interface DeliveryEvent
    permits DeliveryEvent.ProposalApplied,
        DeliveryEvent.ProposalWithdrawn,
        DeliveryEvent.ReleaseMerged,
        DeliveryEvent.ReleaseDeployed,
        DeliveryEvent.ReleaseReverted,
        DeliveryEvent.DigestBuilt,
        DeliveryEvent.DigestPromotionOpened,
        DeliveryEvent.DigestPromotionWithdrawn,
        DeliveryEvent.DigestDeployed,
        DeliveryEvent.DigestVerified,
        DeliveryEvent.DigestRollbackOpened,
        DeliveryEvent.DigestRollbackWithdrawn,
        DeliveryEvent.DigestRolledBack {

  /** When it happened: the lane's audit time, or the time Git records for the commit that holds it. */
  Instant at();

  /** The lane or the service × environment it belongs to. */
  DeliveryScope scope();

  <R> R accept(Visitor<R> visitor);

  /** The event in words, for logs and the command's event listing. */
  String describe();

  /** One method per event kind. */
  interface Visitor<R> {
    R proposalApplied(ProposalApplied event);

    R proposalWithdrawn(ProposalWithdrawn event);

    R releaseMerged(ReleaseMerged event);

    R releaseDeployed(ReleaseDeployed event);

    R releaseReverted(ReleaseReverted event);

    R digestBuilt(DigestBuilt event);

    R digestPromotionOpened(DigestPromotionOpened event);

    R digestPromotionWithdrawn(DigestPromotionWithdrawn event);

    R digestDeployed(DigestDeployed event);

    R digestVerified(DigestVerified event);

    R digestRollbackOpened(DigestRollbackOpened event);

    R digestRollbackWithdrawn(DigestRollbackWithdrawn event);

    R digestRolledBack(DigestRolledBack event);
  }

  // ---- the staging lane ---------------------------------------------------------------------

  /**
   * A proposal was applied to the lane's staging branch at {@code at}; {@code authored} is its
   * commit's author time, when Git has it (the change may have been written before it was applied).
   */
  record ProposalApplied(BranchName lane, ProposalId proposal, Instant at, Option<Instant> authored) implements DeliveryEvent {
    public ProposalApplied {
      Objects.requireNonNull(lane, "lane");
      Objects.requireNonNull(proposal, "proposal");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(authored, "authored");
    }

    @Override
    public DeliveryScope scope() {
      return DeliveryScope.lane(lane);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.proposalApplied(this);
    }

    @Override
    public String describe() {
      return "Proposal " + proposal + " applied to " + lane;
    }
  }

  /** A proposal left the batch unreleased (unapplied, or its batch discarded). */
  record ProposalWithdrawn(BranchName lane, ProposalId proposal, Instant at) implements DeliveryEvent {
    public ProposalWithdrawn {
      Objects.requireNonNull(lane, "lane");
      Objects.requireNonNull(proposal, "proposal");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public DeliveryScope scope() {
      return DeliveryScope.lane(lane);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.proposalWithdrawn(this);
    }

    @Override
    public String describe() {
      return "Proposal " + proposal + " withdrawn from " + lane;
    }
  }

  /** The lane's promotion PR was merged into production as {@code mergeCommit}. */
  record ReleaseMerged(BranchName lane, PullRequestNumber pr, CommitId mergeCommit, Instant at) implements DeliveryEvent {
    public ReleaseMerged {
      Objects.requireNonNull(lane, "lane");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(mergeCommit, "mergeCommit");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public DeliveryScope scope() {
      return DeliveryScope.lane(lane);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.releaseMerged(this);
    }

    @Override
    public String describe() {
      return "Promotion PR " + pr + " of " + lane + " merged as " + mergeCommit.abbreviated();
    }
  }

  /** Sync Promotions finalized the release of PR {@code pr}: its proposals are deployed. A deployment. */
  record ReleaseDeployed(BranchName lane, PullRequestNumber pr, Seq<ProposalId> proposals, Instant at) implements DeliveryEvent {
    public ReleaseDeployed {
      Objects.requireNonNull(lane, "lane");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(proposals, "proposals");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public DeliveryScope scope() {
      return DeliveryScope.lane(lane);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.releaseDeployed(this);
    }

    @Override
    public String describe() {
      return "Release of PR " + pr + " deployed from " + lane + ": " + proposals.mkString(", ");
    }
  }

  /**
   * A commit on the production branch reverts {@code reverted} (a release's merge commit): the
   * failure was detected when the revert was written ({@code detected}, its author time) and
   * production was restored when it landed ({@code at}).
   */
  record ReleaseReverted(BranchName lane, CommitId reverted, CommitId revertCommit, Instant detected, Instant at) implements DeliveryEvent {
    public ReleaseReverted {
      Objects.requireNonNull(lane, "lane");
      Objects.requireNonNull(reverted, "reverted");
      Objects.requireNonNull(revertCommit, "revertCommit");
      Objects.requireNonNull(detected, "detected");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public DeliveryScope scope() {
      return DeliveryScope.lane(lane);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.releaseReverted(this);
    }

    @Override
    public String describe() {
      return revertCommit.abbreviated() + " on the production branch of " + lane + " reverts " + reverted.abbreviated();
    }
  }

  // ---- promote by digest --------------------------------------------------------------------

  /** A new digest of {@code service} was pinned in the first environment, where digests are built. A deployment there. */
  record DigestBuilt(ServiceName service, EnvironmentName environment, ImageDigest digest, Instant at) implements DeliveryEvent {
    public DigestBuilt {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public DeliveryScope scope() {
      return DeliveryScope.target(new PromotionTarget(service, environment));
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.digestBuilt(this);
    }

    @Override
    public String describe() {
      return digest.abbreviated() + " of " + service + " pinned in " + environment;
    }
  }

  /** A promotion PR opened to move {@code digest} into the target. */
  record DigestPromotionOpened(PromotionTarget target, ImageDigest digest, PullRequestNumber pr, Instant at) implements DeliveryEvent {
    public DigestPromotionOpened {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public DeliveryScope scope() {
      return DeliveryScope.target(target);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.digestPromotionOpened(this);
    }

    @Override
    public String describe() {
      return "PR " + pr + " opened to promote " + digest.abbreviated() + " to " + target;
    }
  }

  /** The promotion PR was closed unmerged: the pin never moved. */
  record DigestPromotionWithdrawn(PromotionTarget target, ImageDigest digest, PullRequestNumber pr, Instant at) implements DeliveryEvent {
    public DigestPromotionWithdrawn {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public DeliveryScope scope() {
      return DeliveryScope.target(target);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.digestPromotionWithdrawn(this);
    }

    @Override
    public String describe() {
      return "PR " + pr + " promoting " + digest.abbreviated() + " to " + target + " closed unmerged";
    }
  }

  /** The promotion PR merged: {@code digest}, pinned in {@code from}, reached the target. A deployment. */
  record DigestDeployed(PromotionTarget target, EnvironmentName from, ImageDigest digest, PullRequestNumber pr, Instant at)
      implements DeliveryEvent {
    public DigestDeployed {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public DeliveryScope scope() {
      return DeliveryScope.target(target);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.digestDeployed(this);
    }

    @Override
    public String describe() {
      return digest.abbreviated() + " promoted from " + from + " to " + target + " by PR " + pr;
    }
  }

  /** The promotion is verified: its canary passed, or its step has none. */
  record DigestVerified(PromotionTarget target, ImageDigest digest, PullRequestNumber pr, Instant at) implements DeliveryEvent {
    public DigestVerified {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public DeliveryScope scope() {
      return DeliveryScope.target(target);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.digestVerified(this);
    }

    @Override
    public String describe() {
      return "Promotion of " + digest.abbreviated() + " to " + target + " (PR " + pr + ") verified";
    }
  }

  /**
   * A rollback of the promotion of PR {@code pr} was opened ({@code reason}: requested, the canary
   * failed or gave no verdict in time): the failure is detected.
   */
  record DigestRollbackOpened(PromotionTarget target, ImageDigest digest, PullRequestNumber pr, PullRequestNumber revertPr,
      RollbackReason reason, Instant at) implements DeliveryEvent {
    public DigestRollbackOpened {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(revertPr, "revertPr");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public DeliveryScope scope() {
      return DeliveryScope.target(target);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.digestRollbackOpened(this);
    }

    @Override
    public String describe() {
      return "Rollback PR " + revertPr + " opened for " + digest.abbreviated() + " in " + target + " because " + reason.words();
    }
  }

  /** The rollback PR was closed unmerged: the digest stays pinned. */
  record DigestRollbackWithdrawn(PromotionTarget target, ImageDigest digest, PullRequestNumber pr, PullRequestNumber revertPr, Instant at)
      implements DeliveryEvent {
    public DigestRollbackWithdrawn {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(revertPr, "revertPr");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public DeliveryScope scope() {
      return DeliveryScope.target(target);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.digestRollbackWithdrawn(this);
    }

    @Override
    public String describe() {
      return "Rollback PR " + revertPr + " of " + digest.abbreviated() + " in " + target + " closed unmerged";
    }
  }

  /** The rollback merged: the target pins what it pinned before the promotion. Service restored. */
  record DigestRolledBack(PromotionTarget target, ImageDigest digest, PullRequestNumber pr, PullRequestNumber revertPr, Instant at)
      implements DeliveryEvent {
    public DigestRolledBack {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(revertPr, "revertPr");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public DeliveryScope scope() {
      return DeliveryScope.target(target);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.digestRolledBack(this);
    }

    @Override
    public String describe() {
      return digest.abbreviated() + " rolled back in " + target + " by PR " + revertPr;
    }
  }
}
