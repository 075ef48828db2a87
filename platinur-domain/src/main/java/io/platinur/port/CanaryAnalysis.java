package io.platinur.port;

import io.platinur.domain.promotion.CanaryVerdict;
import io.platinur.domain.promotion.ImageDigest;
import io.platinur.domain.promotion.PromotionTarget;
import io.vavr.control.Either;

/** The canary analysis of a digest running as a canary in its target (Argo Rollouts, Flagger, Kayenta…). */
public interface CanaryAnalysis {
  Either<PortFailure, CanaryVerdict> verdict(PromotionTarget target, ImageDigest digest);
}
