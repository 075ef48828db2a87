package io.platinur.domain.forge;

import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.CommitId;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a verified webhook delivery from a forge (GitHub or GitLab) means to Platinur; both forges'
 * deliveries map to these same values. Webhooks are a fast path only: they tell a host
 * <em>when</em> to look again (run a sync, re-evaluate the gate) sooner than its next poll. They are
 * not the truth: deliveries can be late, duplicated, reordered or lost, so a host must still poll
 * and sync, and must treat each event as a hint to re-read the forge, never as a state to apply.
 *
 * <p>In GitLab's words a pull request is a merge request, a check is a pipeline or a commit status,
 * and a merge queue is a merge train.
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

  /**
   * A pull request was closed without merging (GitHub {@code pull_request}, action {@code closed};
   * GitLab {@code Merge Request Hook}, action {@code close}).
   */
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

  /**
   * A pull request was merged, as {@code mergeCommit} (GitHub {@code pull_request} closed with
   * {@code merged: true}; GitLab {@code Merge Request Hook}, action {@code merge}).
   */
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
   * The promotion PR got a new head (GitHub {@code synchronize}, GitLab {@code update} with new
   * commits) or was reopened ({@code reopened}, {@code reopen}): sync, and re-evaluate the gate at the
   * head the forge now reports, never at {@code head} on its own word.
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
   * ({@code destroyed}: merged, invalidated or dequeued), or a GitLab merge train pipeline ran: sync
   * to learn whether the promotion PR was merged or is still open.
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
   * A check suite or check run completed, a commit status settled (success, failure, error), or a
   * GitLab pipeline finished at {@code sha}: CI there may have settled.
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
   * A genuine delivery Platinur has no use for: another event ({@code ping}, {@code push}), another
   * action of a known one ({@code pull_request opened}), or a delivery already received (the same
   * delivery id again); {@code why} says which.
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
