package io.platinur.domain.digest;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a canary's verdict means for its promotion: passed completes it; failed rolls it back; no
 * verdict (running or inconclusive) waits until the step's timeout, then rolls back. A verdict of
 * passed or failed counts even when it is read after the timeout.
 */
public sealed interface CanaryJudgement permits CanaryJudgement.Complete, CanaryJudgement.Wait, CanaryJudgement.RollBack {

  <R> R fold(Function<Complete, R> onComplete, Function<Wait, R> onWait, Function<RollBack, R> onRollBack);

  static CanaryJudgement judge(Instant startedAt, Duration timeout, CanaryVerdict verdict, Instant now) {
    Instant deadline = startedAt.plus(timeout);
    return switch (verdict) {
      case PASSED -> new Complete();
      case FAILED -> new RollBack(RollbackReason.CANARY_FAILED);
      case RUNNING, INCONCLUSIVE -> now.isBefore(deadline) ? new Wait(deadline) : new RollBack(RollbackReason.CANARY_TIMED_OUT);
    };
  }

  /** The canary passed. */
  record Complete() implements CanaryJudgement {
    @Override
    public <R> R fold(Function<Complete, R> onComplete, Function<Wait, R> onWait, Function<RollBack, R> onRollBack) {
      return onComplete.apply(this);
    }
  }

  /** No verdict yet; ask again before {@code deadline}. */
  record Wait(Instant deadline) implements CanaryJudgement {
    public Wait {
      Objects.requireNonNull(deadline, "deadline");
    }

    @Override
    public <R> R fold(Function<Complete, R> onComplete, Function<Wait, R> onWait, Function<RollBack, R> onRollBack) {
      return onWait.apply(this);
    }
  }

  /** Roll the promotion back, for {@code reason}. */
  record RollBack(RollbackReason reason) implements CanaryJudgement {
    public RollBack {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public <R> R fold(Function<Complete, R> onComplete, Function<Wait, R> onWait, Function<RollBack, R> onRollBack) {
      return onRollBack.apply(this);
    }
  }
}
