package io.platinur.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackReason;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.metrics.DeliveryCursor;
import io.platinur.domain.metrics.DeliveryEvent;
import io.platinur.domain.metrics.DeliveryKeys;
import io.platinur.domain.metrics.DeliveryLedger;
import io.platinur.domain.metrics.DeliveryRead;
import io.platinur.domain.metrics.DeliveryScope;
import io.platinur.domain.metrics.MetricsWindow;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.port.DeliveryHistory;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.platinur.port.TimeSource;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeliveryHistory} must do, whatever keeps the history: after a lane releases a
 * batch and a digest climbs dev → staging → prod and is rolled back by a failed canary, all driven
 * through the use cases, it reads the delivery events in order with the times the use cases
 * recorded; a read from the cursor it handed out brings only what came after; reading step by step
 * folds to the ledger a back-fill gives; a position it never handed out is {@code NOT_FOUND}.
 *
 * <p>Subclass it per implementation. The world's services run on the {@link TimeSource} given to
 * {@link #newWorld}; a history may time digest events by its own records (Git commit times), so
 * only the lane's times are asserted exactly.
 */
public abstract class DeliveryHistoryContract {

  /** A lane ({@code staging} → {@code main}) and a GitOps repository (dev → staging → prod, prod through a canary), both empty of history. */
  public interface World extends AutoCloseable {
    StagingLaneService lane();

    /** Where the lane's promotion PRs live. */
    PullRequestHost lanePullRequests();

    /** Promote by digest: CI is green, no reviews needed, prod enters through a canary whose verdict is {@link #canary}. */
    DigestPromotionService digests();

    /** A new build of {@code service} lands in dev: its pin there becomes {@code digest}. */
    void build(ServiceName service, ImageDigest digest);

    void canary(CanaryVerdict verdict);

    DeliveryHistory history();

    @Override
    default void close() {}
  }

  protected abstract World newWorld(TimeSource time);

  protected static final BranchName STAGING_BRANCH = BranchName.of("staging");
  protected static final ServiceName API = ServiceName.of("api");
  protected static final EnvironmentName DEV = EnvironmentName.of("dev");
  protected static final EnvironmentName STAGING = EnvironmentName.of("staging");
  protected static final EnvironmentName PROD = EnvironmentName.of("prod");
  protected static final ImageDigest FIRST = ImageDigest.of("sha256:" + "d4".repeat(32));
  protected static final ImageDigest SECOND = ImageDigest.of("sha256:" + "e5".repeat(32));
  private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minus(Duration.ofDays(1));

  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  protected World world;
  private DeliveryCursor afterSetup;

  @BeforeEach
  void startWorld() {
    world = newWorld(now::get);
    afterSetup = read(DeliveryCursor.start()).cursor();
  }

  @AfterEach
  void closeWorld() throws Exception {
    world.close();
  }

  // ---- the scenario, through the use cases --------------------------------------------------

  private void at(Duration sinceStart) {
    now.set(T0.plus(sinceStart));
  }

  private CommitAuthor ana() {
    return new CommitAuthor("Ana", "ana@example.com", now.get());
  }

  private static Proposal proposal(String id) {
    return Proposal.builder(ProposalId.of(id), "Change " + id).write("models/" + id + ".sql", "select 1\n").build();
  }

  /** p-1 applied at 1 min, p-2 at 5 min, the PR opened at 10 min and merged, synced at 30 min. */
  private void releaseBatch() {
    at(Duration.ofMinutes(1));
    ok(world.lane().apply(proposal("p-1"), ana()));
    at(Duration.ofMinutes(5));
    ok(world.lane().apply(proposal("p-2"), ana()));
    at(Duration.ofMinutes(10));
    PromotionPullRequest pr = ok(world.lane().openPromotionPr(Actor.of("ana")));
    ok(world.lanePullRequests().merge(pr.number(), ok(world.lane().lane()).stagingHead()));
    at(Duration.ofMinutes(30));
    ok(world.lane().syncPromotions(Actor.of("cron")));
  }

  /** SECOND built, through staging into prod, where its canary fails and the rollback merges. */
  private void climbAndRollBack() {
    at(Duration.ofHours(1));
    world.build(API, SECOND);
    at(Duration.ofHours(2));
    ok(world.digests().promote(PromoteRequest.of(API, STAGING), Actor.of("ana")));
    ok(world.digests().sync(Actor.of("cron")));
    at(Duration.ofHours(3));
    world.canary(CanaryVerdict.RUNNING);
    ok(world.digests().promote(PromoteRequest.of(API, PROD), Actor.of("ana")));
    ok(world.digests().complete(new PromotionTarget(API, PROD), Actor.of("ana")));
    at(Duration.ofHours(4));
    world.canary(CanaryVerdict.FAILED);
    ok(world.digests().complete(new PromotionTarget(API, PROD), Actor.of("cron")));
    ok(world.digests().sync(Actor.of("cron")));
  }

  private DeliveryRead read(DeliveryCursor cursor) {
    return ok(world.history().readSince(cursor));
  }

  private static <T> T ok(Either<?, T> outcome) {
    assertThat(outcome.isRight()).as("%s", outcome).isTrue();
    return outcome.get();
  }

  private static Seq<String> kinds(Seq<DeliveryEvent> events, DeliveryScope scope) {
    return events.filter(event -> event.scope().equals(scope)).map(event -> event.getClass().getSimpleName());
  }

  // ---- the contract ---------------------------------------------------------------------------

  @Test
  void a_read_from_the_cursor_it_handed_out_brings_nothing_until_the_history_grows() {
    DeliveryRead again = read(afterSetup);
    assertThat(again.events()).isEmpty();
    assertThat(again.cursor()).isEqualTo(afterSetup);
    releaseBatch();
    assertThat(read(afterSetup).events()).isNotEmpty();
    DeliveryRead caughtUp = read(read(afterSetup).cursor());
    assertThat(caughtUp.events()).isEmpty();
  }

  @Test
  void a_released_batch_reads_as_its_applies_its_merge_and_its_deployment_with_the_audit_times() {
    releaseBatch();
    Seq<DeliveryEvent> lane = read(afterSetup).events().filter(event -> event.scope().equals(DeliveryScope.lane(STAGING_BRANCH)));
    assertThat(lane.map(event -> event.getClass().getSimpleName()))
        .containsExactly("ProposalApplied", "ProposalApplied", "ReleaseMerged", "ReleaseDeployed");
    assertThat(lane.get(0)).isInstanceOfSatisfying(DeliveryEvent.ProposalApplied.class, applied -> {
      assertThat(applied.proposal()).isEqualTo(ProposalId.of("p-1"));
      assertThat(applied.at()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
    });
    assertThat(lane.get(1).at()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(lane.get(3)).isInstanceOfSatisfying(DeliveryEvent.ReleaseDeployed.class, deployed -> {
      assertThat(deployed.proposals()).containsExactly(ProposalId.of("p-1"), ProposalId.of("p-2"));
      assertThat(deployed.at()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    });
  }

  @Test
  void an_unapplied_proposal_reads_as_withdrawn() {
    at(Duration.ofMinutes(1));
    ok(world.lane().apply(proposal("p-1"), ana()));
    at(Duration.ofMinutes(2));
    ok(world.lane().unapply(ProposalId.of("p-1"), ana()));
    assertThat(kinds(read(afterSetup).events(), DeliveryScope.lane(STAGING_BRANCH))).containsExactly("ProposalApplied", "ProposalWithdrawn");
  }

  @Test
  void a_digest_that_climbs_and_is_rolled_back_reads_in_order_per_environment() {
    climbAndRollBack();
    Seq<DeliveryEvent> events = read(afterSetup).events();
    assertThat(kinds(events, DeliveryScope.target(new PromotionTarget(API, DEV)))).containsExactly("DigestBuilt");
    assertThat(kinds(events, DeliveryScope.target(new PromotionTarget(API, STAGING))))
        .containsExactly("DigestPromotionOpened", "DigestDeployed", "DigestVerified");
    assertThat(kinds(events, DeliveryScope.target(new PromotionTarget(API, PROD))))
        .containsExactly("DigestPromotionOpened", "DigestDeployed", "DigestRollbackOpened", "DigestRolledBack");
    assertThat(events.find(event -> event instanceof DeliveryEvent.DigestRollbackOpened).get())
        .isInstanceOfSatisfying(DeliveryEvent.DigestRollbackOpened.class, opened -> {
          assertThat(opened.reason()).isEqualTo(RollbackReason.CANARY_FAILED);
          assertThat(opened.digest()).isEqualTo(SECOND);
        });
  }

  @Test
  void the_ledger_of_the_scenario_counts_the_four_keys() {
    releaseBatch();
    climbAndRollBack();
    DeliveryLedger ledger = DeliveryLedger.start().after(read(DeliveryCursor.start()));
    MetricsWindow window = new MetricsWindow(T0.minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1)));
    DeliveryKeys lane = ledger.keys(DeliveryScope.lane(STAGING_BRANCH), window);
    assertThat(lane.deployments()).isEqualTo(1);
    assertThat(lane.leadTime().samples()).containsExactly(Duration.ofMinutes(25), Duration.ofMinutes(29));
    DeliveryKeys staging = ledger.keys(DeliveryScope.target(new PromotionTarget(API, STAGING)), window);
    assertThat(staging.deployments()).isEqualTo(1);
    assertThat(staging.leadTime().count()).isEqualTo(1);
    assertThat(staging.changeFailureRate().failed()).isZero();
    DeliveryKeys prod = ledger.keys(DeliveryScope.target(new PromotionTarget(API, PROD)), window);
    assertThat(prod.deployments()).isEqualTo(1);
    assertThat(prod.changeFailureRate().rate()).contains(1.0);
    assertThat(prod.timeToRestore().count()).isEqualTo(1);
    assertThat(prod.leadTime().samples()).allSatisfy(lead -> assertThat(lead).isGreaterThanOrEqualTo(staging.leadTime().samples().head()));
  }

  @Test
  void reading_step_by_step_folds_to_the_ledger_of_one_back_fill() {
    DeliveryLedger stepwise = DeliveryLedger.start().after(read(DeliveryCursor.start()));
    releaseBatch();
    stepwise = stepwise.after(read(stepwise.cursor()));
    at(Duration.ofHours(1));
    world.build(API, FIRST);
    stepwise = stepwise.after(read(stepwise.cursor()));
    climbAndRollBack();
    stepwise = stepwise.after(read(stepwise.cursor()));
    DeliveryLedger backFilled = DeliveryLedger.start().after(read(DeliveryCursor.start()));
    assertThat(stepwise).isEqualTo(backFilled);
    assertThat(backFilled.problems()).isEmpty();
  }

  @Test
  void a_position_the_history_never_handed_out_is_not_found() {
    releaseBatch();
    climbAndRollBack();
    DeliveryCursor cursor = read(afterSetup).cursor();
    for (String source : cursor.positions().keySet()) {
      Either<PortFailure, DeliveryRead> read = world.history().readSince(cursor.with(source, "f".repeat(40)));
      assertThat(read.isLeft()).as("%s at a made-up position: %s", source, read).isTrue();
      assertThat(read.getLeft().kind()).isEqualTo(PortFailure.Kind.NOT_FOUND);
    }
    assertThat(List.ofAll(cursor.positions().keySet())).isNotEmpty();
  }
}
