package io.platinur.port;

import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PromotionTarget;
import io.vavr.control.Either;

/** The canary analysis of a digest running as a canary in its target (Argo Rollouts, Flagger, Kayenta…). */
public interface CanaryAnalysis {
  Either<PortFailure, CanaryVerdict> verdict(PromotionTarget target, ImageDigest digest);
}
