package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.BranchName;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open-pulls index damaged in a real bare repository with the git command line: where it
 * disagrees with the pull requests' records, finding still answers the truth and the next write
 * puts the index right; where Git refuses a write nobody raced, the answer says what is in the way.
 * Lost races wait as the backoff says, a bounded number of times.
 */
class OfflinePullIndexRepairTest {
  static final String INDEX = "refs/platinur/open-pulls/staging/main";

  @TempDir Path dir;
  GitStaging git;
  GitCli cli;
  PullRequestHost host;

  @BeforeEach
  void lane() {
    git = Fixtures.init(dir);
    cli = new GitCli(dir.resolve("lane.git"));
    host = git.offlineHost().pullRequests();
  }

  @AfterEach
  void repository_stays_valid() {
    git.close();
    cli.assertFsckClean();
  }

  /** Moves staging one commit on, so there is something to promote. */
  void advanceStaging(String name) {
    String commit = cli.runWithInput("Work " + name + "\n", "commit-tree", "staging^{tree}", "-p", "staging").strip();
    cli.run("update-ref", "refs/heads/staging", commit);
  }

  PromotionPullRequest open() {
    return host.openPromotionPr(Fixtures.STAGING, Fixtures.MAIN, "Promote", "").get();
  }

  String indexNames() {
    return cli.run("cat-file", "blob", INDEX + ":pull").lines().filter(line -> line.startsWith("number\t")).findFirst().orElseThrow();
  }

  @Nested
  class An_index_that_disagrees_with_the_records {

    @Test
    void naming_a_closed_pull_request_is_replaced_by_the_next_opening() {
      advanceStaging("a");
      PromotionPullRequest first = open();
      String firstRecord = cli.revParse("refs/platinur/pulls/" + first.number().value());
      host.close(first.number()).get();
      cli.run("update-ref", INDEX, firstRecord); // the index still names PR #1, which is closed

      assertThat(host.findOpenPromotionPr(Fixtures.STAGING, Fixtures.MAIN).get()).isEmpty();
      PromotionPullRequest second = open();

      assertThat(second.number()).isEqualTo(PullRequestNumber.of(2));
      assertThat(indexNames()).isEqualTo("number\t2");
      assertThat(host.findOpenPromotionPr(Fixtures.STAGING, Fixtures.MAIN).get().map(PromotionPullRequest::number)).contains(second.number());
    }

    @Test
    void pointing_at_no_record_at_all_is_read_past_and_replaced() {
      advanceStaging("a");
      String junk = cli.runWithInput("not a pull request\n", "commit-tree", "main^{tree}").strip();
      cli.run("update-ref", INDEX, junk);

      assertThat(host.findOpenPromotionPr(Fixtures.STAGING, Fixtures.MAIN).get()).isEmpty();
      PromotionPullRequest pr = open();

      assertThat(pr.number()).isEqualTo(PullRequestNumber.of(1));
      assertThat(indexNames()).isEqualTo("number\t1");
    }

    @Test
    void missing_for_an_open_pull_request_finds_it_and_opening_gives_it_back_instead_of_a_second_one() {
      advanceStaging("a");
      PromotionPullRequest pr = open();
      cli.run("update-ref", "-d", INDEX);

      assertThat(host.findOpenPromotionPr(Fixtures.STAGING, Fixtures.MAIN).get().map(PromotionPullRequest::number)).contains(pr.number());
      assertThat(open().number()).isEqualTo(pr.number());

      assertThat(cli.run("for-each-ref", "--format=%(refname)", "refs/platinur/pulls/").strip()).isEqualTo("refs/platinur/pulls/1");
      assertThat(indexNames()).isEqualTo("number\t1");
    }

    @Test
    void naming_an_open_pull_request_between_other_branches_is_replaced() {
      String feature = cli.runWithInput("Feature\n", "commit-tree", "main^{tree}", "-p", "main").strip();
      cli.run("update-ref", "refs/heads/feature", feature);
      PromotionPullRequest other = host.openPromotionPr(BranchName.of("feature"), Fixtures.MAIN, "Feature", "").get();
      cli.run("update-ref", INDEX, cli.revParse("refs/platinur/pulls/" + other.number().value()));
      advanceStaging("a");

      assertThat(host.findOpenPromotionPr(Fixtures.STAGING, Fixtures.MAIN).get()).isEmpty();
      PromotionPullRequest pr = open();

      assertThat(pr.number()).isEqualTo(PullRequestNumber.of(2));
      assertThat(indexNames()).isEqualTo("number\t2");
      assertThat(host.findOpenPromotionPr(BranchName.of("feature"), Fixtures.MAIN).get().map(PromotionPullRequest::number))
          .contains(other.number());
    }

    @Test
    void closing_the_pull_request_it_should_name_deletes_it_when_it_names_a_closed_one() {
      advanceStaging("a");
      PromotionPullRequest first = open();
      String firstRecord = cli.revParse("refs/platinur/pulls/1");
      host.close(first.number()).get();
      advanceStaging("b");
      PromotionPullRequest second = open();
      cli.run("update-ref", INDEX, firstRecord); // the index goes back to PR #1, closed, behind the second's back

      host.close(second.number()).get();

      assertThat(cli.run("for-each-ref", "refs/platinur/open-pulls/")).isEmpty();
    }
  }

  @Nested
  class Numbers {
    @Test
    void pulls_last_moved_back_behind_an_open_pull_request_is_stepped_past_and_put_right() {
      advanceStaging("a");
      PromotionPullRequest first = open();
      String firstRecord = cli.revParse("refs/platinur/pulls/1");
      String feature = cli.runWithInput("Feature\n", "commit-tree", "main^{tree}", "-p", "main").strip();
      cli.run("update-ref", "refs/heads/feature", feature);
      PromotionPullRequest second = host.openPromotionPr(BranchName.of("feature"), Fixtures.MAIN, "Feature", "").get();
      host.close(first.number()).get();
      cli.run("update-ref", "refs/platinur/pulls-last", firstRecord); // behind #2, which is open
      advanceStaging("b");

      PromotionPullRequest third = open();

      assertThat(second.number()).isEqualTo(PullRequestNumber.of(2));
      assertThat(third.number()).isEqualTo(PullRequestNumber.of(3));
      assertThat(cli.run("cat-file", "blob", "refs/platinur/pulls-last:pull")).contains("number\t3\n");
    }
  }

  @Nested
  class What_no_retry_heals {
    final List<Integer> waits = new ArrayList<>();

    PullRequestHost waitingHost() {
      return waitingHost(OfflinePullRequestHost.MAX_ATTEMPTS);
    }

    PullRequestHost waitingHost(int attempts) {
      GitRepo repo = new GitRepo(GitRefs.openBare(dir.resolve("lane.git")).get(), Fixtures.CONFIG);
      return new OfflinePullRequestHost(repo, PullRecord.PLATINUR, new Retries(waits::add, attempts));
    }

    @Test
    void a_ref_in_the_way_of_the_new_pull_request_is_named_with_what_to_do_after_the_bounded_waits() {
      advanceStaging("a");
      cli.run("update-ref", "refs/platinur/pulls/1/stray", cli.revParse("main"));

      PortFailure refused = waitingHost().openPromotionPr(Fixtures.STAGING, Fixtures.MAIN, "Promote", "").getLeft();

      assertThat(refused.kind()).isEqualTo(PortFailure.Kind.REPOSITORY_DAMAGED);
      assertThat(refused.message()).isEqualTo("Pull request from ‘staging’ into ‘main’ was not opened: refs/platinur/pulls/1/stray is in "
          + "the way of refs/platinur/pulls/1, so Git refuses to write it. Delete it (git update-ref -d refs/platinur/pulls/1/stray) if "
          + "nothing needs it, then try again.");
      assertThat(refused.message()).matches(DocumentedMessages.containing("is in the way of"));
      assertThat(waits).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
      assertThat(cli.run("for-each-ref", "refs/platinur/open-pulls/", "refs/platinur/pulls-last")).isEmpty();

      cli.run("update-ref", "-d", "refs/platinur/pulls/1/stray");
      assertThat(waitingHost().openPromotionPr(Fixtures.STAGING, Fixtures.MAIN, "Promote", "").get().number())
          .isEqualTo(PullRequestNumber.of(1));
    }

    @Test
    void a_lock_file_that_stays_is_named_with_what_to_do_after_the_bounded_waits() throws Exception {
      advanceStaging("a");
      // held for no time the adapter counts (its clock says it was taken later than now), so every attempt only loses
      java.nio.file.Path lock = dir.resolve("lane.git/packed-refs.lock");
      java.nio.file.Files.writeString(lock, "");
      java.nio.file.Files.setLastModifiedTime(lock, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(3600)));

      // four attempts, not the sixteen a host makes: JGit itself waits about 3 s on a held packed-refs.lock at each
      PortFailure refused = waitingHost(4).openPromotionPr(Fixtures.STAGING, Fixtures.MAIN, "Promote", "").getLeft();

      assertThat(refused.kind()).isEqualTo(PortFailure.Kind.REPOSITORY_DAMAGED);
      assertThat(refused.message()).isEqualTo("Pull request from ‘staging’ into ‘main’ was not opened: Lock file packed-refs.lock is "
          + "held by another Git process, or was left by one that crashed. Delete it once no Git process is running on the repository, "
          + "then try again.");
      assertThat(refused.message()).matches(DocumentedMessages.containing("or was left by one that crashed"));
      assertThat(waits).as("a wait before every attempt but the first").hasSize(3);
      java.nio.file.Files.delete(lock);
      assertThat(cli.run("for-each-ref", "refs/platinur/")).isEmpty();
    }

    @Test
    void other_writers_that_keep_winning_are_named_as_such_after_the_bounded_waits() {
      advanceStaging("a");
      InstrumentedRepo.Lane watched = InstrumentedRepo.open(dir.resolve("lane.git"), Fixtures.CONFIG);
      // before each attempt's refs move, another writer opens a pull request between other branches
      int[] rivals = {0};
      watched.repo().crashAt(step -> {
        if (step.equals("objects-written")) {
          String branch = "rival-" + ++rivals[0];
          cli.run("update-ref", "refs/heads/" + branch, cli.runWithInput(branch + "\n", "commit-tree", "main^{tree}", "-p", "main").strip());
          host.openPromotionPr(BranchName.of(branch), Fixtures.MAIN, "Rival", "").get();
        }
      });
      PullRequestHost contended = new OfflinePullRequestHost(watched.repo(), PullRecord.PLATINUR,
          new Retries(waits::add, OfflinePullRequestHost.MAX_ATTEMPTS));

      PortFailure lost = contended.openPromotionPr(Fixtures.STAGING, Fixtures.MAIN, "Promote", "").getLeft();

      assertThat(lost.kind()).isEqualTo(PortFailure.Kind.CONFLICT);
      assertThat(lost.message()).isEqualTo("Pull request from ‘staging’ into ‘main’ was not opened: other writers kept changing this "
          + "repository's pull requests (16 attempts). Try again.");
      assertThat(lost.message()).matches(DocumentedMessages.containing("other writers kept changing"));
      assertThat(waits).hasSize(15);
      assertThat(host.findOpenPromotionPr(Fixtures.STAGING, Fixtures.MAIN).get()).isEmpty();
      watched.git().close();
    }

    @Test
    void a_writer_that_wins_once_is_waited_for_once_then_the_pull_request_opens() {
      advanceStaging("a");
      InstrumentedRepo.Lane watched = InstrumentedRepo.open(dir.resolve("lane.git"), Fixtures.CONFIG);
      int[] rivals = {0};
      watched.repo().crashAt(step -> {
        if (step.equals("objects-written") && rivals[0]++ == 0) {
          cli.run("update-ref", "refs/heads/rival", cli.runWithInput("rival\n", "commit-tree", "main^{tree}", "-p", "main").strip());
          host.openPromotionPr(BranchName.of("rival"), Fixtures.MAIN, "Rival", "").get();
        }
      });
      PullRequestHost contended = new OfflinePullRequestHost(watched.repo(), PullRecord.PLATINUR,
          new Retries(waits::add, OfflinePullRequestHost.MAX_ATTEMPTS));

      PromotionPullRequest pr = contended.openPromotionPr(Fixtures.STAGING, Fixtures.MAIN, "Promote", "").get();

      assertThat(pr.number()).isEqualTo(PullRequestNumber.of(2));
      assertThat(waits).containsExactly(1);
      watched.git().close();
    }
  }
}
