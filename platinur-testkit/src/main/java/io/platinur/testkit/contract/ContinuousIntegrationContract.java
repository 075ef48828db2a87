package io.platinur.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.gate.CiResult;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.ContinuousIntegration;
import io.platinur.port.PortFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ContinuousIntegration} must do, for the gate: read CI at the exact commit asked,
 * reduce every check to one state (red wins, then pending, green only when every check succeeded,
 * nothing reported is {@code NO_CHECKS}), name the failing and the pending checks, take a check's
 * latest report, and leave out other commits and the promotion gate's own status.
 */
public abstract class ContinuousIntegrationContract {

  /** What a check reported. */
  public enum Outcome {
    SUCCEEDED,
    RUNNING,
    FAILED
  }

  /** A forge with a repository and no CI reports yet. */
  public interface World extends AutoCloseable {
    /** CI as the adapter reads it, configured to report {@code NO_CHECKS} when nothing reported. */
    ContinuousIntegration ci();

    /** A new commit in the repository. */
    CommitId commit(String fileName);

    /** CI reports {@code outcome} for check {@code name} at {@code commit} (later reports of one name replace earlier ones). */
    void report(CommitId commit, String name, Outcome outcome);

    /** The promotion gate's own status at {@code commit} (failed), as the forge shows it. */
    void gateStatusFailed(CommitId commit);

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

  private CiResult at(CommitId commit) {
    return world.ci().resultAt(commit).getOrElseThrow(f -> new AssertionError("unexpected failure " + f));
  }

  @Test
  void a_commit_nothing_reported_at_has_no_checks() {
    CommitId commit = world.commit("a.sql");
    assertThat(at(commit).state()).isEqualTo(CiState.NO_CHECKS);
    assertThat(world.ci().stateAt(commit).get()).isEqualTo(CiState.NO_CHECKS);
  }

  @Test
  void green_only_when_every_check_succeeded() {
    CommitId commit = world.commit("a.sql");
    world.report(commit, "build", Outcome.SUCCEEDED);
    world.report(commit, "test", Outcome.SUCCEEDED);
    assertThat(at(commit).state()).isEqualTo(CiState.GREEN);
  }

  @Test
  void a_running_check_keeps_ci_pending_and_is_named() {
    CommitId commit = world.commit("a.sql");
    world.report(commit, "build", Outcome.SUCCEEDED);
    world.report(commit, "e2e", Outcome.RUNNING);
    CiResult result = at(commit);
    assertThat(result.state()).isEqualTo(CiState.PENDING);
    assertThat(result.pending()).contains("e2e");
  }

  @Test
  void one_failed_check_makes_ci_red_and_is_named() {
    CommitId commit = world.commit("a.sql");
    world.report(commit, "build", Outcome.SUCCEEDED);
    world.report(commit, "e2e", Outcome.RUNNING);
    world.report(commit, "test", Outcome.FAILED);
    CiResult result = at(commit);
    assertThat(result.state()).isEqualTo(CiState.RED);
    assertThat(result.failing()).contains("test");
  }

  @Test
  void the_latest_report_of_a_check_counts() {
    CommitId commit = world.commit("a.sql");
    world.report(commit, "test", Outcome.FAILED);
    world.report(commit, "test", Outcome.SUCCEEDED);
    assertThat(at(commit).state()).isEqualTo(CiState.GREEN);
  }

  @Test
  void another_commits_reports_do_not_count() {
    CommitId red = world.commit("a.sql");
    CommitId asked = world.commit("b.sql");
    world.report(red, "test", Outcome.FAILED);
    world.report(asked, "test", Outcome.SUCCEEDED);
    assertThat(at(asked).state()).isEqualTo(CiState.GREEN);
    assertThat(at(red).state()).isEqualTo(CiState.RED);
  }

  @Test
  void the_gates_own_status_is_not_ci() {
    CommitId commit = world.commit("a.sql");
    world.report(commit, "test", Outcome.SUCCEEDED);
    world.gateStatusFailed(commit);
    assertThat(at(commit).state()).isEqualTo(CiState.GREEN);
    assertThat(at(commit).failing()).isEmpty();
  }

  protected static PortFailure failure(io.vavr.control.Either<PortFailure, ?> result) {
    assertThat(result.isLeft()).isTrue();
    return result.getLeft();
  }
}
