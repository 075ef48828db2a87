package io.platinur.domain.digest;

import io.platinur.domain.repository.BranchName;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The branch a promotion PR ({@code platinur/promote/<service>/<env>}) or a rollback PR
 * ({@code platinur/rollback/<service>/<env>}) is opened from: one per target and kind, so the
 * adapters that write them and a sync that looks for PRs opened from them agree on the name.
 */
public record PromotionBranch(Kind kind, PromotionTarget target) {
  private static final String PREFIX = "platinur/";

  /** What a PR from the branch does to its target's pin. */
  public enum Kind {
    /** Pins the promoted digest. */
    PROMOTION("promote"),
    /** Brings the pin from before a promotion back. */
    ROLLBACK("rollback");

    private final String segment;

    Kind(String segment) {
      this.segment = segment;
    }
  }

  public PromotionBranch {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
  }

  public static PromotionBranch promotion(PromotionTarget target) {
    return new PromotionBranch(Kind.PROMOTION, target);
  }

  public static PromotionBranch rollback(PromotionTarget target) {
    return new PromotionBranch(Kind.ROLLBACK, target);
  }

  /** {@code platinur/promote/api/staging}. */
  public BranchName name() {
    return BranchName.of(PREFIX + kind.segment + "/" + target.service() + "/" + target.environment());
  }

  /** The promotion or rollback branch {@code branch} is, if it is one. */
  public static Option<PromotionBranch> parse(BranchName branch) {
    String[] parts = branch.name().split("/", -1);
    if (parts.length != 4 || !(parts[0] + "/").equals(PREFIX)) {
      return Option.none();
    }
    Option<Kind> kind = Option.ofOptional(java.util.Arrays.stream(Kind.values()).filter(k -> k.segment.equals(parts[1])).findFirst());
    return kind.flatMap(k -> ServiceName.parse(parts[2]).toOption()
        .flatMap(service -> EnvironmentName.parse(parts[3]).toOption()
            .map(env -> new PromotionBranch(k, new PromotionTarget(service, env)))));
  }

  @Override
  public String toString() {
    return name().toString();
  }
}
