package io.platinur.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.Actor;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.AuditEntry;
import io.platinur.port.LaneChange;
import io.platinur.port.LaneStateStore.LaneVersion;
import io.platinur.port.LaneStateStore.StoredLane;
import io.platinur.port.LaneStateStore;
import io.platinur.port.PortFailure;
import io.platinur.port.StagingRepository;
import io.platinur.testkit.model.LaneRun;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LaneStateStore} must do, whatever keeps the state. Subclass it per
 * implementation and supply a fresh world (a store and the staging repository whose branch it
 * moves) per test.
 */
public abstract class LaneStateStoreContract {

  /** A store and the repository it moves the staging branch of. */
  public interface World extends AutoCloseable {
    LaneStateStore store();

    /** Its staging and production branches start at the same commit. */
    StagingRepository staging();

    @Override
    default void close() {}
  }

  /** A fresh world for one test. */
  protected abstract World newWorld();

  protected static final CommitAuthor AUTHOR = new CommitAuthor("Ada", "ada@example.com", Instant.parse("2026-11-24T10:00:00Z"));
  protected static final AuditEntry AUDIT = new AuditEntry(Actor.of("ada"), Instant.parse("2026-11-24T10:00:01Z"), "Apply to Staging");

  protected World world;
  protected LaneStateStore store;
  protected StagingRepository staging;
  protected CommitId production;

  @BeforeEach
  void startWorld() {
    world = newWorld();
    store = world.store();
    staging = world.staging();
    production = ok(staging.heads()).production();
  }

  @AfterEach
  void closeWorld() throws Exception {
    world.close();
  }

  @Test
  void loads_nothing_from_a_new_store() {
    assertThat(ok(store.load())).isEmpty();
    assertThat(store.history().get()).isEmpty();
  }

  @Test
  void saves_the_first_lane_when_nothing_is_stored_and_moves_staging_with_it() {
    Staged first = stage(StagingLane.start(production), "p-1", "Orders", "models/orders.sql");

    StoredLane saved = ok(store.save(Option.none(), first.lane(), first.events(), AUDIT));

    assertThat(saved.lane()).isEqualTo(first.lane());
    assertThat(ok(store.load())).contains(saved);
    assertThat(ok(staging.heads()).staging()).isEqualTo(first.lane().stagingHead());
  }

  @Test
  void saving_as_if_nothing_were_stored_over_a_stored_lane_is_a_conflict_and_changes_nothing() {
    Staged first = stage(StagingLane.start(production), "p-1", "Orders", "models/orders.sql");
    StoredLane saved = ok(store.save(Option.none(), first.lane(), first.events(), AUDIT));
    Staged rival = stage(StagingLane.start(production), "p-2", "Rival", "models/rival.sql");

    PortFailure failure = failed(store.save(Option.none(), rival.lane(), rival.events(), AUDIT));

    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.CONFLICT);
    assertThat(ok(store.load())).contains(saved);
    assertThat(ok(staging.heads()).staging()).isEqualTo(first.lane().stagingHead());
    assertThat(store.history().get()).hasSize(1);
  }

  @Test
  void saving_over_a_stale_version_is_a_conflict_and_changes_nothing() {
    Staged first = stage(StagingLane.start(production), "p-1", "Orders", "models/orders.sql");
    StoredLane v1 = ok(store.save(Option.none(), first.lane(), first.events(), AUDIT));
    Staged second = stage(first.lane(), "p-2", "Revenue", "marts/revenue.sql");
    StoredLane v2 = ok(store.save(Option.some(v1.version()), second.lane(), second.events(), AUDIT));
    Staged stale = stage(first.lane(), "p-3", "Late", "marts/late.sql");

    PortFailure failure = failed(store.save(Option.some(v1.version()), stale.lane(), stale.events(), AUDIT));

    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.CONFLICT);
    assertThat(v2.version()).isNotEqualTo(v1.version());
    assertThat(ok(store.load())).contains(v2);
    assertThat(ok(staging.heads()).staging()).isEqualTo(second.lane().stagingHead());
    assertThat(store.history().get()).hasSize(2);
  }

  @Test
  void the_staging_branch_follows_each_save_back_and_forth() {
    Staged first = stage(StagingLane.start(production), "p-1", "Orders", "models/orders.sql");
    StoredLane v1 = ok(store.save(Option.none(), first.lane(), first.events(), AUDIT));
    Staged second = stage(first.lane(), "p-2", "Revenue", "marts/revenue.sql");
    StoredLane v2 = ok(store.save(Option.some(v1.version()), second.lane(), second.events(), AUDIT));

    // Unapply the first proposal: the second is rebuilt onto the base.
    Seq<CommitId> rebuilt = ok(staging.rebuild(production, List.of(second.lane().stagingHead()), AUTHOR));
    Seq<LaneEvent> unapplied = second.lane().unapply(ProposalId.of("p-1"), rebuilt).get();
    StagingLane after = LaneRun.evolved(second.lane(), unapplied);
    ok(store.save(Option.some(v2.version()), after, unapplied, AUDIT));

    assertThat(ok(staging.heads()).staging()).isEqualTo(rebuilt.single()).isEqualTo(after.stagingHead());
    assertThat(ok(staging.readBatch()).proposals().map(p -> p.id().value())).containsExactly("p-2");
    assertThat(ok(store.load()).get().lane().batch().proposals().map(p -> p.id().value())).containsExactly("p-2");
  }

  @Test
  void a_save_fails_with_conflict_when_the_staging_branch_moved_behind_the_stores_back() {
    Staged first = stage(StagingLane.start(production), "p-1", "Orders", "models/orders.sql");
    StoredLane v1 = ok(store.save(Option.none(), first.lane(), first.events(), AUDIT));
    CommitId stranger = ok(staging.writeProposalCommit(first.lane().stagingHead(), proposal("x-1", "Stranger", "x.sql"), AUTHOR));
    ok(staging.moveStaging(first.lane().stagingHead(), stranger));
    Staged second = stage(first.lane(), "p-2", "Revenue", "marts/revenue.sql");

    PortFailure failure = failed(store.save(Option.some(v1.version()), second.lane(), second.events(), AUDIT));

    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.CONFLICT);
    assertThat(ok(store.load())).contains(v1);
    assertThat(ok(staging.heads()).staging()).isEqualTo(stranger);
  }

  @Test
  void a_save_that_keeps_the_staging_head_still_fails_when_the_branch_moved_behind_its_back() {
    Staged first = stage(StagingLane.start(production), "p-1", "Orders", "models/orders.sql");
    StoredLane v1 = ok(store.save(Option.none(), first.lane(), first.events(), AUDIT));
    CommitId stranger = ok(staging.writeProposalCommit(first.lane().stagingHead(), proposal("x-1", "Stranger", "x.sql"), AUTHOR));
    ok(staging.moveStaging(first.lane().stagingHead(), stranger));
    Seq<LaneEvent> opened = first.lane().openPromotionPr(PullRequestNumber.of(7)).get();

    PortFailure failure = failed(store.save(Option.some(v1.version()), LaneRun.evolved(first.lane(), opened), opened, AUDIT));

    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.CONFLICT);
    assertThat(ok(store.load())).contains(v1);
  }

  @Test
  void keeps_each_saves_events_and_audit_entry_as_history() {
    Staged first = stage(StagingLane.start(production), "p-1", "Orders", "models/orders.sql");
    StoredLane v1 = ok(store.save(Option.none(), first.lane(), first.events(), AUDIT));
    Seq<LaneEvent> opened = first.lane().openPromotionPr(PullRequestNumber.of(7)).get();
    AuditEntry openAudit = new AuditEntry(Actor.of("bob"), Instant.parse("2026-11-24T11:00:00Z"), "Open promotion PR\twith a tab\nand a line");
    StoredLane v2 = ok(store.save(Option.some(v1.version()), LaneRun.evolved(first.lane(), opened), opened, openAudit));

    Seq<LaneChange> history = store.history().get();

    assertThat(history.map(LaneChange::version)).containsExactly(v1.version(), v2.version());
    assertThat(history.map(LaneChange::events)).containsExactly(first.events(), opened);
    assertThat(history.map(LaneChange::audit)).containsExactly(AUDIT, openAudit);
  }

  @Test
  void pages_the_history_newest_first_and_each_page_names_where_the_next_starts() {
    StagingLane lane = StagingLane.start(production);
    Option<LaneVersion> version = Option.none();
    for (int i = 0; i < 5; i++) {
      Staged next = stage(lane, "p-" + i, "Model " + i, "models/m" + i + ".sql");
      lane = next.lane();
      version = Option.some(ok(store.save(version, lane, next.events(), AUDIT)).version());
    }
    Seq<LaneVersion> all = ok(store.history()).map(LaneChange::version).reverse();

    Seq<LaneChange> first = ok(store.history(Option.none(), 2));
    Seq<LaneChange> second = ok(store.history(Option.some(first.last().version()), 2));
    Seq<LaneChange> third = ok(store.history(Option.some(second.last().version()), 2));

    assertThat(first.map(LaneChange::version)).containsExactlyElementsOf(all.take(2));
    assertThat(second.map(LaneChange::version)).containsExactlyElementsOf(all.drop(2).take(2));
    assertThat(third.map(LaneChange::version)).containsExactlyElementsOf(all.drop(4));
    assertThat(ok(store.history(Option.some(third.last().version()), 2))).isEmpty();
    assertThat(first.head().events()).isEqualTo(ok(store.history()).last().events());
    assertThat(failed(store.history(Option.none(), 0)).kind()).isEqualTo(PortFailure.Kind.INVALID_REQUEST);
    assertThat(failed(store.history(Option.some(new LaneVersion("no such version")), 2)).kind()).isEqualTo(PortFailure.Kind.NOT_FOUND);
  }

  @Test
  void stores_every_part_of_a_lane_through_a_whole_release() {
    Staged first = stage(StagingLane.start(production), "p-1", "50% off — ‘quoted’ ünïcode", "models/a b/örders.sql", "x.sql");
    StoredLane v1 = ok(store.save(Option.none(), first.lane(), first.events(), AUDIT));
    Seq<LaneEvent> opened = first.lane().openPromotionPr(PullRequestNumber.of(12)).get();
    StagingLane locked = LaneRun.evolved(first.lane(), opened);
    StoredLane v2 = ok(store.save(Option.some(v1.version()), locked, opened, AUDIT));
    assertThat(ok(store.load()).get().lane()).isEqualTo(locked);

    CommitId mergeCommit = first.lane().stagingHead();
    Seq<LaneEvent> merged = locked.promotionPrMerged(PullRequestNumber.of(12), mergeCommit).get();
    StagingLane awaiting = LaneRun.evolved(locked, merged);
    StoredLane v3 = ok(store.save(Option.some(v2.version()), awaiting, merged, AUDIT));
    assertThat(ok(store.load()).get().lane()).isEqualTo(awaiting);

    Seq<LaneEvent> synced = awaiting.sync(production);
    StagingLane reset = LaneRun.evolved(awaiting, synced);
    ok(store.save(Option.some(v3.version()), reset, synced, AUDIT));

    StagingLane loaded = ok(store.load()).get().lane();
    assertThat(loaded).isEqualTo(reset);
    assertThat(loaded.deployed()).containsExactly(ProposalId.of("p-1"));
    assertThat(loaded.batch().isEmpty()).isTrue();
    assertThat(ok(staging.heads()).staging()).isEqualTo(production);
    assertThat(store.history().get().flatMap(LaneChange::events)).containsExactlyElementsOf(
        first.events().appendAll(opened).appendAll(merged).appendAll(synced));
  }

  @Test
  void a_save_with_no_events_is_kept_too() {
    StagingLane start = StagingLane.start(production);
    StoredLane v1 = ok(store.save(Option.none(), start, List.empty(), AUDIT));
    assertThat(ok(store.load())).contains(v1);
    assertThat(store.history().get().single().events()).isEmpty();
  }

  // ---- helpers ------------------------------------------------------------------------------------

  /** A lane with one more proposal applied, the commit written (not yet on the branch) and the events. */
  protected record Staged(StagingLane lane, Seq<LaneEvent> events) {}

  protected Staged stage(StagingLane lane, String id, String title, String... paths) {
    Proposal proposal = proposal(id, title, paths);
    CommitId commit = ok(staging.writeProposalCommit(lane.stagingHead(), proposal, AUTHOR));
    Seq<LaneEvent> events = lane.apply(proposal, commit).getOrElseThrow(r -> new AssertionError(r.toString()));
    return new Staged(LaneRun.evolved(lane, events), events);
  }

  protected static Proposal proposal(String id, String title, String... paths) {
    Proposal.Builder builder = Proposal.builder(ProposalId.of(id), title);
    for (String path : paths) {
      builder.write(path, id + " writes " + path + "\n");
    }
    return builder.build();
  }

  protected static <T> T ok(Either<PortFailure, T> result) {
    return result.getOrElseThrow(f -> new AssertionError("unexpected failure " + f));
  }

  protected static PortFailure failed(Either<PortFailure, ?> result) {
    assertThat(result.isLeft()).as("expected a failure, got %s", result).isTrue();
    return result.getLeft();
  }
}
