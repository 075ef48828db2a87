package io.platinur.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinFileProblem;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.PromotionDiff;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackPlan;
import io.platinur.domain.digest.RollbackReason;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PinBranches;
import io.platinur.port.PinSnapshot;
import io.platinur.port.PinnedDigests;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link PinnedDigests} and {@link PinBranches} must do, on the
 * standard {@link PinLayout}: read the pins at the GitOps head and at any commit, report every
 * values file it cannot read with the exact problem, diff a branch against where it forked, and
 * write promotion and rollback branches as one commit that changes exactly the target's pin —
 * again and again without a second commit.
 *
 * <p>Subclass it per implementation with a {@link World} whose GitOps branch starts with
 * {@link #INITIAL}. Implementations that keep file bytes also show them ({@link World#bytes}): then
 * the contract checks the bytes too (only the scalar's text changes; a rollback restores the file
 * byte for byte).
 */
public abstract class PinnedDigestsContract {

  protected static final ServiceName API = ServiceName.of("api");
  protected static final ServiceName WEB = ServiceName.of("web");
  protected static final EnvironmentName DEV = EnvironmentName.of("dev");
  protected static final EnvironmentName STAGING = EnvironmentName.of("staging");
  protected static final EnvironmentName PROD = EnvironmentName.of("prod");
  protected static final ImageDigest BUILT = ImageDigest.of("sha256:" + "a1".repeat(32));
  protected static final ImageDigest OLD = ImageDigest.of("sha256:" + "b2".repeat(32));
  protected static final ImageDigest MID = ImageDigest.of("sha256:" + "c3".repeat(32));
  protected static final ImageDigest NEWER = ImageDigest.of("sha256:" + "d4".repeat(32));
  protected static final PinLayout LAYOUT = PinLayout.standard();

  /** The GitOps branch every world starts with: api and web in dev, staging and prod. */
  protected static final Pins INITIAL = Pins.none()
      .with(DEV, API, BUILT).with(STAGING, API, MID).with(PROD, API, OLD)
      .with(DEV, WEB, BUILT).with(STAGING, WEB, OLD).with(PROD, WEB, OLD);

  /** Values files that cannot be read, each as the implementation would hold it. */
  public enum Unreadable { KEY_MISSING, KEY_IS_A_MAPPING, KEY_IS_A_LIST, NOT_YAML, TWO_DOCUMENTS }

  /** A GitOps repository holding {@link #INITIAL} on its GitOps branch, for one test; closed after it. */
  public interface World extends AutoCloseable {
    PinnedDigests pins();

    PinBranches branches();

    /** The head of the GitOps branch. */
    CommitId head();

    /** The head of {@code branch}; none when there is no such branch. */
    Option<CommitId> branchHead(BranchName branch);

    /** The commit {@code commit} was written on (its first parent). */
    CommitId parentOf(CommitId commit);

    /** Pins {@code digest} on the GitOps branch in a new commit; returns it. */
    CommitId pin(EnvironmentName environment, ServiceName service, ImageDigest digest);

    /** Makes the values file unreadable on the GitOps branch in a new commit; returns it. */
    CommitId unreadable(EnvironmentName environment, ServiceName service, Unreadable kind);

    /** Adds a file on {@code branch} in a new commit (a PR changing more than the pin). */
    CommitId addFile(BranchName branch, String path, String content);

    /** Changes the values file on {@code branch} beside the pin (adds a comment line) in a new commit. */
    CommitId touchValuesFile(BranchName branch, EnvironmentName environment, ServiceName service);

    /** Lands {@code branch}'s change on the GitOps branch as a PR merge would; returns the new GitOps head. */
    CommitId merge(BranchName branch);

    /** The bytes of {@code file} at {@code commit}, for implementations that keep bytes; none otherwise. */
    Option<byte[]> bytes(CommitId commit, RepoPath file);

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

  private static RepoPath file(EnvironmentName environment, ServiceName service) {
    return LAYOUT.pinPath(environment, service);
  }

  private PinSnapshot current() {
    return world.pins().current().get();
  }

  private PinSnapshot at(CommitId commit) {
    return world.pins().at(commit).get();
  }

  private PromotionDiff diff(CommitId head, EnvironmentName environment, ServiceName service) {
    return world.pins().diff(head, file(environment, service), LAYOUT.key()).get();
  }

  private static Promotion promotion(ServiceName service, EnvironmentName target, ImageDigest digest, Option<ImageDigest> previous) {
    EnvironmentName from = target.equals(PROD) ? STAGING : DEV;
    return new Promotion(new PromotionTarget(service, target), from, digest, previous);
  }

  // ---- reading ------------------------------------------------------------------------------

  @Test
  void reads_every_pin_at_the_head_of_the_gitops_branch() {
    PinSnapshot snapshot = current();
    assertThat(snapshot.commit()).isEqualTo(world.head());
    assertThat(snapshot.pins()).isEqualTo(INITIAL);
    assertThat(snapshot.problems()).isEmpty();
  }

  @Test
  void a_new_pin_is_read_at_the_new_head_and_older_commits_keep_their_pins() {
    CommitId before = world.head();
    CommitId pinned = world.pin(PROD, API, MID);
    assertThat(current().commit()).isEqualTo(pinned).isEqualTo(world.head());
    assertThat(current().pins()).isEqualTo(INITIAL.with(PROD, API, MID));
    assertThat(at(before).commit()).isEqualTo(before);
    assertThat(at(before).pins()).isEqualTo(INITIAL);
    assertThat(at(pinned).pins()).isEqualTo(INITIAL.with(PROD, API, MID));
  }

  @Test
  void a_commit_that_does_not_exist_is_not_found() {
    CommitId unknown = CommitId.of("e".repeat(40));
    assertThat(world.pins().at(unknown).getLeft().kind()).isEqualTo(PortFailure.Kind.NOT_FOUND);
    assertThat(world.pins().diff(unknown, file(PROD, API), LAYOUT.key()).getLeft().kind()).isEqualTo(PortFailure.Kind.NOT_FOUND);
    assertThat(world.branches().writePromotion(promotion(API, PROD, MID, Option.some(OLD)), unknown).getLeft().kind())
        .isEqualTo(PortFailure.Kind.NOT_FOUND);
    assertThat(world.branchHead(BranchName.of("platinur/promote/api/prod"))).isEmpty();
  }

  /** The exact message of each kind of unreadable file ({@code NOT_YAML}: its start; the rest names the parser's problem). */
  protected static String expectedMessage(Unreadable kind, RepoPath file) {
    return switch (kind) {
      case KEY_MISSING -> file + " has no key image.digest.";
      case KEY_IS_A_MAPPING -> "image.digest in " + file + " is a mapping, not a scalar.";
      case KEY_IS_A_LIST -> "image.digest in " + file + " is a list, not a scalar.";
      case NOT_YAML -> file + " is not valid YAML (line ";
      case TWO_DOCUMENTS -> file + " holds 2 YAML documents; a values file holds one.";
    };
  }

  private static Class<? extends PinFileProblem> expectedType(Unreadable kind) {
    return switch (kind) {
      case KEY_MISSING -> PinFileProblem.KeyMissing.class;
      case KEY_IS_A_MAPPING, KEY_IS_A_LIST -> PinFileProblem.NotAScalar.class;
      case NOT_YAML -> PinFileProblem.Unparseable.class;
      case TWO_DOCUMENTS -> PinFileProblem.SeveralDocuments.class;
    };
  }

  @Test
  void every_unreadable_values_file_is_reported_with_its_exact_problem_and_the_other_pins_still_read() {
    for (Unreadable kind : Unreadable.values()) {
      ServiceName service = ServiceName.of(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      world.pin(PROD, service, OLD);
      CommitId broken = world.unreadable(PROD, service, kind);
      PinSnapshot snapshot = current();
      assertThat(snapshot.commit()).isEqualTo(broken);
      PinFileProblem problem = snapshot.problemWith(file(PROD, service)).getOrElseThrow(() -> new AssertionError("no problem reported: " + kind));
      assertThat(problem).as("%s", kind).isInstanceOf(expectedType(kind));
      assertThat(problem.file()).isEqualTo(file(PROD, service));
      assertThat(problem.message()).as("%s", kind).startsWith(expectedMessage(kind, file(PROD, service)));
      assertThat(snapshot.pins().pin(PROD, service)).as("%s", kind).isEmpty();
      assertThat(snapshot.pins().pin(PROD, API)).contains(OLD);
      assertThat(snapshot.problems()).hasSize(kind.ordinal() + 1);

      PortFailure refused = world.branches().writePromotion(promotion(service, PROD, MID, Option.none()), broken).getLeft();
      assertThat(refused.kind()).as("%s", kind).isEqualTo(PortFailure.Kind.INVALID_REQUEST);
      assertThat(refused.message()).isEqualTo(problem.message());
      assertThat(world.branchHead(BranchName.of("platinur/promote/" + service + "/prod"))).isEmpty();
    }
  }

  @Test
  void a_promotion_into_a_values_file_that_does_not_exist_is_refused() {
    ServiceName lonely = ServiceName.of("lonely");
    world.pin(DEV, lonely, BUILT);
    PortFailure refused = world.branches().writePromotion(promotion(lonely, STAGING, BUILT, Option.none()), world.head()).getLeft();
    assertThat(refused.kind()).isEqualTo(PortFailure.Kind.INVALID_REQUEST);
    assertThat(refused.message()).isEqualTo(file(STAGING, lonely) + " does not exist.");
    assertThat(world.branchHead(BranchName.of("platinur/promote/lonely/staging"))).isEmpty();
  }

  // ---- promotion branches -------------------------------------------------------------------

  @Test
  void a_promotion_branch_is_one_commit_on_the_base_that_changes_exactly_the_target_pin() {
    CommitId base = world.head();
    BranchName branch = world.branches().writePromotion(promotion(API, PROD, MID, Option.some(OLD)), base).get();
    assertThat(branch).isEqualTo(BranchName.of("platinur/promote/api/prod"));
    CommitId head = world.branchHead(branch).get();
    assertThat(world.parentOf(head)).isEqualTo(base);
    assertThat(at(head).pins()).isEqualTo(INITIAL.with(PROD, API, MID));
    assertThat(current().commit()).as("the GitOps branch does not move").isEqualTo(base);

    PromotionDiff diff = diff(head, PROD, API);
    assertThat(diff.changedPaths()).containsExactly(file(PROD, API));
    assertThat(diff.pinAfter()).contains(MID);
    assertThat(diff.pinFileChangedElsewhere()).isFalse();

    Option<byte[]> before = world.bytes(base, file(PROD, API));
    Option<byte[]> after = world.bytes(head, file(PROD, API));
    assertThat(after.isDefined()).isEqualTo(before.isDefined());
    if (before.isDefined()) {
      String expected = new String(before.get(), StandardCharsets.UTF_8).replace(OLD.value(), MID.value());
      assertThat(new String(after.get(), StandardCharsets.UTF_8)).isEqualTo(expected);
    }
  }

  @Test
  void writing_the_same_promotion_on_the_same_base_again_leaves_the_branch_as_it_is() {
    CommitId base = world.head();
    Promotion promotion = promotion(API, PROD, MID, Option.some(OLD));
    BranchName branch = world.branches().writePromotion(promotion, base).get();
    CommitId first = world.branchHead(branch).get();
    assertThat(world.branches().writePromotion(promotion, base)).contains(branch);
    assertThat(world.branchHead(branch)).contains(first);
  }

  @Test
  void a_promotion_written_again_on_a_newer_base_moves_the_branch_onto_it() {
    Promotion promotion = promotion(API, PROD, MID, Option.some(OLD));
    BranchName branch = world.branches().writePromotion(promotion, world.head()).get();
    CommitId newer = world.pin(PROD, WEB, MID);
    world.branches().writePromotion(promotion, newer).get();
    CommitId head = world.branchHead(branch).get();
    assertThat(world.parentOf(head)).isEqualTo(newer);
    assertThat(at(head).pins()).isEqualTo(INITIAL.with(PROD, WEB, MID).with(PROD, API, MID));
    assertThat(diff(head, PROD, API).changedPaths()).containsExactly(file(PROD, API));
  }

  @Test
  void a_diff_names_every_path_a_branch_changes_and_a_values_file_changed_beside_the_pin() {
    BranchName branch = world.branches().writePromotion(promotion(API, PROD, MID, Option.some(OLD)), world.head()).get();
    CommitId extra = world.addFile(branch, "environments/prod/api/extra.yaml", "replicas: 9\n");
    PromotionDiff withExtra = diff(extra, PROD, API);
    assertThat(withExtra.changedPaths()).containsExactlyInAnyOrder(file(PROD, API), RepoPath.of("environments/prod/api/extra.yaml"));
    assertThat(withExtra.pinAfter()).contains(MID);
    assertThat(withExtra.pinFileChangedElsewhere()).isFalse();

    CommitId touched = world.touchValuesFile(branch, PROD, API);
    PromotionDiff beside = diff(touched, PROD, API);
    assertThat(beside.changedPaths()).contains(file(PROD, API));
    assertThat(beside.pinAfter()).contains(MID);
    assertThat(beside.pinFileChangedElsewhere()).isTrue();
  }

  @Test
  void a_diff_is_taken_against_where_the_branch_forked_not_the_gitops_head_now() {
    BranchName branch = world.branches().writePromotion(promotion(API, PROD, MID, Option.some(OLD)), world.head()).get();
    world.pin(PROD, WEB, NEWER); // the GitOps branch moves on after the fork
    PromotionDiff diff = diff(world.branchHead(branch).get(), PROD, API);
    assertThat(diff.changedPaths()).containsExactly(file(PROD, API));
    assertThat(diff.pinFileChangedElsewhere()).isFalse();
  }

  // ---- rollback branches --------------------------------------------------------------------

  @Test
  void a_rollback_branch_restores_the_previous_pin_byte_for_byte() {
    CommitId before = world.head();
    Promotion promotion = promotion(API, PROD, MID, Option.some(OLD));
    BranchName promote = world.branches().writePromotion(promotion, before).get();
    CommitId merged = world.merge(promote);
    assertThat(current().pins().pin(PROD, API)).contains(MID);

    RollbackPlan plan = new RollbackPlan(promotion, PullRequestNumber.of(1), merged, RollbackReason.CANARY_FAILED);
    BranchName rollback = world.branches().writeRollback(plan, merged).get();
    assertThat(rollback).isEqualTo(BranchName.of("platinur/rollback/api/prod"));
    CommitId head = world.branchHead(rollback).get();
    assertThat(world.parentOf(head)).isEqualTo(merged);
    assertThat(at(head).pins()).isEqualTo(at(before).pins());
    PromotionDiff diff = diff(head, PROD, API);
    assertThat(diff.changedPaths()).containsExactly(file(PROD, API));
    assertThat(diff.pinAfter()).contains(OLD);
    assertThat(diff.pinFileChangedElsewhere()).isFalse();
    Option<byte[]> original = world.bytes(before, file(PROD, API));
    if (original.isDefined()) {
      assertThat(world.bytes(head, file(PROD, API)).get()).isEqualTo(original.get());
    }

    assertThat(world.branches().writeRollback(plan, merged)).contains(rollback);
    assertThat(world.branchHead(rollback)).as("written again: the same commit").contains(head);
  }

  @Test
  void a_rollback_of_a_promotion_that_found_no_pin_is_refused() {
    Promotion first = promotion(API, PROD, MID, Option.none());
    PortFailure refused = world.branches()
        .writeRollback(new RollbackPlan(first, PullRequestNumber.of(1), world.head(), RollbackReason.REQUESTED), world.head()).getLeft();
    assertThat(refused.kind()).isEqualTo(PortFailure.Kind.INVALID_REQUEST);
    assertThat(world.branchHead(BranchName.of("platinur/rollback/api/prod"))).isEmpty();
  }

  @Test
  void promotions_of_different_targets_write_different_branches() {
    CommitId base = world.head();
    List<BranchName> branches = List.of(
        world.branches().writePromotion(promotion(API, PROD, MID, Option.some(OLD)), base).get(),
        world.branches().writePromotion(promotion(WEB, PROD, MID, Option.some(OLD)), base).get(),
        world.branches().writePromotion(promotion(API, STAGING, BUILT, Option.some(MID)), base).get());
    assertThat(branches.distinct()).hasSize(3);
    assertThat(at(world.branchHead(branches.get(0)).get()).pins()).isEqualTo(INITIAL.with(PROD, API, MID));
    assertThat(at(world.branchHead(branches.get(1)).get()).pins()).isEqualTo(INITIAL.with(PROD, WEB, MID));
    assertThat(at(world.branchHead(branches.get(2)).get()).pins()).isEqualTo(INITIAL.with(STAGING, API, BUILT));
  }
}
