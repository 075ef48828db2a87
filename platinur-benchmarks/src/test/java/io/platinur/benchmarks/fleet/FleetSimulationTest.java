package io.platinur.benchmarks.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Small random fleets through the simulated day: whatever the seed, the number of services, the
 * length of the day and the mode, every merged PR is recorded exactly once and every prod pin is a
 * digest that passed its gate (soaked in staging, approved), with hosts crashing and the forge
 * failing as GitHub does; paced, no limit is crossed and nothing is refused.
 */
class FleetSimulationTest {

  private static FleetSimulation.Settings fleet(long seed, int services, int hours, boolean held, boolean paced) {
    return FleetSimulation.Settings.day(seed, held, paced).withServices(services).withDay(Duration.ofHours(hours));
  }

  @Test
  void small_fleets_lose_nothing_double_nothing_and_pin_only_gated_digests() {
    qt().withExamples(12).withShrinkCycles(20)
        .forAll(longs().all(), integers().between(1, 6), integers().between(1, 3), integers().between(0, 2))
        .checkAssert((seed, services, hours, mode) -> {
          FleetReport report = FleetSimulation.run(fleet(seed, services, hours, mode > 0, mode > 1));
          assertThat(report.lost()).as("lost%n%s", report.text()).isZero();
          assertThat(report.doubled()).as("doubled%n%s", report.text()).isZero();
          assertThat(report.ungatedPins()).as("ungated%n%s", report.text()).isZero();
          assertThat(report.built()).as("builds").isPositive();
          if (mode > 1) {
            assertThat(report.withinLimits()).as("limits%n%s", report.text()).isTrue();
          }
        });
  }

  @Test
  void a_held_fleet_reaches_prod_and_rolls_back_failed_canaries() {
    FleetReport report = FleetSimulation.run(fleet(7L, 8, 4, true, false));
    assertThat(report.correct()).as(report.text()).isTrue();
    assertThat(report.promotedToProd()).as(report.text()).isGreaterThan(10);
    assertThat(report.mergedPerStep()).as(report.text()).containsKeys("staging", "prod");
  }

  @Test
  void the_same_seed_gives_the_same_day() {
    FleetReport first = FleetSimulation.run(fleet(3L, 4, 2, true, true));
    FleetReport second = FleetSimulation.run(fleet(3L, 4, 2, true, true));
    assertThat(second.text()).isEqualTo(first.text());
  }

  @Test
  void unpaced_a_fleet_crosses_the_push_recommendation_and_paced_it_does_not() {
    FleetReport unpaced = FleetSimulation.run(fleet(5L, 10, 2, true, false));
    FleetReport paced = FleetSimulation.run(fleet(5L, 10, 2, true, true));
    assertThat(unpaced.peakPushesPerMinute()).as(unpaced.text()).isGreaterThan(Forge.PUSHES_PER_MINUTE);
    assertThat(paced.peakPushesPerMinute()).as(paced.text()).isLessThanOrEqualTo(Forge.PUSHES_PER_MINUTE);
    assertThat(paced.pacedWaits()).as(paced.text()).isPositive();
    assertThat(paced.correct()).as(paced.text()).isTrue();
  }
}
