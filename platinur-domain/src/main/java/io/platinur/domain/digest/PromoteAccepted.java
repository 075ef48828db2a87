package io.platinur.domain.digest;

import io.platinur.domain.digest.DigestPromotionEvent.DigestPrOpened;
import io.platinur.domain.digest.DigestPromotionEvent.PromotionProposed;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.proposal.RepoPath;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * A promotion {@link DigestPromotions#promote} accepted, with what the caller does next: write the
 * pin change on {@link #branch()} (only {@code key} in {@code pinFile}, to {@code promotion.digest()}),
 * open its PR into the GitOps branch with {@link #prTitle()} and {@link #prBody()}, then record
 * {@link #events(PullRequestNumber)}; the promotion is then {@link #opened(PullRequestNumber)}.
 */
public record PromoteAccepted(Promotion promotion, RepoPath pinFile, PinKey key) {
  public PromoteAccepted {
    Objects.requireNonNull(promotion, "promotion");
    Objects.requireNonNull(pinFile, "pinFile");
    Objects.requireNonNull(key, "key");
  }

  public PromotionTarget target() {
    return promotion.target();
  }

  /** {@code platinur/promote/<service>/<env>}, the branch the PR is opened from. */
  public PromotionBranch branch() {
    return PromotionBranch.promotion(target());
  }

  /** The events to record once PR {@code pr} is open: the promotion decided, its PR opened. */
  public Seq<DigestPromotionEvent> events(PullRequestNumber pr) {
    return List.of(new PromotionProposed(promotion), new DigestPrOpened(target(), pr));
  }

  /** The promotion once PR {@code pr} is open. */
  public DigestPromotion.PrOpen opened(PullRequestNumber pr) {
    return new DigestPromotion.Proposed(promotion).opened(pr);
  }

  /** {@code Promote api to staging: sha256:1a2b3c4d5e6f…}. */
  public String prTitle() {
    return "Promote " + target().service() + " to " + target().environment() + ": " + promotion.digest().abbreviated();
  }

  /** What the PR changes and why, in words for its reviewers. */
  public String prBody() {
    return "Moves the pin of " + target().service() + " in " + target().environment() + " (" + pinFile + ", " + key + ") from "
        + promotion.previous().map(ImageDigest::value).getOrElse("no pin") + " to " + promotion.digest()
        + ", the digest pinned and deployed healthy in " + promotion.from() + ". Nothing else changes.\n";
  }
}
