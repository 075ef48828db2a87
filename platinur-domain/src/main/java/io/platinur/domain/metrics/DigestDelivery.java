package io.platinur.domain.metrics;

import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackReason;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * The delivery events between two saved states of the digest promotions, and the builds between
 * two pins of the first environment.
 *
 * <p>The store keeps the latest promotion of every target; each save is one decision, so two
 * consecutive states tell what happened in between: a promotion whose PR opened, merged (the digest
 * reached the target), was verified, rolled back or withdrawn. A target whose promotion went
 * backwards, or was replaced or dropped before it finished, is a gap: reported, and nothing guessed.
 */
public final class DigestDelivery {
  private DigestDelivery() {}

  /** What a change of the store brought: its events in order, and the gaps it shows. */
  public record Changes(Seq<DeliveryEvent> events, Seq<HistoryProblem> problems) {
    public Changes {
      Objects.requireNonNull(events, "events");
      Objects.requireNonNull(problems, "problems");
    }
  }

  private static SortedMap<PromotionTarget, DigestPromotion> byTarget(Seq<DigestPromotion> latest) {
    return TreeMap.ofEntries(latest.map(promotion -> new io.vavr.Tuple2<>(promotion.promotion().target(), promotion)));
  }

  /**
   * The events that lead from {@code before} to {@code after} (the latest promotion of each target,
   * as stored), saved at {@code at}; {@code where} names the saved state in a problem
   * ({@code refs/platinur/digest-promotions at 1a2b3c4}).
   */
  public static Changes changes(Seq<DigestPromotion> before, Seq<DigestPromotion> after, Instant at, String where) {
    Seq<DeliveryEvent> events = io.vavr.collection.Vector.empty();
    Seq<HistoryProblem> problems = io.vavr.collection.Vector.empty();
    SortedMap<PromotionTarget, DigestPromotion> was0 = byTarget(before);
    SortedMap<PromotionTarget, DigestPromotion> now0 = byTarget(after);
    for (PromotionTarget target : was0.keySet().addAll(now0.keySet())) {
      Option<DigestPromotion> was = was0.get(target);
      Option<DigestPromotion> now = now0.get(target);
      if (now.isEmpty()) {
        problems = problems.append(new HistoryProblem.Gap(where, "the promotion of " + target + " (" + was.get().describe()
            + ") is no longer recorded", "what became of it is not counted"));
        continue;
      }
      Seq<Milestone> reached = List.empty();
      if (was.isDefined() && same(was.get(), now.get())) {
        reached = milestones(was.get());
      } else if (was.isDefined() && !was.get().isFinished()) {
        problems = problems.append(new HistoryProblem.Gap(where, "the promotion of " + target + " (" + was.get().describe()
            + ") was replaced before it finished", "its outcome is not counted"));
      }
      Seq<Milestone> next = milestones(now.get());
      int common = commonPrefix(reached, next);
      Seq<Milestone> undone = reached.drop(common).filter(m -> m.kind() != Kind.VERIFIED); // a rollback forgets the verification
      if (undone.exists(m -> m.kind() != Kind.ROLLBACK_OPENED)) {
        problems = problems.append(new HistoryProblem.Gap(where, "the promotion of " + target + " went back from "
            + was.get().describe() + " to " + now.get().describe(), "this change is not counted"));
        continue;
      }
      Promotion promotion = now.get().promotion();
      for (Milestone withdrawn : undone) {
        events = events.append(withdrawn.withdrawn(promotion, at));
      }
      for (Milestone milestone : next.drop(common)) {
        events = events.append(milestone.event(promotion, at));
      }
    }
    return new Changes(events, problems);
  }

  /**
   * The builds between two states of the first environment's pins ({@code service → digest}):
   * every service whose pin there changed to a digest, at {@code at}.
   */
  public static Seq<DeliveryEvent> builds(
      EnvironmentName first, SortedMap<ServiceName, ImageDigest> before, SortedMap<ServiceName, ImageDigest> after, Instant at) {
    return after.filter((service, digest) -> !before.get(service).contains(digest))
        .map(pin -> (DeliveryEvent) new DeliveryEvent.DigestBuilt(pin._1, first, pin._2, at))
        .toList();
  }

  // ---- milestones: what a state says has happened to its promotion -------------------------------

  private enum Kind { OPENED, WITHDRAWN, DEPLOYED, VERIFIED, ROLLBACK_OPENED, ROLLED_BACK }

  private record Milestone(Kind kind, PullRequestNumber pr, Option<PullRequestNumber> revertPr, Option<RollbackReason> reason) {
    DeliveryEvent event(Promotion promotion, Instant at) {
      PromotionTarget target = promotion.target();
      ImageDigest digest = promotion.digest();
      return switch (kind) {
        case OPENED -> new DeliveryEvent.DigestPromotionOpened(target, digest, pr, at);
        case WITHDRAWN -> new DeliveryEvent.DigestPromotionWithdrawn(target, digest, pr, at);
        case DEPLOYED -> new DeliveryEvent.DigestDeployed(target, promotion.from(), digest, pr, at);
        case VERIFIED -> new DeliveryEvent.DigestVerified(target, digest, pr, at);
        case ROLLBACK_OPENED -> new DeliveryEvent.DigestRollbackOpened(target, digest, pr, revertPr.get(), reason.get(), at);
        case ROLLED_BACK -> new DeliveryEvent.DigestRolledBack(target, digest, pr, revertPr.get(), at);
      };
    }

    DeliveryEvent withdrawn(Promotion promotion, Instant at) {
      return new DeliveryEvent.DigestRollbackWithdrawn(promotion.target(), promotion.digest(), pr, revertPr.get(), at);
    }
  }

  private static Milestone milestone(Kind kind, PullRequestNumber pr) {
    return new Milestone(kind, pr, Option.none(), Option.none());
  }

  private static Seq<Milestone> milestones(DigestPromotion promotion) {
    return promotion.fold(
        proposed -> List.empty(),
        open -> List.of(milestone(Kind.OPENED, open.pr())),
        merged -> List.of(milestone(Kind.OPENED, merged.pr()), milestone(Kind.DEPLOYED, merged.pr())),
        canary -> List.of(milestone(Kind.OPENED, canary.pr()), milestone(Kind.DEPLOYED, canary.pr())),
        promoted -> List.of(milestone(Kind.OPENED, promoted.pr()), milestone(Kind.DEPLOYED, promoted.pr()),
            milestone(Kind.VERIFIED, promoted.pr())),
        withdrawn -> List.of(milestone(Kind.OPENED, withdrawn.pr()), milestone(Kind.WITHDRAWN, withdrawn.pr())),
        rolling -> List.of(milestone(Kind.OPENED, rolling.pr()), milestone(Kind.DEPLOYED, rolling.pr()),
            new Milestone(Kind.ROLLBACK_OPENED, rolling.pr(), Option.some(rolling.revertPr()), Option.some(rolling.reason()))),
        rolled -> List.of(milestone(Kind.OPENED, rolled.pr()), milestone(Kind.DEPLOYED, rolled.pr()),
            new Milestone(Kind.ROLLBACK_OPENED, rolled.pr(), Option.some(rolled.revertPr()), Option.some(rolled.reason())),
            new Milestone(Kind.ROLLED_BACK, rolled.pr(), Option.some(rolled.revertPr()), Option.some(rolled.reason()))));
  }

  private static Option<PullRequestNumber> pr(DigestPromotion promotion) {
    return promotion.fold(proposed -> Option.none(), open -> Option.some(open.pr()), merged -> Option.some(merged.pr()),
        canary -> Option.some(canary.pr()), promoted -> Option.some(promoted.pr()), withdrawn -> Option.some(withdrawn.pr()),
        rolling -> Option.some(rolling.pr()), rolled -> Option.some(rolled.pr()));
  }

  /** The same promotion, further on: the same move, and the same PR once it has one. */
  private static boolean same(DigestPromotion was, DigestPromotion now) {
    return was.promotion().equals(now.promotion()) && (pr(was).isEmpty() || pr(was).equals(pr(now)));
  }

  /** How many milestones the two lists share from the start. */
  private static int commonPrefix(Seq<Milestone> a, Seq<Milestone> b) {
    int n = 0;
    while (n < a.size() && n < b.size() && a.get(n).equals(b.get(n))) {
      n++;
    }
    return n;
  }
}
