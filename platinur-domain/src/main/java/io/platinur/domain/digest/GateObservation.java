package io.platinur.domain.digest;

import io.platinur.domain.repository.CommitId;
import java.util.Objects;
import java.util.function.Function;

/**
 * What was observed of a PR whose gate a step asked for ({@link GateQuestion}): still open, with
 * the gate's decision at its head; or already closed unmerged, or merged (by this host earlier, by
 * another, or by a person), when the gate no longer matters and what happened is recorded instead.
 */
public sealed interface GateObservation permits GateObservation.Gated, GateObservation.Closed, GateObservation.Merged {

  <R> R fold(Function<Gated, R> onGated, Function<Closed, R> onClosed, Function<Merged, R> onMerged);

  /** The PR is open at {@code head}; its gate decided {@code decision} there. */
  record Gated(CommitId head, StepDecision decision) implements GateObservation {
    public Gated {
      Objects.requireNonNull(head, "head");
      Objects.requireNonNull(decision, "decision");
    }

    @Override
    public <R> R fold(Function<Gated, R> onGated, Function<Closed, R> onClosed, Function<Merged, R> onMerged) {
      return onGated.apply(this);
    }
  }

  /** The PR was closed without merging. */
  record Closed() implements GateObservation {
    @Override
    public <R> R fold(Function<Gated, R> onGated, Function<Closed, R> onClosed, Function<Merged, R> onMerged) {
      return onClosed.apply(this);
    }
  }

  /** The PR merged as {@code mergeCommit}. */
  record Merged(CommitId mergeCommit) implements GateObservation {
    public Merged {
      Objects.requireNonNull(mergeCommit, "mergeCommit");
    }

    @Override
    public <R> R fold(Function<Gated, R> onGated, Function<Closed, R> onClosed, Function<Merged, R> onMerged) {
      return onMerged.apply(this);
    }
  }
}
