package io.platinur.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.gate.GateCondition;
import io.platinur.domain.gate.GateDecision;
import io.platinur.domain.gate.GateFailure;
import io.platinur.domain.gate.GateReport;
import io.platinur.domain.gate.GateReport.ConditionOutcome;
import io.platinur.domain.gate.GateReport.Verdict;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.GatePublisher;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GatePublisher} on a forge must do: show each gate decision at its exact commit
 * with its verdict (on both forges, a commit status named {@code platinur/promotion-gate}), write
 * nothing when the same decision is published again, and show a changed verdict.
 */
public abstract class GatePublisherContract {

  /** A forge with a repository and nothing published yet. */
  public interface World extends AutoCloseable {
    GatePublisher publisher();

    /** A new commit in the repository. */
    CommitId commit(String fileName);

    /** The verdict the forge shows for the gate at {@code commit}, if any. */
    Option<Verdict> shown(CommitId commit);

    /** How many writes the publisher sent to the forge so far. */
    long writes();

    @Override
    default void close() {}
  }

  protected abstract World newWorld();

  protected World world;

  @BeforeEach
  void startWorld() {
    world = newWorld();
  }

  @AfterEach
  void closeWorld() throws Exception {
    world.close();
  }

  protected static GateReport report(CommitId commit, Verdict ci) {
    GateDecision decision = ci == Verdict.MET
        ? new GateDecision.Authorized(commit)
        : new GateDecision.Blocked(commit, List.of(new GateFailure(GateCondition.CI, "CI is not green at " + commit.abbreviated() + ".")));
    return new GateReport(decision, List.of(
        new ConditionOutcome(GateCondition.STAGING_DEPLOY, Verdict.MET, "deploy exited 0"),
        new ConditionOutcome(GateCondition.CI, ci, "CI at " + commit.abbreviated())));
  }

  @Test
  void a_decision_is_shown_at_its_exact_commit() {
    CommitId commit = world.commit("a.sql");
    CommitId other = world.commit("b.sql");

    assertThat(world.publisher().publish(report(commit, Verdict.MET)).get()).isTrue();

    assertThat(world.shown(commit)).contains(Verdict.MET);
    assertThat(world.shown(other)).isEmpty();
  }

  @Test
  void publishing_the_same_decision_again_writes_nothing() {
    CommitId commit = world.commit("a.sql");
    world.publisher().publish(report(commit, Verdict.FAILED)).get();
    long writes = world.writes();

    assertThat(world.publisher().publish(report(commit, Verdict.FAILED)).get()).isFalse();

    assertThat(world.writes()).isEqualTo(writes);
    assertThat(world.shown(commit)).contains(Verdict.FAILED);
  }

  @Test
  void a_changed_verdict_is_shown() {
    CommitId commit = world.commit("a.sql");
    world.publisher().publish(report(commit, Verdict.AWAITED)).get();
    assertThat(world.shown(commit)).contains(Verdict.AWAITED);

    assertThat(world.publisher().publish(report(commit, Verdict.MET)).get()).isTrue();

    assertThat(world.shown(commit)).contains(Verdict.MET);
  }
}
