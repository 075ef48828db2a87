package io.platinur.domain.digest;

import io.platinur.domain.forge.Review;
import io.platinur.domain.forge.ReviewState;
import io.platinur.domain.gate.CiResult;
import io.platinur.domain.proposal.RepoPath;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedSet;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;

/**
 * Decides whether a promotion (or rollback) PR may merge under its step's {@link StepPolicy}. The
 * answer lists every unmet condition, in the order CI, approvals, soak, sync window, parity.
 *
 * <p>Approvals: for each reviewer, the latest review that is not a plain comment counts; it counts
 * when it approves the PR's current head, is not by the PR's author, and is by an allowed reviewer
 * (when the policy names any). Logins compare without letter case, as the forge does.
 */
public final class StepGate {
  private StepGate() {}

  public static StepDecision evaluate(StepPolicy policy, StepEvidence evidence) {
    Seq<StepFailure> failures =
        List.<StepFailure>empty()
            .appendAll(ci(policy, evidence))
            .appendAll(approvals(policy, evidence))
            .appendAll(soak(policy, evidence))
            .appendAll(window(policy, evidence.now()))
            .appendAll(parity(evidence));
    return failures.isEmpty()
        ? new StepDecision.Passed(evidence.target())
        : new StepDecision.Blocked(evidence.target(), failures);
  }

  private static Seq<StepFailure> ci(StepPolicy policy, StepEvidence evidence) {
    String head = evidence.head().abbreviated();
    if (evidence.ci().isEmpty()) {
      return fail(StepCondition.CI, "CI has not reported at " + head + ", the PR's head.");
    }
    CiResult ci = evidence.ci().get();
    if (!ci.commit().equals(evidence.head())) {
      return fail(StepCondition.CI, "CI reported at " + ci.commit().abbreviated() + ", not at " + head + ", the PR's head.");
    }
    return switch (ci.state()) {
      case GREEN -> List.empty();
      case PENDING -> fail(StepCondition.CI, "CI is still running at " + head + ".");
      case RED -> fail(StepCondition.CI, "CI is red at " + head + ".");
      case NO_CHECKS -> policy.noChecksCountsAsGreen() ? List.empty() : fail(StepCondition.CI, "No CI checks reported at " + head + ".");
    };
  }

  private static Seq<StepFailure> approvals(StepPolicy policy, StepEvidence evidence) {
    int required = policy.requiredApprovals();
    if (required == 0) {
      return List.empty();
    }
    String author = evidence.author().toLowerCase(Locale.ROOT);
    java.util.Set<String> allowed = new java.util.HashSet<>();
    policy.allowedReviewers().forEach(login -> allowed.add(login.toLowerCase(Locale.ROOT)));
    Seq<Review> latest =
        evidence.reviews()
            .filter(review -> review.state() != ReviewState.COMMENTED)
            .groupBy(review -> review.reviewer().toLowerCase(Locale.ROOT))
            .values()
            .map(reviews -> reviews.maxBy(Comparator.comparing(Review::submittedAt)).get())
            .filter(review -> review.state() == ReviewState.APPROVED)
            .toList()
            .sortBy(review -> review.reviewer().toLowerCase(Locale.ROOT));
    List<String> notCounted = List.empty();
    int counted = 0;
    for (Review approval : latest) {
      String login = approval.reviewer().toLowerCase(Locale.ROOT);
      if (login.equals(author)) {
        notCounted = notCounted.append(approval.reviewer() + " is the PR's author");
      } else if (!approval.commit().equals(evidence.head())) {
        notCounted = notCounted.append(approval.reviewer() + " approved an older head (" + approval.commit().abbreviated() + ")");
      } else if (!allowed.isEmpty() && !allowed.contains(login)) {
        notCounted = notCounted.append(approval.reviewer() + " is not an allowed reviewer");
      } else {
        counted++;
      }
    }
    if (counted >= required) {
      return List.empty();
    }
    String message = "Needs " + required + (required == 1 ? " approval" : " approvals") + " of head "
        + evidence.head().abbreviated() + "; has " + counted + "."
        + (notCounted.isEmpty() ? "" : " Not counted: " + notCounted.mkString(", ") + ".");
    return fail(StepCondition.APPROVALS, message);
  }

  private static Seq<StepFailure> soak(StepPolicy policy, StepEvidence evidence) {
    Duration soak = policy.minimumSoak();
    if (soak.isZero()) {
      return List.empty();
    }
    String digest = evidence.sourceDigest().abbreviated();
    Option<Instant> since = DeploymentHealth.healthySince(
        evidence.deployments(), evidence.source(), evidence.target().service(), evidence.sourceDigest());
    if (since.isEmpty()) {
      return fail(StepCondition.SOAK, digest + " is not deployed healthy in " + evidence.source() + " now.");
    }
    Duration healthy = Duration.between(since.get(), evidence.now());
    if (healthy.compareTo(soak) >= 0) {
      return List.empty();
    }
    return fail(StepCondition.SOAK, digest + " must be deployed healthy in " + evidence.source() + " for " + words(soak)
        + " before entering " + evidence.target().environment() + "; it has been for "
        + words(healthy.isNegative() ? Duration.ZERO : healthy) + ".");
  }

  private static Seq<StepFailure> window(StepPolicy policy, Instant now) {
    return policy.syncWindows().closedBecause(now).map(reason -> new StepFailure(StepCondition.SYNC_WINDOW, reason)).toList();
  }

  private static Seq<StepFailure> parity(StepEvidence evidence) {
    RepoPath pin = evidence.pinPath();
    PromotionDiff diff = evidence.diff();
    List<StepFailure> failures = List.empty();
    SortedSet<RepoPath> others = diff.changedPaths().remove(pin);
    if (!others.isEmpty()) {
      failures = failures.append(new StepFailure(StepCondition.PARITY, "The PR may change only " + pin + "; it also changes "
          + others.head() + (others.size() > 1 ? " and " + (others.size() - 1) + " more file(s)" : "") + "."));
    }
    if (!diff.changedPaths().contains(pin)) {
      failures = failures.append(new StepFailure(StepCondition.PARITY, "The PR does not change " + pin + "."));
    } else {
      if (diff.pinFileChangedElsewhere()) {
        failures = failures.append(new StepFailure(StepCondition.PARITY,
            "The PR changes " + pin + " beyond the " + evidence.key() + " scalar."));
      }
      if (!diff.pinAfter().equals(evidence.expectedPin())) {
        failures = failures.append(new StepFailure(StepCondition.PARITY, "The PR leaves " + evidence.key() + " at "
            + shown(diff.pinAfter()) + "; the promotion needs " + shown(evidence.expectedPin()) + "."));
      }
    }
    return failures;
  }

  private static String shown(Option<ImageDigest> pin) {
    return pin.map(ImageDigest::abbreviated).getOrElse("no pin");
  }

  static String words(Duration duration) {
    long minutes = duration.toMinutes();
    return minutes >= 60 && minutes % 60 == 0 ? (minutes / 60) + " h" : minutes + " min";
  }

  private static Seq<StepFailure> fail(StepCondition condition, String message) {
    return List.of(new StepFailure(condition, message));
  }
}
