package io.platinur.domain.digest;

import io.platinur.domain.InvalidValueException;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What it takes to enter an environment on the promotion path (ADR-0034's gates, per step). The
 * default is ADR-005's: CI green at the exact commit, nothing else, merged automatically.
 *
 * <ul>
 *   <li>CI green at the promotion PR's head commit (always required);
 *   <li>{@link #requiredApprovals()} approvals from the PR's reviews, of its current head, never by
 *       its author, and only by {@link #allowedReviewers()} when that is not empty;
 *   <li>{@link #minimumSoak()}: how long the digest must have been deployed healthy in the source
 *       environment, measured from deployment status times;
 *   <li>{@link #syncWindows()}: when the step may merge (deny windows win);
 *   <li>{@link #canaryTimeout()}: when present, the step enters through a canary, and a canary
 *       with no verdict within this time rolls back.
 * </ul>
 */
@Value.Immutable
public abstract class StepPolicy {

  /** CI green at the exact commit, nothing else; merged without a person. */
  public static StepPolicy automatic() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How many approvals the promotion PR needs; 0 for none. */
  @Value.Default
  public int requiredApprovals() {
    return 0;
  }

  /** Who may approve; empty means anyone but the PR's author. */
  public abstract Set<String> allowedReviewers();

  /** How long the digest must have been deployed healthy in the environment before this one. */
  @Value.Default
  public Duration minimumSoak() {
    return Duration.ZERO;
  }

  /** When the step may merge. */
  @Value.Default
  public SyncWindows syncWindows() {
    return SyncWindows.always();
  }

  /** Whether a commit with no CI checks at all counts as green. */
  @Value.Default
  public boolean noChecksCountsAsGreen() {
    return false;
  }

  /** How long a canary may go without a verdict; none when the step has no canary. */
  @Value.Default
  public Option<Duration> canaryTimeout() {
    return Option.none();
  }

  /** Whether the step merges as soon as its gate passes, without a person asking. */
  @Value.Default
  public boolean mergesAutomatically() {
    return requiredApprovals() == 0;
  }

  @Value.Check
  protected void check() {
    if (requiredApprovals() < 0) {
      throw new InvalidValueException("A step cannot require a negative number of approvals.");
    }
    if (minimumSoak().isNegative()) {
      throw new InvalidValueException("A soak time must not be negative.");
    }
    if (canaryTimeout().exists(timeout -> timeout.isNegative() || timeout.isZero())) {
      throw new InvalidValueException("A canary timeout must be positive.");
    }
  }

  /** Builds a policy; unset parts keep the automatic defaults. */
  public static final class Builder extends ImmutableStepPolicy.Builder {}
}
