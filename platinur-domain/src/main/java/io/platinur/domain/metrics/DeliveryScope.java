package io.platinur.domain.metrics;

import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.repository.BranchName;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the four keys are computed for: a staging lane (named by its staging branch) or a service in
 * an environment of promote by digest. Lanes sort first, by name; then targets, by service and
 * environment.
 */
public sealed interface DeliveryScope extends Comparable<DeliveryScope> permits DeliveryScope.Lane, DeliveryScope.Target {

  static DeliveryScope lane(BranchName staging) {
    return new Lane(staging);
  }

  static DeliveryScope target(PromotionTarget target) {
    return new Target(target);
  }

  <R> R fold(Function<Lane, R> onLane, Function<Target, R> onTarget);

  /** {@code lane staging}, {@code api → prod}. */
  default String describe() {
    return fold(lane -> "lane " + lane.staging(), target -> target.target().toString());
  }

  @Override
  default int compareTo(DeliveryScope other) {
    return fold(
        lane -> other.fold(otherLane -> lane.staging().compareTo(otherLane.staging()), otherTarget -> -1),
        target -> other.fold(otherLane -> 1, otherTarget -> target.target().compareTo(otherTarget.target())));
  }

  /** A staging lane, named by its staging branch. */
  record Lane(BranchName staging) implements DeliveryScope {
    public Lane {
      Objects.requireNonNull(staging, "staging");
    }

    @Override
    public <R> R fold(Function<Lane, R> onLane, Function<Target, R> onTarget) {
      return onLane.apply(this);
    }
  }

  /** A service in an environment. */
  record Target(PromotionTarget target) implements DeliveryScope {
    public Target {
      Objects.requireNonNull(target, "target");
    }

    @Override
    public <R> R fold(Function<Lane, R> onLane, Function<Target, R> onTarget) {
      return onTarget.apply(this);
    }
  }
}
