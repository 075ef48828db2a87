package io.platinur.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.digest.DigestDeployment;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.gate.DeploymentState;
import io.vavr.Tuple2;
import io.vavr.Tuple;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link io.platinur.port.DigestDeployments} must do, for soak and build once: list every
 * deployment status of a service in an environment, oldest first, each with its digest and its own
 * time (never the caller's clock), and nothing of other services or environments.
 */
public abstract class DigestDeploymentsContract {

  /** A forge with no deployments yet, for one test; closed after it. */
  public interface World extends AutoCloseable {
    io.platinur.port.DigestDeployments deployments();

    /** One deployment of {@code digest} with its statuses, in the order the forge created them. */
    void deployed(EnvironmentName environment, ServiceName service, ImageDigest digest, Seq<Tuple2<DeploymentState, Instant>> statuses);

    /**
     * Whether the forge keeps every status of a deployment (GitHub's deployment statuses) or only
     * its latest, with the time it was set (GitLab's deployments); then only that one is listed.
     */
    default boolean keepsStatusHistory() {
      return true;
    }

    /** A deployment to {@code environment} that is not a digest deployment of any service (where the forge has such a thing). */
    default void someoneElsesDeployment(EnvironmentName environment, Instant at) {}

    @Override
    default void close() {}
  }

  protected abstract World newWorld();

  protected static final ServiceName API = ServiceName.of("api");
  protected static final ServiceName WEB = ServiceName.of("web");
  protected static final EnvironmentName STAGING = EnvironmentName.of("staging");
  protected static final EnvironmentName PROD = EnvironmentName.of("prod");
  protected static final ImageDigest BUILT = ImageDigest.of("sha256:" + "a1".repeat(32));
  protected static final ImageDigest OLD = ImageDigest.of("sha256:" + "b2".repeat(32));
  protected static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");

  protected World world;

  @BeforeEach
  void startWorld() {
    world = newWorld();
  }

  @AfterEach
  void closeWorld() throws Exception {
    world.close();
  }

  private static Instant minutes(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  private Seq<DigestDeployment> statuses(EnvironmentName environment, ServiceName service) {
    return world.deployments().statuses(environment, service).get();
  }

  @Test
  void nothing_deployed_lists_nothing() {
    assertThat(statuses(STAGING, API)).isEmpty();
  }

  @Test
  void every_status_comes_back_with_its_digest_and_its_own_time_oldest_first() {
    world.deployed(STAGING, API, OLD, List.of(Tuple.of(DeploymentState.IN_PROGRESS, minutes(0)), Tuple.of(DeploymentState.SUCCESS, minutes(5))));
    world.deployed(STAGING, API, BUILT, List.of(Tuple.of(DeploymentState.QUEUED, minutes(60)), Tuple.of(DeploymentState.IN_PROGRESS, minutes(61)),
        Tuple.of(DeploymentState.SUCCESS, minutes(70))));
    world.deployed(STAGING, API, OLD, List.of(Tuple.of(DeploymentState.INACTIVE, minutes(71))));
    List<DigestDeployment> history = List.of(
        new DigestDeployment(STAGING, API, OLD, DeploymentState.IN_PROGRESS, minutes(0)),
        new DigestDeployment(STAGING, API, OLD, DeploymentState.SUCCESS, minutes(5)),
        new DigestDeployment(STAGING, API, BUILT, DeploymentState.QUEUED, minutes(60)),
        new DigestDeployment(STAGING, API, BUILT, DeploymentState.IN_PROGRESS, minutes(61)),
        new DigestDeployment(STAGING, API, BUILT, DeploymentState.SUCCESS, minutes(70)),
        new DigestDeployment(STAGING, API, OLD, DeploymentState.INACTIVE, minutes(71)));
    List<DigestDeployment> latestOfEach = List.of(history.get(1), history.get(4), history.get(5));
    assertThat(statuses(STAGING, API)).containsExactlyElementsOf(world.keepsStatusHistory() ? history : latestOfEach);
  }

  @Test
  void statuses_recorded_out_of_order_are_listed_by_their_own_time() {
    world.deployed(PROD, API, BUILT, List.of(Tuple.of(DeploymentState.SUCCESS, minutes(30))));
    world.deployed(PROD, API, OLD, List.of(Tuple.of(DeploymentState.FAILURE, minutes(10))));
    world.deployed(PROD, API, OLD, List.of(Tuple.of(DeploymentState.ERROR, minutes(20))));
    assertThat(statuses(PROD, API).map(DigestDeployment::at)).containsExactly(minutes(10), minutes(20), minutes(30));
    assertThat(statuses(PROD, API).map(DigestDeployment::state))
        .containsExactly(DeploymentState.FAILURE, DeploymentState.ERROR, DeploymentState.SUCCESS);
  }

  @Test
  void other_services_environments_and_deployments_are_not_listed() {
    world.deployed(STAGING, API, BUILT, List.of(Tuple.of(DeploymentState.SUCCESS, minutes(1))));
    world.deployed(STAGING, WEB, OLD, List.of(Tuple.of(DeploymentState.SUCCESS, minutes(2))));
    world.deployed(PROD, API, OLD, List.of(Tuple.of(DeploymentState.SUCCESS, minutes(3))));
    world.someoneElsesDeployment(STAGING, minutes(4));
    assertThat(statuses(STAGING, API)).containsExactly(new DigestDeployment(STAGING, API, BUILT, DeploymentState.SUCCESS, minutes(1)));
    assertThat(statuses(STAGING, WEB)).containsExactly(new DigestDeployment(STAGING, WEB, OLD, DeploymentState.SUCCESS, minutes(2)));
    assertThat(statuses(PROD, API)).containsExactly(new DigestDeployment(PROD, API, OLD, DeploymentState.SUCCESS, minutes(3)));
    assertThat(statuses(PROD, WEB)).isEmpty();
  }
}
