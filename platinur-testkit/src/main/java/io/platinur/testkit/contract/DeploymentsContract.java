package io.platinur.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.Deployments;
import io.platinur.port.PortFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Deployments} must do, for the staging gate: the status of the latest deployment
 * of the exact commit to the environment; {@code NOT_FOUND} as a state when there is none; other
 * commits and environments never count.
 */
public abstract class DeploymentsContract {

  /** A forge with a repository and no deployments yet. */
  public interface World extends AutoCloseable {
    Deployments deployments();

    /** A new commit in the repository. */
    CommitId commit(String fileName);

    /** A deployment of {@code commit} to {@code environment} whose latest status is {@code state}. */
    void deployed(String environment, CommitId commit, DeploymentState state);

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

  private DeploymentState latest(String environment, CommitId commit) {
    return world.deployments().latestStatus(environment, commit).getOrElseThrow(f -> new AssertionError("unexpected failure " + f));
  }

  @Test
  void a_commit_never_deployed_is_not_found() {
    assertThat(latest("staging", world.commit("a.sql"))).isEqualTo(DeploymentState.NOT_FOUND);
  }

  @Test
  void the_latest_deployment_of_the_commit_counts() {
    CommitId commit = world.commit("a.sql");
    world.deployed("staging", commit, DeploymentState.FAILURE);
    world.deployed("staging", commit, DeploymentState.SUCCESS);
    assertThat(latest("staging", commit)).isEqualTo(DeploymentState.SUCCESS);
  }

  @Test
  void a_later_failure_is_the_answer() {
    CommitId commit = world.commit("a.sql");
    world.deployed("staging", commit, DeploymentState.SUCCESS);
    world.deployed("staging", commit, DeploymentState.FAILURE);
    assertThat(latest("staging", commit)).isEqualTo(DeploymentState.FAILURE);
  }

  @Test
  void other_commits_and_environments_do_not_count() {
    CommitId asked = world.commit("a.sql");
    CommitId other = world.commit("b.sql");
    world.deployed("staging", other, DeploymentState.SUCCESS);
    world.deployed("production", asked, DeploymentState.SUCCESS);
    assertThat(latest("staging", asked)).isEqualTo(DeploymentState.NOT_FOUND);
    assertThat(latest("staging", other)).isEqualTo(DeploymentState.SUCCESS);
  }

  @Test
  void a_blank_environment_is_an_invalid_request() {
    assertThat(world.deployments().latestStatus(" ", world.commit("a.sql")).getLeft().kind())
        .isEqualTo(PortFailure.Kind.INVALID_REQUEST);
  }
}
