package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.platinur.domain.InvalidValueException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exponential backoff with full jitter, driven by a recording sleeper and a chosen random source:
 * which waits it asks for, within which bounds; never a real sleep.
 */
class JitteredBackoffTest {
  private static final Duration BASE = Duration.ofMillis(5);
  private static final Duration CAP = Duration.ofMillis(500);

  final List<Duration> slept = new ArrayList<>();
  final List<Long> boundsAsked = new ArrayList<>();

  private JitteredBackoff backoff(java.util.function.LongUnaryOperator pick) {
    return new JitteredBackoff(BASE, CAP, bound -> {
      boundsAsked.add(bound);
      return pick.applyAsLong(bound);
    }, slept::add);
  }

  @Nested
  class The_longest_wait {
    @Test
    void doubles_from_the_first_wait_up_to_the_cap() {
      JitteredBackoff longest = backoff(bound -> bound);
      for (int retry = 1; retry <= 9; retry++) {
        longest.beforeRetry(retry);
      }
      assertThat(slept).extracting(Duration::toMillis).containsExactly(5L, 10L, 20L, 40L, 80L, 160L, 320L, 500L, 500L);
    }

    @Test
    void stays_at_the_cap_for_any_retry_without_overflowing() {
      qt().withExamples(300).forAll(integers().between(8, Integer.MAX_VALUE)).checkAssert(retry ->
          assertThat(backoff(bound -> bound).bound(retry)).isEqualTo(CAP));
      assertThat(new JitteredBackoff(Duration.ofNanos(3), Duration.ofDays(365), b -> b, d -> { }).bound(Integer.MAX_VALUE))
          .isEqualTo(Duration.ofDays(365));
    }
  }

  @Nested
  class The_jitter {
    @Test
    void asks_the_random_source_for_a_value_up_to_the_bound_and_sleeps_what_it_picked() {
      qt().withExamples(300).forAll(integers().between(1, 40), longs().between(0, 1_000_000)).checkAssert((retry, seed) -> {
        slept.clear();
        boundsAsked.clear();
        Random random = new Random(seed);
        JitteredBackoff jittered = backoff(bound -> (long) (random.nextDouble() * (bound + 1)));
        jittered.beforeRetry(retry);
        long bound = Math.min(CAP.toNanos(), BASE.toNanos() << Math.min(retry - 1, 20));
        assertThat(boundsAsked).containsExactly(bound);
        assertThat(slept).allSatisfy(wait -> assertThat(wait.toNanos()).isBetween(1L, bound));
      });
    }

    @Test
    void the_real_source_spreads_its_picks_over_the_whole_range() {
      long bound = Duration.ofMillis(20).toNanos();
      List<Long> picks = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        picks.add(JitteredBackoff.UNIFORM.applyAsLong(bound));
      }
      assertThat(picks).allSatisfy(pick -> assertThat(pick).isBetween(0L, bound));
      assertThat(picks).anySatisfy(pick -> assertThat(pick).isLessThan(bound / 4));
      assertThat(picks).anySatisfy(pick -> assertThat(pick).isGreaterThan(bound * 3 / 4));
      assertThat(JitteredBackoff.UNIFORM.applyAsLong(0)).isZero();
    }

    @Test
    void a_pick_of_zero_does_not_sleep() {
      backoff(bound -> 0).beforeRetry(4);
      assertThat(boundsAsked).hasSize(1);
      assertThat(slept).isEmpty();
    }
  }

  @Nested
  class Interruption {
    @Test
    void an_interrupted_sleep_returns_at_once_and_keeps_the_flag() {
      JitteredBackoff interrupted = new JitteredBackoff(BASE, CAP, bound -> bound, wait -> {
        throw new InterruptedException("stop");
      });
      try {
        interrupted.beforeRetry(2);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
    }

    @Test
    void an_already_interrupted_thread_does_not_wait() {
      JitteredBackoff longest = backoff(bound -> bound);
      Thread.currentThread().interrupt();
      try {
        longest.beforeRetry(3);
        assertThat(slept).isEmpty();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
    }
  }

  @Test
  void refuses_a_first_wait_that_is_not_positive_or_a_cap_below_it() {
    assertThatThrownBy(() -> GitStaging.jitteredBackoff(Duration.ZERO, CAP))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("The backoff's first wait must be positive, got PT0S.");
    assertThatThrownBy(() -> GitStaging.jitteredBackoff(Duration.ofMillis(-1), CAP)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> GitStaging.jitteredBackoff(CAP, BASE))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("The backoff's longest wait (PT0.005S) must not be shorter than its first (PT0.5S).");
  }

  @Test
  void a_lane_on_a_local_repository_and_one_with_a_remote_get_their_own_ranges(@TempDir Path dir) {
    try (GitStaging local = Fixtures.init(dir); GitStaging remote = GitRemoteTest.host(dir, "host")) {
      assertThat(local.retryBackoff()).hasToString("exponential backoff with full jitter from 5 ms up to 250 ms");
      assertThat(remote.retryBackoff()).hasToString("exponential backoff with full jitter from 20 ms up to 500 ms");
    }
  }
}
