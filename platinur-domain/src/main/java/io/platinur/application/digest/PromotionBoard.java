package io.platinur.application.digest;

import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.EnvironmentDrift;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.port.PinSnapshot;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import java.util.Objects;

/**
 * The promotion board: every environment's pins and platform version, the latest promotion of
 * every target, and what each next step (service × environment after the first) waits for — its
 * unfinished promotion's state, the exact message promote would be refused with, or
 * {@code ready: <digest> from <source>} — and the drift: every file other than a values overlay
 * that differs between the environment directories (environments may differ only in overlays).
 */
public record PromotionBoard(
    PromotionPath path,
    PinSnapshot snapshot,
    SortedMap<EnvironmentName, String> platformVersions,
    SortedMap<PromotionTarget, DigestPromotion> promotions,
    SortedMap<PromotionTarget, String> nextSteps,
    Seq<EnvironmentDrift.DriftedFile> drift) {
  public PromotionBoard {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(platformVersions, "platformVersions");
    Objects.requireNonNull(promotions, "promotions");
    Objects.requireNonNull(nextSteps, "nextSteps");
    Objects.requireNonNull(drift, "drift");
  }
}
