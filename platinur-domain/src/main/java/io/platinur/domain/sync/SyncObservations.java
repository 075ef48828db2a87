package io.platinur.domain.sync;

import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.BranchHeads;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * What Sync Promotions saw before deciding anything: where the branches point, the promotion PR
 * found open between them (looked up while the lane is unlocked), the state of the lane's own
 * promotion PR (read while it is open), and which of the commits {@link
 * SyncPromotions#commitsToCheck} named production contains.
 */
public record SyncObservations(
    BranchHeads heads,
    Option<PromotionPullRequest> openPromotionPr,
    Option<PullRequestState> promotionPrState,
    Set<CommitId> inProduction) {
  public SyncObservations {
    Objects.requireNonNull(heads, "heads");
    Objects.requireNonNull(openPromotionPr, "openPromotionPr");
    Objects.requireNonNull(promotionPrState, "promotionPrState");
    Objects.requireNonNull(inProduction, "inProduction");
  }
}
