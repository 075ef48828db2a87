package io.platinur.spring;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.StepPolicy;
import io.platinur.domain.repository.BranchName;
import io.platinur.git.GitStaging;
import io.platinur.port.CanaryAnalysis;
import io.platinur.port.ForgePorts;
import io.platinur.port.TimeSource;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;

/** The {@code platinur.digest.*} properties made into promote by digest, each property checked by name. */
final class DigestWiring {
  private DigestWiring() {}

  /** The promotion path from {@code platinur.digest.environments} and {@code steps}. */
  static PromotionPath promotionPath(PlatinurProperties.Digest digest) {
    List<String> names = List.ofAll(digest.getEnvironments()).map(String::strip);
    if (digest.getSteps().isEmpty() && names.equals(List.of("dev", "staging", "prod"))) {
      return PromotionPath.standard();
    }
    Seq<EnvironmentName> environments = names.map(name -> Wiring.checked("platinur.digest.environments", () -> EnvironmentName.of(name),
        "List the promotion path's environments, such as dev,staging,prod."));
    for (String stepOf : digest.getSteps().keySet()) {
      if (!names.contains(stepOf) || names.head().equals(stepOf)) {
        throw new PlatinurPropertyException("platinur.digest.steps." + stepOf,
            "platinur.digest.steps." + stepOf + " names no step of the promotion path " + names.mkString(" → ") + ".",
            "Key platinur.digest.steps by an environment the path enters: " + names.tail().mkString(", ") + ".");
      }
    }
    if (environments.isEmpty()) {
      throw new PlatinurPropertyException("platinur.digest.environments", "platinur.digest.environments is empty.",
          "List the promotion path's environments, such as dev,staging,prod.");
    }
    PromotionPath.Builder path = PromotionPath.start(environments.head());
    for (EnvironmentName environment : environments.tail()) {
      path = path.then(environment, stepPolicy(environment.toString(), digest.getSteps().get(environment.toString())));
    }
    Validation<Seq<String>, PromotionPath> built = path.build();
    if (built.isInvalid()) {
      throw new PlatinurPropertyException("platinur.digest.environments",
          "platinur.digest.environments: " + built.getError().mkString(" "), "List each environment once, at least two.");
    }
    return built.get();
  }

  private static StepPolicy stepPolicy(String environment, PlatinurProperties.Step step) {
    if (step == null) {
      return StepPolicy.automatic();
    }
    String property = "platinur.digest.steps." + environment;
    return Wiring.checked(property, () -> StepPolicy.builder()
            .requiredApprovals(step.getApprovals())
            .allowedReviewers(step.getReviewers())
            .minimumSoak(step.getSoak())
            .canaryTimeout(Option.of(step.getCanaryTimeout()))
            .build(),
        "Set " + property + ".approvals to 0 or more, .soak to a duration and .canary-timeout to a positive duration or nothing.");
  }

  static PinLayout pinLayout(PlatinurProperties.Digest digest) {
    Validation<Seq<String>, PinLayout> parsed = PinLayout.parse(digest.getLayout(), digest.getKey());
    if (parsed.isInvalid()) {
      throw new PlatinurPropertyException("platinur.digest.layout", "platinur.digest.layout: " + parsed.getError().mkString(" "),
          "Set platinur.digest.layout to a path with {env} and {service}, and platinur.digest.key to a YAML key.");
    }
    return parsed.get();
  }

  /** Whether any step of the path enters through a canary (and so needs a {@link CanaryAnalysis}). */
  static boolean hasCanary(PromotionPath path) {
    return path.environments().tail().exists(env -> path.policyFor(env).exists(policy -> policy.canaryTimeout().isDefined()));
  }

  static DigestPromotionService digests(PlatinurProperties properties, GitStaging git, ForgePorts forge,
      Option<CanaryAnalysis> canary, TimeSource time) {
    PromotionPath path = promotionPath(properties.getDigest());
    PinLayout layout = pinLayout(properties.getDigest());
    BranchName gitops = Wiring.gitopsBranch(properties);
    if (hasCanary(path) && canary.isEmpty()) {
      throw new PlatinurPropertyException("platinur.digest.steps",
          "The promotion path " + path + " enters an environment through a canary, and no CanaryAnalysis bean reports its verdict.",
          "Define a bean of type io.platinur.port.CanaryAnalysis (Argo Rollouts, Flagger, …), or leave canary-timeout unset in platinur.digest.steps.");
    }
    CanaryAnalysis analysis = canary.getOrElse(() -> (target, digest) -> Either.right(CanaryVerdict.INCONCLUSIVE));
    return DigestPromotionService.builder(git.gitOps(gitops, layout), forge, analysis).path(path).clock(time).build();
  }

}
