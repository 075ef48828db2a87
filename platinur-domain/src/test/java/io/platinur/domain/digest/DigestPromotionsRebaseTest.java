package io.platinur.domain.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.platinur.domain.digest.DigestPromotionEvent.DigestPrOpened;
import io.platinur.domain.digest.DigestPromotionEvent.PromotionProposed;
import io.platinur.domain.forge.PullRequestNumber;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * {@link DigestPromotions#rebase}: a change decided on an older state stands on a newer one exactly
 * when no target it touches moved in between, and then it is the same as both changes applied in
 * turn; a change of a target that moved is refused (to be decided again).
 */
class DigestPromotionsRebaseTest {
  private static final PromotionPath PATH = PromotionPath.standard();
  private static final List<PromotionTarget> TARGETS = List.of("api", "web", "db").flatMap(service -> List.of("staging", "prod")
      .map(env -> new PromotionTarget(ServiceName.of(service), EnvironmentName.of(env))));

  /** Proposes and opens a PR for every target whose bit is set in {@code mask}; PR numbers from {@code firstPr}. */
  private static Seq<DigestPromotionEvent> openOn(int mask, int firstPr) {
    Seq<DigestPromotionEvent> events = List.empty();
    for (int i = 0; i < TARGETS.size(); i++) {
      if ((mask & (1 << i)) != 0) {
        PromotionTarget target = TARGETS.get(i);
        EnvironmentName from = PATH.source(target.environment()).get();
        ImageDigest digest = ImageDigest.of("sha256:" + String.format("%02x", firstPr + i).repeat(32));
        events = events.append(new PromotionProposed(new Promotion(target, from, digest, Option.none())))
            .append(new DigestPrOpened(target, PullRequestNumber.of(firstPr + i)));
      }
    }
    return events;
  }

  @Test
  void a_change_stands_on_a_newer_state_exactly_when_none_of_its_targets_moved() {
    qt().withExamples(300).withShrinkCycles(50)
        .forAll(integers().between(0, 63), integers().between(0, 63), integers().between(0, 63))
        .checkAssert((before, first, second) -> {
          DigestPromotions start = DigestPromotions.none(PATH).after(openOn(before, 1)).get();
          // two hosts decide on start: one on the targets of `first`, one on those of `second`; the first saves first
          Seq<DigestPromotionEvent> firstEvents = openOn(first & ~before, 20);
          Seq<DigestPromotionEvent> secondEvents = openOn(second & ~before, 40);
          DigestPromotions saved = start.after(firstEvents).get();

          Option<DigestPromotions> rebased = saved.rebase(start, secondEvents);

          boolean overlap = ((first & ~before) & (second & ~before)) != 0;
          assertThat(rebased.isDefined()).as("overlap %s", overlap).isEqualTo(!overlap);
          rebased.forEach(both -> assertThat(both.latest()).isEqualTo(start.after(firstEvents.appendAll(secondEvents)).get().latest()));
        });
  }

  @Test
  void a_change_on_an_unchanged_state_is_the_change_itself() {
    DigestPromotions start = DigestPromotions.none(PATH).after(openOn(0b000011, 1)).get();
    Seq<DigestPromotionEvent> change = openOn(0b110000, 20);
    assertThat(start.rebase(start, change).map(DigestPromotions::latest)).contains(start.after(change).get().latest());
  }
}
