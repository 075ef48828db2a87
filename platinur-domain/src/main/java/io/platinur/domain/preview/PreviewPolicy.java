package io.platinur.domain.preview;

import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * Which pull requests get a preview environment and for how long (ADR-0034: "bounded by TTL +
 * quotas"), and the pure {@link #reconcile reconcile} that turns what the forge says and what Git
 * holds into a plan.
 *
 * <ul>
 *   <li><b>Selection</b>: every open pull request, those into one base branch, or those with a label.
 *   <li><b>Time to live</b> (optional): a preview is reaped once its pull request has had no update
 *       for that long, and comes back with the PR's next update.
 *   <li><b>Quota</b> (optional): at most that many live previews. Live previews keep their slots;
 *       pull requests asking for one when none is free are held with a status saying so, lower PR
 *       numbers first. Nothing is evicted to make room. Only when more previews are live than the
 *       quota (the quota was lowered) are the newest reaped, each with that reason.
 * </ul>
 */
public final class PreviewPolicy {
  private final PreviewSelection selection;
  private final Option<Duration> timeToLive;
  private final Option<Integer> quota;

  private PreviewPolicy(PreviewSelection selection, Option<Duration> timeToLive, Option<Integer> quota) {
    this.selection = selection;
    this.timeToLive = timeToLive;
    this.quota = quota;
  }

  /** A preview for every open pull request, no time to live, no quota. */
  public static PreviewPolicy everyPullRequest() {
    return new PreviewPolicy(PreviewSelection.all(), Option.none(), Option.none());
  }

  /**
   * A policy; every problem is reported at once. The time to live must be positive; the quota must
   * not be negative (0 keeps no preview at all).
   */
  public static Validation<Seq<String>, PreviewPolicy> of(
      PreviewSelection selection, Option<Duration> timeToLive, Option<Integer> quota) {
    Objects.requireNonNull(selection, "selection");
    Seq<String> problems = List.empty();
    if (timeToLive.exists(ttl -> ttl.isNegative() || ttl.isZero())) {
      problems = problems.append("A preview time to live must be positive, got " + timeToLive.get() + ".");
    }
    if (quota.exists(q -> q < 0)) {
      problems = problems.append("A preview quota must not be negative, got " + quota.get() + ".");
    }
    return problems.isEmpty()
        ? Validation.valid(new PreviewPolicy(selection, timeToLive, quota))
        : Validation.invalid(problems);
  }

  public PreviewSelection selection() {
    return selection;
  }

  public Option<Duration> timeToLive() {
    return timeToLive;
  }

  public Option<Integer> quota() {
    return quota;
  }

  /** Whether the policy gives {@code pr} a preview (before time to live and quota). */
  public boolean selects(OpenPullRequest pr) {
    return selection.selects(pr);
  }

  /** Whether {@code pr} has had no update for the time to live, at {@code now}. */
  public boolean expired(OpenPullRequest pr, Instant now) {
    return timeLeft(pr, now).exists(left -> left.isZero() || left.isNegative());
  }

  /** How long {@code pr}'s preview may still live without an update; none without a time to live. */
  public Option<Duration> timeLeft(OpenPullRequest pr, Instant now) {
    return timeToLive.map(ttl -> Duration.between(now, pr.updatedAt().plus(ttl)));
  }

  /**
   * The plan that brings {@code actual} (Git) in line with {@code desired} (the forge and the
   * build) at {@code now}. Pure: the same arguments give the same plan; applying the plan and
   * reconciling again gives an empty one.
   */
  public PreviewPlan reconcile(PreviewDemand desired, PreviewInventory actual, Instant now) {
    Seq<PreviewAction> actions = List.empty();
    Seq<PreviewHold> holds = List.empty();
    Seq<PreviewEnvironment> kept = List.empty();
    for (PreviewEnvironment preview : actual.previews().values()) {
      Option<OpenPullRequest> open = desired.open().get(preview.pr());
      Option<PreviewAction.Reap> reap = open.isEmpty()
          ? Option.of(desired.merged().contains(preview.pr())
              ? new PreviewAction.Reap(preview, PreviewAction.ReapReason.MERGED, "the PR was merged")
              : new PreviewAction.Reap(preview, PreviewAction.ReapReason.CLOSED, "the PR was closed"))
          : reapOfOpen(preview, open.get(), now);
      if (reap.isDefined()) {
        actions = actions.append(reap.get());
      } else {
        kept = kept.append(preview);
      }
    }
    if (quota.isDefined() && kept.size() > quota.get()) {
      int live = kept.size();
      for (PreviewEnvironment over : kept.drop(quota.get())) {
        actions = actions.append(new PreviewAction.Reap(over, PreviewAction.ReapReason.OVER_QUOTA,
            live + (live == 1 ? " preview was" : " previews were") + " live, more than the quota of " + quota.get()
                + "; the newest pull requests give theirs up first"));
      }
      kept = kept.take(quota.get());
    }
    for (PreviewEnvironment preview : kept) {
      OpenPullRequest pr = desired.open().get(preview.pr()).get();
      Option<ImageDigest> build = desired.buildOf(pr);
      if (build.isDefined() && !preview.runs(pr.headCommit(), build.get())) {
        PreviewAction.UpdateReason reason = preview.headCommit().equals(pr.headCommit())
            ? PreviewAction.UpdateReason.NEW_DIGEST
            : PreviewAction.UpdateReason.NEW_HEAD;
        actions = actions.append(new PreviewAction.Update(preview, preview.movedTo(pr.headCommit(), build.get(), now), reason));
      } else if (build.isEmpty() && !preview.headCommit().equals(pr.headCommit())) {
        holds = holds.append(new PreviewHold(pr.number(), PreviewHold.Reason.WAITING_FOR_BUILD,
            "Preview of PR " + pr.number().value() + " stays at " + preview.headCommit().abbreviated()
                + ": no build of its new head " + pr.headCommit().abbreviated() + " yet."));
      }
    }
    int liveAfterReaps = kept.size();
    int free = quota.map(q -> Math.max(0, q - liveAfterReaps)).getOrElse(Integer.MAX_VALUE);
    for (OpenPullRequest pr : desired.open().values()) {
      if (!selects(pr) || actual.previews().containsKey(pr.number())) {
        continue;
      }
      Option<ImageDigest> build = desired.buildOf(pr);
      long n = pr.number().value();
      if (expired(pr, now)) {
        holds = holds.append(new PreviewHold(pr.number(), PreviewHold.Reason.EXPIRED,
            "PR " + n + " has no preview: no update since " + pr.updatedAt() + ", longer than the time to live of "
                + DurationWords.of(timeToLive.get()) + ". Its next update brings the preview back."));
      } else if (actual.pendingCleanups().containsKey(pr.number())) {
        holds = holds.append(new PreviewHold(pr.number(), PreviewHold.Reason.CLEANUP_PENDING,
            "PR " + n + " waits for a preview: the cleanup of its previous preview is not finished."));
      } else if (actual.occupied(pr.number())) {
        holds = holds.append(new PreviewHold(pr.number(), PreviewHold.Reason.DIRECTORY_OCCUPIED,
            "PR " + n + " waits for a preview: its directory holds files Platinur did not write; remove them to let Platinur create the preview."));
      } else if (build.isEmpty()) {
        holds = holds.append(new PreviewHold(pr.number(), PreviewHold.Reason.WAITING_FOR_BUILD,
            "PR " + n + " waits for a preview: no build of its head " + pr.headCommit().abbreviated() + " yet."));
      } else if (free > 0) {
        free--;
        actions = actions.append(new PreviewAction.Create(PreviewEnvironment.create(pr.number(), pr.headCommit(), build.get(), now)));
      } else {
        holds = holds.append(new PreviewHold(pr.number(), PreviewHold.Reason.QUOTA_REACHED,
            "PR " + n + " waits for a preview: the quota of " + quota.get() + " live preview" + (quota.get() == 1 ? "" : "s")
                + " is reached."));
      }
    }
    Seq<PreviewAction> ordered = actions.sorted(Comparator.comparing(PreviewAction::pr));
    Seq<PreviewEnvironment> cleanups = List.ofAll(actual.pendingCleanups().values())
        .appendAll(ordered.filter(PreviewAction.Reap.class::isInstance).map(a -> ((PreviewAction.Reap) a).preview()));
    return new PreviewPlan(ordered, holds.sorted(Comparator.comparing(PreviewHold::pr)), cleanups, actual.leftAlone());
  }

  private Option<PreviewAction.Reap> reapOfOpen(PreviewEnvironment preview, OpenPullRequest pr, Instant now) {
    if (!selects(pr)) {
      return Option.of(new PreviewAction.Reap(preview, PreviewAction.ReapReason.NOT_SELECTED,
          "the PR is no longer one of the " + selection.words()));
    }
    if (expired(pr, now)) {
      return Option.of(new PreviewAction.Reap(preview, PreviewAction.ReapReason.EXPIRED,
          "no update since " + pr.updatedAt() + ", longer than the time to live of " + DurationWords.of(timeToLive.get())));
    }
    return Option.none();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PreviewPolicy that
        && selection.equals(that.selection) && timeToLive.equals(that.timeToLive) && quota.equals(that.quota);
  }

  @Override
  public int hashCode() {
    return Objects.hash(selection, timeToLive, quota);
  }

  @Override
  public String toString() {
    return "PreviewPolicy[" + selection.words()
        + timeToLive.map(ttl -> ", time to live " + DurationWords.of(ttl)).getOrElse("")
        + quota.map(q -> ", quota " + q).getOrElse("") + "]";
  }
}
