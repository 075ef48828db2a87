package io.platinur.domain.digest;

import static io.platinur.domain.digest.PromotionExamples.API;
import static io.platinur.domain.digest.PromotionExamples.PROD;
import static io.platinur.domain.digest.PromotionExamples.STAGING;
import static io.platinur.domain.digest.PromotionExamples.T0;
import static io.platinur.domain.digest.PromotionExamples.commit;
import static io.platinur.domain.digest.PromotionExamples.digest;
import static io.platinur.domain.digest.PromotionExamples.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.forge.PullRequestNumber;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** Every event says what happened in one sentence, byte for byte as the README's table has it. */
class DigestPromotionEventTest {
  private static final PromotionTarget API_PROD = target(API, PROD);
  private static final PullRequestNumber PR = PullRequestNumber.of(2);
  private static final PullRequestNumber REVERT = PullRequestNumber.of(3);

  @Test
  void every_event_says_what_happened_in_words() {
    assertThat(new DigestPromotionEvent.PromotionProposed(new Promotion(API_PROD, STAGING, digest(0xa1), Option.some(digest(0xb2)))).words())
        .isEqualTo("Decided to promote api to prod: sha256:a1a1a1a1a1a1 from staging, replacing sha256:b2b2b2b2b2b2.");
    assertThat(new DigestPromotionEvent.PromotionProposed(new Promotion(API_PROD, STAGING, digest(0xa1), Option.none())).words())
        .isEqualTo("Decided to promote api to prod: sha256:a1a1a1a1a1a1 from staging, replacing no pin.");
    assertThat(new DigestPromotionEvent.DigestPrOpened(API_PROD, PR).words()).isEqualTo("Promotion PR #2 of api to prod is open.");
    assertThat(new DigestPromotionEvent.DigestPrClosed(API_PROD, PR).words())
        .isEqualTo("Promotion PR #2 of api to prod was closed without merging; the pin never moved.");
    assertThat(new DigestPromotionEvent.DigestPrMerged(API_PROD, PR, commit(0xabc)).words())
        .isEqualTo("Merged promotion PR #2 of api to prod as " + commit(0xabc).abbreviated() + ".");
    assertThat(new DigestPromotionEvent.CanaryStarted(API_PROD, T0).words()).isEqualTo("The canary of api in prod started at 2026-12-01T10:00:00Z.");
    assertThat(new DigestPromotionEvent.PromotionCompleted(API_PROD).words()).isEqualTo("The promotion of api to prod is complete.");
    assertThat(new DigestPromotionEvent.RollbackOpened(API_PROD, REVERT, RollbackReason.REQUESTED).words())
        .isEqualTo("Rollback PR #3 of api in prod is open: requested.");
    assertThat(new DigestPromotionEvent.RollbackOpened(API_PROD, REVERT, RollbackReason.CANARY_FAILED).words())
        .isEqualTo("Rollback PR #3 of api in prod is open: the canary failed.");
    assertThat(new DigestPromotionEvent.RollbackOpened(API_PROD, REVERT, RollbackReason.CANARY_TIMED_OUT).words())
        .isEqualTo("Rollback PR #3 of api in prod is open: the canary gave no verdict in time.");
    assertThat(new DigestPromotionEvent.RollbackClosed(API_PROD, REVERT).words())
        .isEqualTo("Rollback PR #3 of api in prod was closed without merging; the promoted digest stays, not yet verified.");
    assertThat(new DigestPromotionEvent.PromotionRolledBack(API_PROD, REVERT, commit(0xdef)).words())
        .isEqualTo("Merged rollback PR #3 of api in prod as " + commit(0xdef).abbreviated() + "; the pin from before the promotion is back.");
  }
}
