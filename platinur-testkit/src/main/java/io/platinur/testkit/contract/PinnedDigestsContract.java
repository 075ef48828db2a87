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
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PinSnapshot;
import io.platinur.port.PinnedDigests;
import io.platinur.port.PortFailure;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link PinnedDigests} must do, on the standard {@link PinLayout}:
 * read the pins at the GitOps head and at any commit, report every values file it cannot read with
 * the exact problem (and refuse to write a promotion into it), and diff a branch against where it
 * forked. Writing promotion and rollback branches is {@link PinBranchesContract}'s: a
 * {@link World} here is also one there, so an implementation of both runs both with one world.
 *
 * <p>Subclass it per implementation with a {@link World} whose GitOps branch starts with
 * {@link #INITIAL}.
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

  /**
   * A GitOps repository holding {@link #INITIAL} on its GitOps branch, for one test; closed after
   * it. Beside what writing branches needs, it can break a values file and change branches by hand.
   */
  public interface World extends PinBranchesContract.World {
    /** Makes the values file unreadable on the GitOps branch in a new commit; returns it. */
    CommitId unreadable(EnvironmentName environment, ServiceName service, Unreadable kind);

    /** Adds a file on {@code branch} in a new commit (a PR changing more than the pin). */
    CommitId addFile(BranchName branch, String path, String content);

    /** Changes the values file on {@code branch} beside the pin (adds a comment line) in a new commit. */
    CommitId touchValuesFile(BranchName branch, EnvironmentName environment, ServiceName service);
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
}
