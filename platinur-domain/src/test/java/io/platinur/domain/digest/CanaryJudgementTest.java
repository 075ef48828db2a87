package io.platinur.domain.digest;

import static io.platinur.domain.digest.PromotionExamples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanaryJudgementTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  @ParameterizedTest(name = "{0} after {1} min: {2}")
  @CsvSource({
      "PASSED,       0,  complete",
      "PASSED,       45, complete",
      "FAILED,       0,  rollback:CANARY_FAILED",
      "FAILED,       45, rollback:CANARY_FAILED",
      "RUNNING,      0,  wait",
      "RUNNING,      29, wait",
      "RUNNING,      30, rollback:CANARY_TIMED_OUT",
      "INCONCLUSIVE, 29, wait",
      "INCONCLUSIVE, 30, rollback:CANARY_TIMED_OUT",
      "INCONCLUSIVE, 45, rollback:CANARY_TIMED_OUT",
  })
  void completes_on_pass_rolls_back_on_failure_or_no_verdict_in_time(CanaryVerdict verdict, int minutes, String expected) {
    Instant now = T0.plus(Duration.ofMinutes(minutes));
    String judged = CanaryJudgement.judge(T0, TIMEOUT, verdict, now).fold(
        complete -> "complete",
        wait -> {
          assertThat(wait.deadline()).isEqualTo(T0.plus(TIMEOUT));
          return "wait";
        },
        rollBack -> "rollback:" + rollBack.reason());
    assertThat(judged).isEqualTo(expected);
  }
}
