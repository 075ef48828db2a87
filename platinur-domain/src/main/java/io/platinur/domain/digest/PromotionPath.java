package io.platinur.domain.digest;

import io.platinur.domain.InvalidValueException;
import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Duration;
import java.util.Objects;

/**
 * The ordered chain of environments a digest climbs, each after the first with the {@link
 * StepPolicy} for entering it, and the policy of a rollback. At least two environments, no name
 * twice.
 *
 * <p>The {@linkplain #standard() standard path} is ADR-0034's: dev → staging automatic on green
 * CI; staging → prod with one approval, one hour of soak in staging and a canary with a 30-minute
 * timeout; rollback on green CI only.
 */
public final class PromotionPath {
  private final EnvironmentName first;
  private final LinkedHashMap<EnvironmentName, StepPolicy> steps;
  private final StepPolicy rollbackPolicy;

  private PromotionPath(EnvironmentName first, LinkedHashMap<EnvironmentName, StepPolicy> steps, StepPolicy rollbackPolicy) {
    this.first = first;
    this.steps = steps;
    this.rollbackPolicy = rollbackPolicy;
  }

  /** dev → staging → prod with ADR-0034's gates. */
  public static PromotionPath standard() {
    return start(EnvironmentName.of("dev"))
        .then(EnvironmentName.of("staging"), StepPolicy.automatic())
        .then(EnvironmentName.of("prod"), StepPolicy.builder()
            .requiredApprovals(1)
            .minimumSoak(Duration.ofHours(1))
            .canaryTimeout(Option.some(Duration.ofMinutes(30)))
            .build())
        .build()
        .get();
  }

  /** Starts a path at its first environment, the one digests enter by being built. */
  public static Builder start(EnvironmentName first) {
    return new Builder(first, List.empty(), StepPolicy.automatic());
  }

  /** Collects the steps; {@link #build()} checks the whole path and reports every problem. */
  public static final class Builder {
    private final EnvironmentName first;
    private final List<Tuple2<EnvironmentName, StepPolicy>> steps;
    private final StepPolicy rollbackPolicy;

    private Builder(EnvironmentName first, List<Tuple2<EnvironmentName, StepPolicy>> steps, StepPolicy rollbackPolicy) {
      this.first = Objects.requireNonNull(first, "first");
      this.steps = steps;
      this.rollbackPolicy = rollbackPolicy;
    }

    /** The next environment and what it takes to enter it. */
    public Builder then(EnvironmentName environment, StepPolicy policy) {
      return new Builder(first, steps.append(new Tuple2<>(Objects.requireNonNull(environment, "environment"),
          Objects.requireNonNull(policy, "policy"))), rollbackPolicy);
    }

    /** What a rollback PR needs before it merges (default: CI green only). */
    public Builder rollbackPolicy(StepPolicy policy) {
      return new Builder(first, steps, Objects.requireNonNull(policy, "policy"));
    }

    public Validation<Seq<String>, PromotionPath> build() {
      List<String> problems = List.empty();
      if (steps.isEmpty()) {
        problems = problems.append("A promotion path needs at least two environments.");
      }
      List<EnvironmentName> all = steps.map(Tuple2::_1).prepend(first);
      for (EnvironmentName repeated : all.groupBy(name -> name).filterValues(group -> group.size() > 1).keySet().toSortedSet()) {
        problems = problems.append("Environment ‘" + repeated + "’ appears more than once on the promotion path.");
      }
      return problems.isEmpty()
          ? Validation.valid(new PromotionPath(first, LinkedHashMap.ofEntries(steps), rollbackPolicy))
          : Validation.invalid(problems);
    }

    /** As {@link #build()}, throwing every problem at once. */
    public PromotionPath buildOrThrow() {
      Validation<Seq<String>, PromotionPath> built = build();
      if (built.isInvalid()) {
        throw new InvalidValueException(built.getError());
      }
      return built.get();
    }
  }

  /** Every environment, in climbing order. */
  public Seq<EnvironmentName> environments() {
    return steps.keySet().toList().prepend(first);
  }

  public EnvironmentName first() {
    return first;
  }

  public EnvironmentName last() {
    return environments().last();
  }

  public boolean contains(EnvironmentName environment) {
    return first.equals(environment) || steps.containsKey(environment);
  }

  /** Where a digest entering {@code environment} must come from; none for the first or an unknown one. */
  public Option<EnvironmentName> source(EnvironmentName environment) {
    Seq<EnvironmentName> all = environments();
    int at = all.indexOf(environment);
    return at > 0 ? Option.some(all.get(at - 1)) : Option.none();
  }

  /** The environment after {@code environment}; none for the last or an unknown one. */
  public Option<EnvironmentName> next(EnvironmentName environment) {
    Seq<EnvironmentName> all = environments();
    int at = all.indexOf(environment);
    return at >= 0 && at + 1 < all.size() ? Option.some(all.get(at + 1)) : Option.none();
  }

  /** The policy for entering {@code environment}; none for the first or an unknown one. */
  public Option<StepPolicy> policyFor(EnvironmentName environment) {
    return steps.get(environment);
  }

  public StepPolicy rollbackPolicy() {
    return rollbackPolicy;
  }

  /** {@code dev → staging → prod}. */
  @Override
  public String toString() {
    return environments().mkString(" → ");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PromotionPath path
        && first.equals(path.first) && steps.equals(path.steps) && rollbackPolicy.equals(path.rollbackPolicy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(first, steps, rollbackPolicy);
  }
}
