package io.platinur.github;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.CommitId;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a verified GitHub webhook delivery means to Platinur. Webhooks are a fast path only: they
 * tell a host <em>when</em> to look again (run a sync, re-evaluate the gate) sooner than its next
 * poll. They are not the truth: deliveries can be late, duplicated, reordered or lost, so a host
 * must still poll and sync, and must treat each event as a hint to re-read GitHub, never as a
 * state to apply.
 */
public sealed interface WebhookEvent
    permits WebhookEvent.PromotionPrClosed, WebhookEvent.PromotionPrMerged, WebhookEvent.PromotionPrUpdated,
        WebhookEvent.ChecksCompleted, WebhookEvent.DeploymentStatusChanged, WebhookEvent.MergeQueueChanged,
        WebhookEvent.Ignored {

  <R> R fold(
      Function<PromotionPrClosed, R> onClosed,
      Function<PromotionPrMerged, R> onMerged,
      Function<PromotionPrUpdated, R> onUpdated,
      Function<ChecksCompleted, R> onChecks,
      Function<DeploymentStatusChanged, R> onDeployment,
      Function<MergeQueueChanged, R> onQueue,
      Function<Ignored, R> onIgnored);

  /** A pull request was closed without merging ({@code pull_request}, action {@code closed}). */
  record PromotionPrClosed(PullRequestNumber number) implements WebhookEvent {
    public PromotionPrClosed {
      Objects.requireNonNull(number, "number");
    }

    @Override
    public <R> R fold(Function<PromotionPrClosed, R> onClosed, Function<PromotionPrMerged, R> onMerged,
        Function<PromotionPrUpdated, R> onUpdated, Function<ChecksCompleted, R> onChecks,
        Function<DeploymentStatusChanged, R> onDeployment, Function<MergeQueueChanged, R> onQueue,
        Function<Ignored, R> onIgnored) {
      return onClosed.apply(this);
    }
  }

  /** A pull request was merged, as {@code mergeCommit} ({@code pull_request} closed with {@code merged: true}). */
  record PromotionPrMerged(PullRequestNumber number, CommitId mergeCommit) implements WebhookEvent {
    public PromotionPrMerged {
      Objects.requireNonNull(number, "number");
      Objects.requireNonNull(mergeCommit, "mergeCommit");
    }

    @Override
    public <R> R fold(Function<PromotionPrClosed, R> onClosed, Function<PromotionPrMerged, R> onMerged,
        Function<PromotionPrUpdated, R> onUpdated, Function<ChecksCompleted, R> onChecks,
        Function<DeploymentStatusChanged, R> onDeployment, Function<MergeQueueChanged, R> onQueue,
        Function<Ignored, R> onIgnored) {
      return onMerged.apply(this);
    }
  }

  /**
   * The promotion PR got a new head ({@code synchronize}) or was reopened ({@code reopened}): sync,
   * and re-evaluate the gate at the head GitHub now reports, never at {@code head} on its own word.
   */
  record PromotionPrUpdated(PullRequestNumber number, CommitId head, String action) implements WebhookEvent {
    public PromotionPrUpdated {
      Objects.requireNonNull(number, "number");
      Objects.requireNonNull(head, "head");
      Objects.requireNonNull(action, "action");
    }

    @Override
    public <R> R fold(Function<PromotionPrClosed, R> onClosed, Function<PromotionPrMerged, R> onMerged,
        Function<PromotionPrUpdated, R> onUpdated, Function<ChecksCompleted, R> onChecks,
        Function<DeploymentStatusChanged, R> onDeployment, Function<MergeQueueChanged, R> onQueue,
        Function<Ignored, R> onIgnored) {
      return onUpdated.apply(this);
    }
  }

  /**
   * A merge queue group was created for checks ({@code checks_requested}) or ended
   * ({@code destroyed}: merged, invalidated or dequeued): sync to learn whether the promotion PR
   * was merged or is still open.
   */
  record MergeQueueChanged(String action, Option<String> reason, CommitId head) implements WebhookEvent {
    public MergeQueueChanged {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(head, "head");
    }

    @Override
    public <R> R fold(Function<PromotionPrClosed, R> onClosed, Function<PromotionPrMerged, R> onMerged,
        Function<PromotionPrUpdated, R> onUpdated, Function<ChecksCompleted, R> onChecks,
        Function<DeploymentStatusChanged, R> onDeployment, Function<MergeQueueChanged, R> onQueue,
        Function<Ignored, R> onIgnored) {
      return onQueue.apply(this);
    }
  }

  /**
   * A check suite or check run completed, or a commit status settled (success, failure, error) at
   * {@code sha}: CI there may have settled.
   */
  record ChecksCompleted(CommitId sha) implements WebhookEvent {
    public ChecksCompleted {
      Objects.requireNonNull(sha, "sha");
    }

    @Override
    public <R> R fold(Function<PromotionPrClosed, R> onClosed, Function<PromotionPrMerged, R> onMerged,
        Function<PromotionPrUpdated, R> onUpdated, Function<ChecksCompleted, R> onChecks,
        Function<DeploymentStatusChanged, R> onDeployment, Function<MergeQueueChanged, R> onQueue,
        Function<Ignored, R> onIgnored) {
      return onChecks.apply(this);
    }
  }

  /** A deployment of {@code sha} to {@code environment} got a new status. */
  record DeploymentStatusChanged(String environment, CommitId sha, DeploymentState state) implements WebhookEvent {
    public DeploymentStatusChanged {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(sha, "sha");
      Objects.requireNonNull(state, "state");
    }

    @Override
    public <R> R fold(Function<PromotionPrClosed, R> onClosed, Function<PromotionPrMerged, R> onMerged,
        Function<PromotionPrUpdated, R> onUpdated, Function<ChecksCompleted, R> onChecks,
        Function<DeploymentStatusChanged, R> onDeployment, Function<MergeQueueChanged, R> onQueue,
        Function<Ignored, R> onIgnored) {
      return onDeployment.apply(this);
    }
  }

  /**
   * A genuine delivery Platinur has no use for: another event ({@code ping}, {@code push}), or
   * another action of a known one ({@code pull_request opened}); {@code why} says which.
   */
  record Ignored(String eventName, String why) implements WebhookEvent {
    public Ignored {
      Objects.requireNonNull(eventName, "eventName");
      Objects.requireNonNull(why, "why");
    }

    @Override
    public <R> R fold(Function<PromotionPrClosed, R> onClosed, Function<PromotionPrMerged, R> onMerged,
        Function<PromotionPrUpdated, R> onUpdated, Function<ChecksCompleted, R> onChecks,
        Function<DeploymentStatusChanged, R> onDeployment, Function<MergeQueueChanged, R> onQueue,
        Function<Ignored, R> onIgnored) {
      return onIgnored.apply(this);
    }
  }
}
