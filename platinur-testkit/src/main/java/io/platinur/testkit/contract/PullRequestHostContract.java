package io.platinur.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.vavr.control.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PullRequestHost} must do for promotion PRs, whichever host keeps them. Subclass
 * it per implementation and supply a fresh world per test: a host, a staging and a production
 * branch, and small ways to move staging and look at production.
 */
public abstract class PullRequestHostContract {

  /** The host and the two branches promotion PRs run between. */
  public interface World extends AutoCloseable {
    PullRequestHost host();

    /** The staging branch: the head of promotion PRs. */
    BranchName staging();

    /** The production branch: their base. */
    BranchName production();

    /** Adds a commit writing {@code fileName} on top of staging, moves staging there and returns it. */
    CommitId advanceStaging(String fileName);

    /** Where production points now. */
    CommitId productionHead();

    /** Whether production's history contains {@code commit}. */
    boolean productionContains(CommitId commit);

    @Override
    default void close() {}
  }

  /** A fresh world whose staging branch has no commits that production lacks. */
  protected abstract World newWorld();

  protected World world;
  protected PullRequestHost host;

  @BeforeEach
  void startWorld() {
    world = newWorld();
    host = world.host();
  }

  @AfterEach
  void closeWorld() throws Exception {
    world.close();
  }

  @Test
  void opens_a_promotion_pr_from_staging_into_production_at_the_staging_head() {
    CommitId head = world.advanceStaging("a.sql");

    PromotionPullRequest pr = open();

    assertThat(pr.head()).isEqualTo(world.staging());
    assertThat(pr.base()).isEqualTo(world.production());
    assertThat(pr.headCommit()).isEqualTo(head);
    assertThat(ok(host.state(pr.number()))).isEqualTo(new PullRequestState.Open(head));
  }

  @Test
  void opening_again_returns_the_open_pr_instead_of_another() {
    world.advanceStaging("a.sql");
    PromotionPullRequest first = open();

    PromotionPullRequest second = open();

    assertThat(second.number()).isEqualTo(first.number());
  }

  @Test
  void finds_the_open_pr_and_nothing_before_it_is_opened() {
    world.advanceStaging("a.sql");
    assertThat(ok(host.findOpenPromotionPr(world.staging(), world.production()))).isEmpty();

    PromotionPullRequest pr = open();

    assertThat(ok(host.findOpenPromotionPr(world.staging(), world.production())).map(PromotionPullRequest::number))
        .contains(pr.number());
  }

  @Test
  void an_open_pr_follows_its_head_branch() {
    world.advanceStaging("a.sql");
    PromotionPullRequest pr = open();
    CommitId later = world.advanceStaging("b.sql");

    assertThat(ok(host.state(pr.number()))).isEqualTo(new PullRequestState.Open(later));
  }

  @Test
  void merging_at_the_expected_head_returns_the_merge_commit_that_production_now_contains() {
    CommitId head = world.advanceStaging("a.sql");
    PromotionPullRequest pr = open();

    CommitId merge = ok(host.merge(pr.number(), head));

    assertThat(world.productionContains(merge)).isTrue();
    assertThat(world.productionContains(head)).isTrue();
    assertThat(ok(host.state(pr.number()))).isEqualTo(new PullRequestState.Merged(merge));
    assertThat(ok(host.findOpenPromotionPr(world.staging(), world.production()))).isEmpty();
  }

  @Test
  void merging_with_a_stale_expected_head_is_a_conflict_and_changes_nothing() {
    CommitId opened = world.advanceStaging("a.sql");
    PromotionPullRequest pr = open();
    CommitId moved = world.advanceStaging("b.sql");
    CommitId production = world.productionHead();

    PortFailure failure = failed(host.merge(pr.number(), opened));

    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.CONFLICT);
    assertThat(world.productionHead()).isEqualTo(production);
    assertThat(ok(host.state(pr.number()))).isEqualTo(new PullRequestState.Open(moved));
  }

  @Test
  void merging_a_merged_pr_again_returns_the_same_merge_commit() {
    CommitId head = world.advanceStaging("a.sql");
    PromotionPullRequest pr = open();
    CommitId merge = ok(host.merge(pr.number(), head));
    CommitId production = world.productionHead();

    assertThat(ok(host.merge(pr.number(), head))).isEqualTo(merge);
    assertThat(world.productionHead()).isEqualTo(production);
  }

  @Test
  void closing_leaves_production_alone() {
    world.advanceStaging("a.sql");
    PromotionPullRequest pr = open();
    CommitId production = world.productionHead();

    PullRequestState closed = ok(host.close(pr.number()));

    assertThat(closed).isEqualTo(new PullRequestState.ClosedUnmerged());
    assertThat(ok(host.state(pr.number()))).isEqualTo(new PullRequestState.ClosedUnmerged());
    assertThat(world.productionHead()).isEqualTo(production);
    assertThat(ok(host.findOpenPromotionPr(world.staging(), world.production()))).isEmpty();
  }

  @Test
  void closing_a_closed_pr_is_a_no_op() {
    world.advanceStaging("a.sql");
    PromotionPullRequest pr = open();
    ok(host.close(pr.number()));

    assertThat(ok(host.close(pr.number()))).isEqualTo(new PullRequestState.ClosedUnmerged());
  }

  @Test
  void a_closed_pr_cannot_be_merged_and_a_new_one_can_be_opened() {
    CommitId head = world.advanceStaging("a.sql");
    PromotionPullRequest pr = open();
    ok(host.close(pr.number()));
    CommitId production = world.productionHead();

    assertThat(failed(host.merge(pr.number(), head)).kind()).isEqualTo(PortFailure.Kind.REJECTED);
    assertThat(world.productionHead()).isEqualTo(production);
    assertThat(open().number()).isNotEqualTo(pr.number());
  }

  @Test
  void an_unknown_pr_is_not_found() {
    assertThat(failed(host.state(PullRequestNumber.of(4242))).kind()).isEqualTo(PortFailure.Kind.NOT_FOUND);
  }

  protected PromotionPullRequest open() {
    return ok(host.openPromotionPr(world.staging(), world.production(), "Promote staging", "Promotes the staged batch."));
  }

  protected static <T> T ok(Either<PortFailure, T> result) {
    return result.getOrElseThrow(f -> new AssertionError("unexpected failure " + f));
  }

  protected static PortFailure failed(Either<PortFailure, ?> result) {
    assertThat(result.isLeft()).as("expected a failure, got %s", result).isTrue();
    return result.getLeft();
  }
}
