package io.platinur.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.platinur.application.metrics.DeliveryMetricsService;
import io.platinur.domain.InvalidValueException;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackReason;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.metrics.DeliveryCursor;
import io.platinur.domain.metrics.DeliveryEvent;
import io.platinur.domain.metrics.DeliveryRead;
import io.platinur.domain.metrics.HistoryProblem;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.DeliveryHistory;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The binder on a {@link SimpleMeterRegistry}, fed by a history whose events the test writes. */
class DeliveryMetricsBinderTest {
  private static final Instant T = Instant.parse("2026-11-02T09:00:00Z");
  private static final BranchName LANE = BranchName.of("staging");
  private static final ServiceName API = ServiceName.of("api");
  private static final PromotionTarget API_DEV = new PromotionTarget(API, EnvironmentName.of("dev"));
  private static final PromotionTarget API_PROD = new PromotionTarget(API, EnvironmentName.of("prod"));
  private static final ImageDigest BUILT = ImageDigest.of("sha256:" + "a1".repeat(32));
  private static final CommitId MERGE = CommitId.of("1".repeat(40));

  /** Events in a list; the position is how many were read. A position past the end is NOT_FOUND (the history was rewritten). */
  private static final class ListHistory implements DeliveryHistory {
    final java.util.List<DeliveryEvent> recorded = new ArrayList<>();
    final java.util.List<HistoryProblem> problems = new ArrayList<>();

    @Override
    public Either<PortFailure, DeliveryRead> readSince(DeliveryCursor cursor) {
      int from = cursor.at("list").map(Integer::parseInt).getOrElse(0);
      if (from > recorded.size()) {
        return Either.left(PortFailure.of(PortFailure.Kind.NOT_FOUND, "rewritten"));
      }
      DeliveryCursor next = recorded.isEmpty() ? cursor : cursor.with("list", Integer.toString(recorded.size()));
      return Either.right(new DeliveryRead(List.ofAll(recorded.subList(from, recorded.size())),
          from == 0 ? List.ofAll(problems) : List.empty(), next));
    }
  }

  private static Instant at(int minutes) {
    return T.plus(Duration.ofMinutes(minutes));
  }

  private static java.util.List<DeliveryEvent> release(int pr, int firstAppliedAt, int deployedAt, String... ids) {
    java.util.List<DeliveryEvent> events = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      events.add(new DeliveryEvent.ProposalApplied(LANE, ProposalId.of(ids[i]), at(firstAppliedAt + 10 * i), Option.none()));
    }
    events.add(new DeliveryEvent.ReleaseMerged(LANE, PullRequestNumber.of(pr), CommitId.of(Integer.toString(pr).repeat(40).substring(0, 40)), at(deployedAt - 5)));
    events.add(new DeliveryEvent.ReleaseDeployed(LANE, PullRequestNumber.of(pr), List.of(ids).map(ProposalId::of), at(deployedAt)));
    return events;
  }

  private static ListHistory scenario() {
    ListHistory history = new ListHistory();
    history.recorded.addAll(release(1, 0, 40, "p-1", "p-2"));
    history.recorded.add(new DeliveryEvent.ReleaseReverted(LANE, MERGE, CommitId.of("9".repeat(40)), at(50), at(60)));
    history.recorded.add(new DeliveryEvent.DigestBuilt(API, API_DEV.environment(), BUILT, at(0)));
    history.recorded.add(new DeliveryEvent.DigestDeployed(API_PROD, EnvironmentName.of("staging"), BUILT, PullRequestNumber.of(7), at(120)));
    history.recorded.add(new DeliveryEvent.DigestRollbackOpened(API_PROD, BUILT, PullRequestNumber.of(7), PullRequestNumber.of(8),
        RollbackReason.CANARY_FAILED, at(180)));
    history.recorded.add(new DeliveryEvent.DigestRolledBack(API_PROD, BUILT, PullRequestNumber.of(7), PullRequestNumber.of(8), at(200)));
    return history;
  }

  private static double count(MeterRegistry registry, String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  private static double gauge(MeterRegistry registry, String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  @Test
  void binds_the_four_keys_of_a_lane_with_its_tag() {
    ListHistory history = scenario();
    // the release's merge commit is 1111…: the revert above reverts it
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new DeliveryMetricsBinder(new DeliveryMetricsService(history), () -> at(24 * 60)).bindTo(registry);

    assertThat(count(registry, "platinur.lane.deployments", "platinur.lane", "staging")).isEqualTo(1);
    assertThat(registry.get("platinur.lane.lead.time").tags("platinur.lane", "staging").timer().count()).isEqualTo(2);
    assertThat(registry.get("platinur.lane.lead.time").timer().totalTime(TimeUnit.MINUTES)).isEqualTo(70);
    assertThat(registry.get("platinur.lane.lead.time").timer().max(TimeUnit.MINUTES)).isEqualTo(40);
    assertThat(count(registry, "platinur.lane.failures", "platinur.lane", "staging")).isEqualTo(1);
    assertThat(count(registry, "platinur.lane.restores", "platinur.lane", "staging")).isEqualTo(1);
    assertThat(registry.get("platinur.lane.restore.time").timer().totalTime(TimeUnit.MINUTES)).isEqualTo(10);
    assertThat(gauge(registry, "platinur.lane.deployment.frequency", "platinur.lane", "staging")).isCloseTo(1 / 30.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(gauge(registry, "platinur.lane.change.failure.rate", "platinur.lane", "staging")).isEqualTo(1.0);
    assertThat(gauge(registry, "platinur.lane.lead.time.median", "platinur.lane", "staging")).isEqualTo(1800.0);
    assertThat(gauge(registry, "platinur.lane.restore.time.median", "platinur.lane", "staging")).isEqualTo(600.0);
  }

  @Test
  void binds_the_four_keys_of_each_service_and_environment_with_opentelemetry_names() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new DeliveryMetricsBinder(new DeliveryMetricsService(scenario()), () -> at(24 * 60)).bindTo(registry);
    String[] prod = {"service.name", "api", "deployment.environment.name", "prod"};
    String[] dev = {"service.name", "api", "deployment.environment.name", "dev"};
    assertThat(count(registry, "platinur.digest.deployments", dev)).isEqualTo(1);
    assertThat(count(registry, "platinur.digest.deployments", prod)).isEqualTo(1);
    assertThat(registry.get("platinur.digest.lead.time").tags(prod).timer().totalTime(TimeUnit.MINUTES)).isEqualTo(120);
    assertThat(registry.get("platinur.digest.lead.time").tags(dev).timer().count()).as("digests are built in dev: no lead time").isZero();
    assertThat(count(registry, "platinur.digest.failures", prod)).isEqualTo(1);
    assertThat(registry.get("platinur.digest.restore.time").tags(prod).timer().totalTime(TimeUnit.MINUTES)).isEqualTo(20);
    assertThat(gauge(registry, "platinur.digest.change.failure.rate", prod)).isEqualTo(1.0);
    assertThat(gauge(registry, "platinur.digest.change.failure.rate", dev)).isEqualTo(0.0);
    assertThat(gauge(registry, "platinur.digest.lead.time.median", dev)).isNaN();
    assertThat(gauge(registry, "platinur.digest.restore.time.median", prod)).isEqualTo(1200.0);
  }

  @Test
  void a_refresh_counts_only_what_is_new_and_a_rewritten_history_counts_nothing_twice() {
    ListHistory history = scenario();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DeliveryMetricsBinder binder = new DeliveryMetricsBinder(new DeliveryMetricsService(history), () -> at(24 * 60));
    binder.bindTo(registry);
    binder.refresh();
    assertThat(count(registry, "platinur.lane.deployments", "platinur.lane", "staging")).isEqualTo(1);
    history.recorded.addAll(release(2, 300, 330, "p-3"));
    assertThat(binder.refresh().get().events()).hasSize(3);
    assertThat(count(registry, "platinur.lane.deployments", "platinur.lane", "staging")).isEqualTo(2);
    assertThat(registry.get("platinur.lane.lead.time").timer().count()).isEqualTo(3);
    assertThat(gauge(registry, "platinur.lane.change.failure.rate", "platinur.lane", "staging")).isEqualTo(0.5);

    history.recorded.subList(5, history.recorded.size()).clear(); // rewritten: shorter than where the last read stopped
    assertThat(binder.refresh().get().rebuilt()).isTrue();
    assertThat(count(registry, "platinur.lane.deployments", "platinur.lane", "staging")).isEqualTo(2);
  }

  @Test
  void a_registry_bound_later_gets_every_gauge_and_the_problems_count() {
    ListHistory history = scenario();
    history.problems.add(new HistoryProblem.Unreadable("refs/platinur/lanes/staging at 1a2b3c4", "not a lane change"));
    DeliveryMetricsBinder binder = new DeliveryMetricsBinder(new DeliveryMetricsService(history), () -> at(24 * 60)).withWindow(Duration.ofDays(1));
    SimpleMeterRegistry first = new SimpleMeterRegistry();
    binder.bindTo(first);
    SimpleMeterRegistry second = new SimpleMeterRegistry();
    binder.bindTo(second);
    assertThat(gauge(second, "platinur.lane.deployment.frequency", "platinur.lane", "staging")).isEqualTo(1.0);
    assertThat(gauge(second, "platinur.delivery.history.problems")).isEqualTo(1.0);
    assertThat(gauge(first, "platinur.delivery.history.problems")).isEqualTo(1.0);
  }

  @Test
  void a_history_that_cannot_be_read_leaves_every_meter_as_it_was() {
    DeliveryHistory broken = cursor -> Either.left(PortFailure.of(PortFailure.Kind.UNAVAILABLE, "the repository is away"));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DeliveryMetricsBinder binder = new DeliveryMetricsBinder(new DeliveryMetricsService(broken), () -> T);
    binder.bindTo(registry);
    assertThat(binder.refresh().getLeft().message()).isEqualTo("the repository is away");
    assertThat(registry.getMeters()).hasSize(1); // the problems gauge only
  }

  @Test
  void the_window_must_be_longer_than_zero() {
    DeliveryMetricsBinder binder = new DeliveryMetricsBinder(new DeliveryMetricsService(new ListHistory()), () -> T);
    assertThatThrownBy(() -> binder.withWindow(Duration.ZERO)).isInstanceOf(InvalidValueException.class)
        .hasMessage("The gauges' window must be longer than zero, got PT0S.");
  }
}
