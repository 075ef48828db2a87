package io.platinur.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link OpenPullRequests} must do, for preview environments: list every open pull
 * request (all pages) with its number, head branch and commit, base branch and update time; leave
 * out merged and closed ones; and say what became of one that is no longer open.
 */
public abstract class OpenPullRequestsContract {

  /** A forge whose production branch is {@code main}, with no pull requests yet. */
  public interface World extends AutoCloseable {
    OpenPullRequests openPullRequests();

    /** Opens and merges pull requests: the same forge's {@link PullRequestHost}. */
    PullRequestHost host();

    /** The production branch pull requests go into. */
    BranchName production();

    /** A new branch {@code name} with one commit that production lacks; returns that commit. */
    CommitId branch(String name);

    /** Lists are served {@code size} items a page, where the forge pages them at all. */
    default void pageSize(int size) {}

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

  private PromotionPullRequest open(String branch) {
    return ok(world.host().openPromotionPr(BranchName.of(branch), world.production(), "Change " + branch, ""));
  }

  @Test
  void nothing_open_lists_nothing() {
    assertThat(ok(world.openPullRequests().listOpen())).isEmpty();
  }

  @Test
  void every_open_pull_request_is_listed_with_its_head_base_and_update_time() {
    CommitId one = world.branch("feature-1");
    CommitId two = world.branch("feature-2");
    PromotionPullRequest first = open("feature-1");
    PromotionPullRequest second = open("feature-2");

    assertThat(ok(world.openPullRequests().listOpen()))
        .extracting(OpenPullRequest::number, OpenPullRequest::head, OpenPullRequest::base, OpenPullRequest::headCommit)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(first.number(), BranchName.of("feature-1"), world.production(), one),
            org.assertj.core.groups.Tuple.tuple(second.number(), BranchName.of("feature-2"), world.production(), two));
    assertThat(ok(world.openPullRequests().listOpen())).allSatisfy(pr -> assertThat(pr.updatedAt()).isAfter(Instant.EPOCH));
  }

  @Test
  void every_page_is_read() {
    world.pageSize(1);
    for (int i = 1; i <= 4; i++) {
      world.branch("feature-" + i);
      open("feature-" + i);
    }
    assertThat(ok(world.openPullRequests().listOpen())).hasSize(4);
  }

  @Test
  void merged_and_closed_pull_requests_leave_the_list_and_say_what_became_of_them() {
    CommitId head = world.branch("feature-1");
    world.branch("feature-2");
    world.branch("feature-3");
    PromotionPullRequest merged = open("feature-1");
    PromotionPullRequest closed = open("feature-2");
    PromotionPullRequest open = open("feature-3");
    ok(world.host().merge(merged.number(), head));
    ok(world.host().close(closed.number()));

    assertThat(ok(world.openPullRequests().listOpen())).extracting(OpenPullRequest::number).containsExactly(open.number());
    assertThat(ok(world.openPullRequests().state(merged.number()))).isInstanceOf(PullRequestState.Merged.class);
    assertThat(ok(world.openPullRequests().state(closed.number()))).isEqualTo(new PullRequestState.ClosedUnmerged());
    assertThat(ok(world.openPullRequests().state(open.number()))).isInstanceOf(PullRequestState.Open.class);
  }

  @Test
  void a_pull_request_that_does_not_exist_is_not_found() {
    assertThat(world.openPullRequests().state(PullRequestNumber.of(4242)).getLeft().kind()).isEqualTo(PortFailure.Kind.NOT_FOUND);
  }

  protected static <T> T ok(io.vavr.control.Either<PortFailure, T> result) {
    return result.getOrElseThrow(f -> new AssertionError("unexpected failure " + f));
  }
}
