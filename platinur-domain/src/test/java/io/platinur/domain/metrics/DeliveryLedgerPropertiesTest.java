package io.platinur.domain.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.vavr.collection.List;
import io.vavr.control.Either;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/**
 * The four keys computed from generated histories (a lane: applies, unapplies, discards, promotion
 * PRs opened, closed, merged and synced, reverts on production, unreadable records; two services on
 * dev → staging → prod: builds, promotions opened, closed, merged with and without canary, canaries
 * passed and failed, rollbacks requested, merged and closed — all interleaved) agree with the
 * counts of a reference that walks the story by hand; and reading the history in steps gives the
 * ledger that back-filling it in one read gives, at every cut point.
 */
class DeliveryLedgerPropertiesTest {

  private static QuickTheory theory() {
    return qt().withExamples(60).withShrinkCycles(400);
  }

  private static Gen<DeliveryStory> stories() {
    return lists().of(integers().between(0, 20 * 400)).ofSizeBetween(0, 60)
        .map(steps -> DeliveryStory.of(List.ofAll(steps)))
        .describedAs(DeliveryStory::toString);
  }

  private static final Gen<int[]> WINDOWS = lists().of(integers().between(0, 70 * 400)).ofSize(2)
      .map(bounds -> new int[] {bounds.get(0), bounds.get(1)});

  @Test
  void back_filled_keys_agree_with_the_reference_for_every_scope_and_window() {
    theory().forAll(stories(), WINDOWS).checkAssert((story, bounds) -> {
      DeliveryLedger ledger = DeliveryLedger.start().after(story.read(DeliveryCursor.start(), story.records.size()));
      for (MetricsWindow window : windows(story, bounds)) {
        for (DeliveryScope scope : DeliveryStory.allScopes()) {
          assertThat(ledger.keys(scope, window)).as("%s in %s of %s", scope.describe(), window, story)
              .isEqualTo(story.reference(scope, window, story.records.size()));
        }
      }
    });
  }

  @Test
  void a_report_says_there_is_no_data_exactly_when_the_reference_has_none() {
    theory().forAll(stories(), WINDOWS).checkAssert((story, bounds) -> {
      DeliveryLedger ledger = DeliveryLedger.start().after(story.read(DeliveryCursor.start(), story.records.size()));
      for (MetricsWindow window : windows(story, bounds)) {
        boolean referenceHasData = DeliveryStory.allScopes().exists(scope -> story.reference(scope, window, story.records.size()).hasData());
        Either<NoDeliveryData, DeliveryReport> report = ledger.report(window, MetricsFilter.all());
        assertThat(report.isRight()).as("%s of %s: %s", window, story, report).isEqualTo(referenceHasData);
      }
    });
  }

  @Test
  void reading_in_two_steps_equals_back_filling_at_every_cut_point() {
    theory().forAll(stories()).checkAssert(story -> {
      int n = story.records.size();
      DeliveryLedger backFilled = DeliveryLedger.start().after(story.read(DeliveryCursor.start(), n));
      for (int cut = 0; cut <= n; cut++) {
        DeliveryLedger first = DeliveryLedger.start().after(story.read(DeliveryCursor.start(), cut));
        DeliveryLedger then = first.after(story.read(first.cursor(), n));
        assertThat(then).as("cut after %d of %s", cut, story).isEqualTo(backFilled);
      }
    });
  }

  @Test
  void reading_one_record_at_a_time_equals_back_filling_up_to_each_record_and_agrees_with_the_reference() {
    theory().forAll(stories()).checkAssert(story -> {
      int n = story.records.size();
      DeliveryLedger incremental = DeliveryLedger.start();
      MetricsWindow all = new MetricsWindow(DeliveryStory.T0.minusSeconds(1), story.end.plusSeconds(1));
      for (int upTo = 1; upTo <= n; upTo++) {
        incremental = incremental.after(story.read(incremental.cursor(), upTo));
        assertThat(incremental).as("after %d of %s", upTo, story)
            .isEqualTo(DeliveryLedger.start().after(story.read(DeliveryCursor.start(), upTo)));
        for (DeliveryScope scope : DeliveryStory.allScopes()) {
          assertThat(incremental.keys(scope, all)).as("%s after %d of %s", scope.describe(), upTo, story)
              .isEqualTo(story.reference(scope, all, upTo));
        }
      }
      assertThat(incremental.after(story.read(incremental.cursor(), n)))
          .as("a read with nothing new changes nothing but the count of reads").isEqualTo(incremental);
    });
  }

  @Test
  void the_generated_stories_reach_every_kind_of_fact() {
    // the properties above prove little unless the stories reach releases, reverts, failures, restores and gaps;
    // a thousand stories (cheap: no window arithmetic) so that a rare kind is never missed by chance
    java.util.Set<String> reached = new java.util.TreeSet<>();
    theory().withExamples(1000).forAll(stories()).checkAssert(story -> {
      DeliveryLedger ledger = DeliveryLedger.start().after(story.read(DeliveryCursor.start(), story.records.size()));
      MetricsWindow all = new MetricsWindow(DeliveryStory.T0.minusSeconds(1), story.end.plusSeconds(1));
      for (DeliveryScope scope : DeliveryStory.allScopes()) {
        DeliveryKeys keys = ledger.keys(scope, all);
        String kind = scope.fold(lane -> "lane", target -> target.target().environment().value());
        if (keys.deployments() > 0) {
          reached.add(kind + " deployment");
        }
        if (keys.leadTime().count() > 0) {
          reached.add(kind + " lead time");
        }
        if (keys.changeFailureRate().failed() > 0) {
          reached.add(kind + " failure");
        }
        if (keys.timeToRestore().count() > 0) {
          reached.add(kind + " restore");
        }
      }
      if (!ledger.problems().isEmpty()) {
        reached.add("problem");
      }
    });
    assertThat(reached).contains("lane deployment", "lane lead time", "lane failure", "lane restore", "dev deployment",
        "staging deployment", "staging lead time", "staging failure", "staging restore", "prod deployment", "prod lead time",
        "prod failure", "prod restore", "problem");
  }

  private static List<MetricsWindow> windows(DeliveryStory story, int[] bounds) {
    java.time.Instant from = DeliveryStory.T0.plus(Duration.ofMinutes(Math.min(bounds[0], bounds[1])));
    java.time.Instant until = DeliveryStory.T0.plus(Duration.ofMinutes(Math.max(bounds[0], bounds[1]) + 1));
    return List.of(new MetricsWindow(DeliveryStory.T0.minusSeconds(1), story.end.plusSeconds(1)), new MetricsWindow(from, until));
  }
}
