package io.platinur.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
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
 * What every implementation of {@link PinBranches} must do, on the standard {@link PinLayout}:
 * write the branch a promotion PR is opened from ({@code platinur/promote/<service>/<env>}) and the
 * one a rollback PR is opened from ({@code platinur/rollback/<service>/<env>}) as one commit on the
 * base given that changes exactly the target's pin, and nothing else; write the same change on the
 * same base again without a second commit; move the branch onto a newer base, replacing what an
 * earlier write left; and refuse, writing no branch, a base that does not exist, a values file that
 * does not exist and a rollback with no pin to bring back.
 *
 * <p>Subclass it per implementation with a {@link World} whose GitOps branch starts with
 * {@link #INITIAL}; the branches are read back through the {@link PinnedDigests} of the same
 * repository. Implementations that keep file bytes also show them ({@link World#bytes}): then the
 * contract checks the bytes too (only the scalar's text changes; a rollback restores the file byte
 * for byte).
 */
public abstract class PinBranchesContract {

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

  /** A GitOps repository holding {@link #INITIAL} on its GitOps branch, for one test; closed after it. */
  public interface World extends AutoCloseable {
    /** The pins of the same repository, to read the branches back. */
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

  @Test
  void a_base_that_does_not_exist_is_not_found_and_no_branch_is_written() {
    CommitId unknown = CommitId.of("e".repeat(40));
    Promotion promotion = promotion(API, PROD, MID, Option.some(OLD));
    assertThat(world.branches().writePromotion(promotion, unknown).getLeft().kind()).isEqualTo(PortFailure.Kind.NOT_FOUND);
    RollbackPlan plan = new RollbackPlan(promotion, PullRequestNumber.of(1), world.head(), RollbackReason.REQUESTED);
    assertThat(world.branches().writeRollback(plan, unknown).getLeft().kind()).isEqualTo(PortFailure.Kind.NOT_FOUND);
    assertThat(world.branchHead(BranchName.of("platinur/promote/api/prod"))).isEmpty();
    assertThat(world.branchHead(BranchName.of("platinur/rollback/api/prod"))).isEmpty();
  }

  @Test
  void another_promotion_of_the_same_target_replaces_the_branch_with_one_commit_on_its_base() {
    CommitId base = world.head();
    BranchName branch = world.branches().writePromotion(promotion(API, PROD, MID, Option.some(OLD)), base).get();
    CommitId earlier = world.branchHead(branch).get();

    assertThat(world.branches().writePromotion(promotion(API, PROD, NEWER, Option.some(OLD)), base)).contains(branch);

    CommitId head = world.branchHead(branch).get();
    assertThat(head).isNotEqualTo(earlier);
    assertThat(world.parentOf(head)).as("not stacked on the earlier commit").isEqualTo(base);
    assertThat(at(head).pins()).isEqualTo(INITIAL.with(PROD, API, NEWER));
    assertThat(diff(head, PROD, API).changedPaths()).containsExactly(file(PROD, API));
  }

  @Test
  void a_rollback_written_again_after_the_gitops_branch_moved_on_lands_on_the_new_base() {
    Promotion promotion = promotion(API, PROD, MID, Option.some(OLD));
    CommitId merged = world.merge(world.branches().writePromotion(promotion, world.head()).get());
    RollbackPlan plan = new RollbackPlan(promotion, PullRequestNumber.of(1), merged, RollbackReason.CANARY_FAILED);
    BranchName rollback = world.branches().writeRollback(plan, merged).get();
    CommitId newer = world.pin(STAGING, WEB, MID);

    assertThat(world.branches().writeRollback(plan, newer)).contains(rollback);

    CommitId head = world.branchHead(rollback).get();
    assertThat(world.parentOf(head)).isEqualTo(newer);
    assertThat(at(head).pins()).isEqualTo(INITIAL.with(STAGING, WEB, MID));
    assertThat(diff(head, PROD, API).changedPaths()).containsExactly(file(PROD, API));
    assertThat(diff(head, PROD, API).pinAfter()).contains(OLD);
  }
}
