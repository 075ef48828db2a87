package io.platinur.domain.digest;

import static io.platinur.domain.digest.PromotionExamples.API;
import static io.platinur.domain.digest.PromotionExamples.DEV;
import static io.platinur.domain.digest.PromotionExamples.PROD;
import static io.platinur.domain.digest.PromotionExamples.STAGING;
import static io.platinur.domain.digest.PromotionExamples.T0;
import static io.platinur.domain.digest.PromotionExamples.allHealthy;
import static io.platinur.domain.digest.PromotionExamples.commit;
import static io.platinur.domain.digest.PromotionExamples.digest;
import static io.platinur.domain.digest.PromotionExamples.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchName;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Repairing a sync: which open PRs are unrecorded, and whether each is adopted or closed, decided purely. */
class DigestPromotionsAdoptTest {
  static final BranchName MAIN = BranchName.of("main");
  static final PromotionPath PATH = PromotionPath.standard();
  static final PinLayout LAYOUT = PinLayout.standard();
  static final Pins PINS = Pins.none().with(DEV, API, digest(1)).with(STAGING, API, digest(2)).with(PROD, API, digest(3));
  static final PromotionTarget API_STAGING = target(API, STAGING);
  static final RepoPath STAGING_PIN = LAYOUT.pinPath(STAGING, API);

  static OpenPullRequest open(long number, String head, BranchName base) {
    return new OpenPullRequest(PullRequestNumber.of(number), BranchName.of(head), base, commit((int) number), TreeSet.empty(), T0);
  }

  static UnrecordedPr unrecorded(PromotionBranch branch, long number) {
    return new UnrecordedPr(branch, PullRequestNumber.of(number), commit((int) number));
  }

  static PromotionDiff changing(Seq<RepoPath> paths, Option<ImageDigest> pinAfter) {
    return new PromotionDiff(TreeSet.ofAll(paths), pinAfter, false);
  }

  static final PinReading READING = PinReading.of(LAYOUT, PINS);

  static DigestPromotions none() {
    return DigestPromotions.none(PATH);
  }

  static DigestPromotions opened(long pr) {
    return none().after(none().promote(READING, allHealthy(PINS, T0), PromoteRequest.of(API, STAGING)).get()
        .events(PullRequestNumber.of(pr))).get();
  }

  static DigestPromotions promotedToStaging() {
    DigestPromotions open = opened(1);
    return open.after(open.observe(API_STAGING, PullRequestNumber.of(1), new io.platinur.domain.forge.PullRequestState.Merged(commit(9)), T0)).get();
  }

  @Test
  void unrecorded_prs_are_the_open_ones_from_promotion_branches_into_the_gitops_branch_that_no_promotion_records() {
    DigestPromotions promoted = promotedToStaging();
    DigestPromotions recordedOpen = opened(4);
    Seq<OpenPullRequest> open = List.of(open(7, "platinur/rollback/api/staging", MAIN), open(4, "platinur/promote/api/staging", MAIN),
        open(5, "platinur/promote/api/prod", BranchName.of("release")), open(6, "feature/x", MAIN));

    assertThat(promoted.unrecorded(MAIN, open)).containsExactly(
        unrecorded(PromotionBranch.promotion(API_STAGING), 4), unrecorded(PromotionBranch.rollback(API_STAGING), 7));
    assertThat(recordedOpen.unrecorded(MAIN, open)).containsExactly(unrecorded(PromotionBranch.rollback(API_STAGING), 7));
  }

  @Nested
  class From_a_promotion_branch {
    final UnrecordedPr pr = unrecorded(PromotionBranch.promotion(API_STAGING), 4);

    @Test
    void is_adopted_as_the_promotion_promote_decides_when_it_changes_only_the_pin_to_its_digest() {
      Either<UnrecordedPrNote, Seq<DigestPromotionEvent>> adopted = none()
          .adopt(READING, allHealthy(PINS, T0), pr, changing(List.of(STAGING_PIN), Option.some(digest(1))));
      assertThat(adopted.get()).containsExactly(
          new DigestPromotionEvent.PromotionProposed(new Promotion(API_STAGING, DEV, digest(1), Option.some(digest(2)))),
          new DigestPromotionEvent.DigestPrOpened(API_STAGING, PullRequestNumber.of(4)));
    }

    @Test
    void is_closed_when_it_pins_another_digest_or_changes_more_than_the_pin() {
      for (PromotionDiff diff : List.of(changing(List.of(STAGING_PIN), Option.some(digest(3))),
          changing(List.of(STAGING_PIN, RepoPath.of("environments/staging/api/chart.yaml")), Option.some(digest(1))),
          new PromotionDiff(TreeSet.of(STAGING_PIN), Option.some(digest(1)), true))) {
        assertThat(none().adopt(READING, allHealthy(PINS, T0), pr, diff).getLeft().message()).isEqualTo(
            "PR #4 from platinur/promote/api/staging was not recorded; closed it: it must change only environments/staging/api/values.yaml, to "
                + digest(1).abbreviated() + ".");
      }
    }

    @Test
    void is_closed_with_promotes_refusal() {
      UnrecordedPrNote note = none()
          .adopt(PinReading.of(LAYOUT, PINS.with(STAGING, API, digest(1))), allHealthy(PINS, T0), pr,
              changing(List.of(STAGING_PIN), Option.some(digest(1))))
          .getLeft();
      assertThat(note).isInstanceOf(UnrecordedPrNote.Refused.class);
      assertThat(note.message()).isEqualTo("PR #4 from platinur/promote/api/staging was not recorded; closed it: api already pins sha256:111111111111"
          + " in staging; nothing to promote.");
    }
  }

  @Nested
  class From_a_rollback_branch {
    final UnrecordedPr pr = unrecorded(PromotionBranch.rollback(API_STAGING), 7);

    @Test
    void is_adopted_as_a_requested_rollback_when_it_brings_the_previous_pin_back() {
      Seq<DigestPromotionEvent> adopted = promotedToStaging()
          .adopt(READING, List.empty(), pr, changing(List.of(STAGING_PIN), Option.some(digest(2)))).get();
      assertThat(adopted).containsExactly(new DigestPromotionEvent.RollbackOpened(API_STAGING, PullRequestNumber.of(7), RollbackReason.REQUESTED));
    }

    @Test
    void is_closed_when_nothing_was_merged() {
      assertThat(none().adopt(READING, List.empty(), pr, changing(List.of(STAGING_PIN), Option.some(digest(2))))
          .getLeft().message()).isEqualTo(
              "PR #7 from platinur/rollback/api/staging was not recorded; closed it: Nothing to roll back: no promotion of api to staging was merged.");
    }
  }
}
