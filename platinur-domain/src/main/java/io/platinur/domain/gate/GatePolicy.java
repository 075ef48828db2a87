package io.platinur.domain.gate;

import java.time.Duration;
import java.util.List;
import org.immutables.value.Value;

/**
 * What a promotion step demands beyond ADR-005's staging gate (deploy succeeded, smoke and E2E
 * passed against live staging, CI green at the exact commit), as ADR-0034 allows per step.
 *
 * <p>The default is ADR-005's: fully automated, no manual approval, no soak time, no sync window,
 * and a commit with no CI checks at all is not green.
 */
@Value.Immutable
public abstract class GatePolicy {

  /** ADR-005's automated gate. */
  public static GatePolicy automated() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether a person must approve the promotion. */
  @Value.Default
  public boolean requireManualApproval() {
    return false;
  }

  /** How long staging must have stayed healthy at the commit before it may be promoted. */
  @Value.Default
  public Duration minimumSoak() {
    return Duration.ZERO;
  }

  /** When promotions may sync; none means at any time. */
  public abstract List<SyncWindow> syncWindows();

  /** Whether a commit with no CI statuses or checks at all counts as green. */
  @Value.Default
  public boolean noChecksCountsAsGreen() {
    return false;
  }

  @Value.Check
  protected void check() {
    if (minimumSoak().isNegative()) {
      throw new io.platinur.domain.InvalidValueException("A soak time must not be negative.");
    }
  }

  /** Builds a policy; unset parts keep ADR-005's defaults. */
  public static final class Builder extends ImmutableGatePolicy.Builder {}
}
