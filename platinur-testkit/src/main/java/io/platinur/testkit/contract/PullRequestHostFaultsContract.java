package io.platinur.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.testkit.forge.ForgeFault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a {@link io.platinur.port.PullRequestHost} on a forge reached over HTTP must do when the
 * network and the forge misbehave, on top of {@link PullRequestHostContract}: a write whose answer
 * is lost or a 5xx is never sent again but read back (the PR it opened is found again, the merge it
 * made returns its merge commit, nothing is opened or merged twice); a write refused for a rate
 * limit is sent again after the wait the forge asked for; a head that moves between the read and the
 * merge is a {@code CONFLICT}; a list that lags behind a write never leads to a second PR; lists are
 * read to their last page.
 */
public abstract class PullRequestHostFaultsContract extends PullRequestHostContract {

  /** A write the adapter sends. */
  public enum Write {
    OPEN,
    MERGE,
    CLOSE
  }

  /** The world of {@link PullRequestHostContract} on a fake forge that plays faults. */
  public interface FaultyWorld extends World {
    /** The next {@code write} request meets {@code fault} (one of {@link ForgeFault.Kind}). */
    void fault(Write write, ForgeFault.Kind fault);

    /** The next read of a pull request (not a list) is refused with 429 and {@code Retry-After: seconds}. */
    void rateLimitNextRead(int seconds);

    /** How many {@code write} requests reached the forge. */
    long sent(Write write);

    /** How many pull requests from staging into production the forge has open now. */
    int openPromotionPrs();

    /** The next {@code reads} pull request lists leave out the newest pull request. */
    void staleListsAfterWrite(int reads);

    /** Lists are served {@code size} items a page. */
    void pageSize(int size);

    /** Someone opens a pull request from a new branch {@code branch} into production (a commit on it first). */
    void openOther(String branch);

    /** The next merge request reaches the forge after someone pushed {@code fileName} to staging. */
    void pushToStagingBeforeNextMerge(String fileName);

    /** The waits the adapter took between attempts, in order. */
    List<Duration> waits();
  }

  @Override
  protected abstract FaultyWorld newWorld();

  private FaultyWorld faulty() {
    return (FaultyWorld) world;
  }

  @Test
  void an_open_whose_answer_is_lost_is_found_again_and_not_sent_twice() {
    world.advanceStaging("a.sql");
    faulty().fault(Write.OPEN, ForgeFault.Kind.RESET_AFTER);

    PromotionPullRequest pr = open();

    assertThat(faulty().sent(Write.OPEN)).isEqualTo(1);
    assertThat(faulty().openPromotionPrs()).isEqualTo(1);
    assertThat(ok(host.findOpenPromotionPr(world.staging(), world.production())).map(PromotionPullRequest::number))
        .contains(pr.number());
  }

  @Test
  void an_open_answered_5xx_after_it_took_effect_returns_that_pr() {
    world.advanceStaging("a.sql");
    faulty().fault(Write.OPEN, ForgeFault.Kind.SERVER_ERROR_AFTER);

    PromotionPullRequest pr = open();

    assertThat(faulty().sent(Write.OPEN)).isEqualTo(1);
    assertThat(faulty().openPromotionPrs()).isEqualTo(1);
    assertThat(ok(host.state(pr.number()))).isInstanceOf(PullRequestState.Open.class);
  }

  @Test
  void an_open_answered_5xx_without_effect_fails_as_changed_nothing_and_opens_on_the_next_try() {
    world.advanceStaging("a.sql");
    faulty().fault(Write.OPEN, ForgeFault.Kind.SERVER_ERROR_BEFORE);

    PortFailure failure = failed(host.openPromotionPr(world.staging(), world.production(), "Promote staging", ""));

    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.UNAVAILABLE);
    assertThat(faulty().sent(Write.OPEN)).isEqualTo(1);
    assertThat(faulty().openPromotionPrs()).isZero();
    open();
    assertThat(faulty().openPromotionPrs()).isEqualTo(1);
  }

  @Test
  void a_lost_open_read_back_from_a_stale_list_never_becomes_a_second_pr() {
    world.advanceStaging("a.sql");
    faulty().fault(Write.OPEN, ForgeFault.Kind.RESET_AFTER);
    faulty().staleListsAfterWrite(1);

    // the read-back misses the new PR: the adapter cannot know, and must not claim, that none was opened
    host.openPromotionPr(world.staging(), world.production(), "Promote staging", "");
    PromotionPullRequest again = open();

    assertThat(faulty().openPromotionPrs()).isEqualTo(1);
    assertThat(ok(host.findOpenPromotionPr(world.staging(), world.production())).map(PromotionPullRequest::number))
        .contains(again.number());
  }

  @Test
  void a_merge_answered_5xx_after_it_took_effect_returns_the_merge_commit_and_is_not_sent_again() {
    CommitId head = world.advanceStaging("a.sql");
    PromotionPullRequest pr = open();
    faulty().fault(Write.MERGE, ForgeFault.Kind.SERVER_ERROR_AFTER);

    CommitId merge = ok(host.merge(pr.number(), head));

    assertThat(faulty().sent(Write.MERGE)).isEqualTo(1);
    assertThat(world.productionContains(merge)).isTrue();
    assertThat(ok(host.state(pr.number()))).isEqualTo(new PullRequestState.Merged(merge));
  }

  @Test
  void a_merge_whose_connection_is_reset_after_it_took_effect_returns_the_merge_commit() {
    CommitId head = world.advanceStaging("a.sql");
    PromotionPullRequest pr = open();
    faulty().fault(Write.MERGE, ForgeFault.Kind.RESET_AFTER);

    CommitId merge = ok(host.merge(pr.number(), head));

    assertThat(faulty().sent(Write.MERGE)).isEqualTo(1);
    assertThat(world.productionHead()).isEqualTo(merge);
  }

  @Test
  void a_merge_answered_5xx_without_effect_changes_nothing_and_merges_on_the_next_try() {
    CommitId head = world.advanceStaging("a.sql");
    PromotionPullRequest pr = open();
    CommitId production = world.productionHead();
    faulty().fault(Write.MERGE, ForgeFault.Kind.SERVER_ERROR_BEFORE);

    PortFailure failure = failed(host.merge(pr.number(), head));

    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.UNAVAILABLE);
    assertThat(faulty().sent(Write.MERGE)).isEqualTo(1);
    assertThat(world.productionHead()).isEqualTo(production);
    assertThat(world.productionContains(ok(host.merge(pr.number(), head)))).isTrue();
  }

  @Test
  void a_close_whose_answer_is_lost_reads_back_closed() {
    world.advanceStaging("a.sql");
    PromotionPullRequest pr = open();
    faulty().fault(Write.CLOSE, ForgeFault.Kind.RESET_AFTER);

    assertThat(ok(host.close(pr.number()))).isEqualTo(new PullRequestState.ClosedUnmerged());
    assertThat(faulty().sent(Write.CLOSE)).isEqualTo(1);
  }

  @Test
  void a_head_that_moves_between_the_read_and_the_merge_is_a_conflict_and_production_stays() {
    CommitId head = world.advanceStaging("a.sql");
    PromotionPullRequest pr = open();
    CommitId production = world.productionHead();
    faulty().pushToStagingBeforeNextMerge("late.sql");

    PortFailure failure = failed(host.merge(pr.number(), head));

    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.CONFLICT);
    assertThat(world.productionHead()).isEqualTo(production);
    assertThat(ok(host.state(pr.number()))).isInstanceOf(PullRequestState.Open.class);
  }

  @Test
  void a_read_refused_for_a_rate_limit_is_sent_again_after_the_wait_the_forge_asked_for() {
    world.advanceStaging("a.sql");
    PromotionPullRequest pr = open();
    faulty().rateLimitNextRead(2);

    assertThat(ok(host.state(pr.number()))).isInstanceOf(PullRequestState.Open.class);
    assertThat(faulty().waits()).contains(Duration.ofSeconds(2));
  }

  @Test
  void a_write_refused_for_a_rate_limit_is_sent_again_after_the_wait_and_takes_effect_once() {
    world.advanceStaging("a.sql");
    faulty().fault(Write.OPEN, ForgeFault.Kind.RATE_LIMITED);

    open();

    assertThat(faulty().sent(Write.OPEN)).isEqualTo(2);
    assertThat(faulty().openPromotionPrs()).isEqualTo(1);
    assertThat(faulty().waits()).isNotEmpty();
  }

  @Test
  void the_open_pr_is_found_on_a_later_page() {
    faulty().pageSize(1);
    faulty().openOther("feature-1");
    world.advanceStaging("a.sql");
    PromotionPullRequest pr = open();
    faulty().openOther("feature-2");
    faulty().openOther("feature-3");

    assertThat(ok(host.findOpenPromotionPr(world.staging(), world.production())).map(PromotionPullRequest::number))
        .contains(pr.number());
  }
}
