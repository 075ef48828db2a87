package io.platinur.domain.digest;

import io.vavr.control.Option;
import java.util.Objects;

/** Why {@link DigestPromotions#promote} refused. */
public sealed interface PromoteRejection extends DigestPromotionRejection
    permits TargetRejection,
        PromoteRejection.IntoFirstEnvironment,
        PromoteRejection.IntoItself,
        PromoteRejection.PromotionInProgress,
        PromoteRejection.SkipsAnEnvironment,
        PromoteRejection.NothingPinned,
        PromoteRejection.NotBuiltOnce,
        PromoteRejection.AlreadyPinned,
        PromoteRejection.NotDeployedHealthy,
        PromoteRejection.BadPinFile {

  /** {@code Nothing promotes into dev: it is the first environment on the path, where digests are built.} */
  record IntoFirstEnvironment(EnvironmentName environment) implements PromoteRejection {
    public IntoFirstEnvironment {
      Objects.requireNonNull(environment, "environment");
    }

    @Override
    public String message() {
      return "Nothing promotes into " + environment + ": it is the first environment on the path, where digests are built.";
    }
  }

  /** The target already has a promotion or a rollback that is not finished. */
  record PromotionInProgress(DigestPromotion current) implements PromoteRejection {
    public PromotionInProgress {
      Objects.requireNonNull(current, "current");
      if (current.isFinished()) {
        throw new IllegalArgumentException("A finished promotion does not hold its target.");
      }
    }

    @Override
    public String message() {
      PromotionTarget target = current.target();
      String of = target.service() + " to " + target.environment();
      return current.fold(
          proposed -> "A promotion of " + of + " is already being opened. Sync Promotions, then merge or close its PR before promoting again.",
          open -> "A promotion of " + of + " is already open: PR " + open.pr() + ". Merge or close it before promoting again.",
          merged -> "The last promotion of " + of + " is merged but not verified. Complete or roll it back before promoting again.",
          canary -> "The last promotion of " + of + " is still in canary. Complete or roll it back before promoting again.",
          promoted -> finished(of),
          withdrawn -> finished(of),
          rolling -> "A rollback of " + target.service() + " in " + target.environment() + " is open: PR " + rolling.revertPr()
              + ". Merge or close it before promoting again.",
          rolled -> finished(of));
    }

    /** Never shown: the constructor refuses a finished promotion. */
    private static String finished(String of) {
      return "The last promotion of " + of + " is finished.";
    }
  }

  /** {@code An environment never promotes into itself: staging is entered only from dev.} */
  record IntoItself(EnvironmentName environment, EnvironmentName requiredSource) implements PromoteRejection {
    public IntoItself {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(requiredSource, "requiredSource");
    }

    @Override
    public String message() {
      return "An environment never promotes into itself: " + environment + " is entered only from " + requiredSource + ".";
    }
  }

  /** The caller named a source environment that is not the one right before the target. */
  record SkipsAnEnvironment(PromotionTarget target, EnvironmentName requiredSource, EnvironmentName namedSource) implements PromoteRejection {
    public SkipsAnEnvironment {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(requiredSource, "requiredSource");
      Objects.requireNonNull(namedSource, "namedSource");
    }

    @Override
    public String message() {
      return "No skipping: " + target.environment() + " is entered only from " + requiredSource + ", not from " + namedSource
          + ". Promote " + target.service() + " to " + requiredSource + " first.";
    }
  }

  /** {@code api has no digest pinned in staging, so there is nothing to promote to prod.} */
  record NothingPinned(PromotionTarget target, EnvironmentName source) implements PromoteRejection {
    public NothingPinned {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(source, "source");
    }

    @Override
    public String message() {
      return target.service() + " has no digest pinned in " + source + ", so there is nothing to promote to " + target.environment() + ".";
    }
  }

  /**
   * The caller named a digest that is not the source's pin: pinned in an earlier environment (a
   * skip), or nowhere on the way (a rebuild, or a digest from elsewhere).
   */
  record NotBuiltOnce(PromotionTarget target, EnvironmentName source, ImageDigest named, ImageDigest sourcePin,
      Option<EnvironmentName> pinnedEarlierIn) implements PromoteRejection {
    public NotBuiltOnce {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(named, "named");
      Objects.requireNonNull(sourcePin, "sourcePin");
      Objects.requireNonNull(pinnedEarlierIn, "pinnedEarlierIn");
    }

    @Override
    public String message() {
      return pinnedEarlierIn.fold(
          () -> named.abbreviated() + " is not the digest pinned in " + source + " (that is " + sourcePin.abbreviated()
              + "). Only the digest pinned and deployed healthy in " + source + " may enter " + target.environment()
              + ": build once, never rebuild or bring a digest from elsewhere.",
          earlier -> "No skipping: " + named.abbreviated() + " is pinned in " + earlier + " but not in " + source + ", and "
              + target.environment() + " is entered only from " + source + ". Promote it to " + source + " first.");
    }
  }

  /** {@code api already pins sha256:… in staging; nothing to promote.} */
  record AlreadyPinned(PromotionTarget target, ImageDigest digest) implements PromoteRejection {
    public AlreadyPinned {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(digest, "digest");
    }

    @Override
    public String message() {
      return target.service() + " already pins " + digest.abbreviated() + " in " + target.environment() + "; nothing to promote.";
    }
  }

  /** The source pins the digest, but it is not deployed healthy there (build once: proven bytes only). */
  record NotDeployedHealthy(PromotionTarget target, EnvironmentName source, ImageDigest digest, Option<DigestDeployment> latest)
      implements PromoteRejection {
    public NotDeployedHealthy {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(latest, "latest");
    }

    @Override
    public String message() {
      String detail = latest.fold(
          () -> "no deployment status is recorded",
          status -> status.digest().equals(digest)
              ? "its latest deployment status is " + status.state().words()
              : "the latest deployment there is of " + status.digest().abbreviated());
      return digest.abbreviated() + " is pinned in " + source + " but not deployed healthy there (" + detail
          + "). Only a digest deployed healthy in " + source + " may enter " + target.environment() + ".";
    }
  }

  /**
   * A values file the promotion reads (the source's pin) or writes (the target's) could not be read:
   * what is wrong with it, naming the file. Nothing was written.
   */
  record BadPinFile(PinFileProblem problem) implements PromoteRejection {
    public BadPinFile {
      Objects.requireNonNull(problem, "problem");
    }

    @Override
    public String message() {
      return problem.message();
    }
  }
}
