package io.platinur.git;

import static io.platinur.git.Fixtures.AUTHOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.platinur.testkit.contract.PullRequestHostContract;
import io.vavr.control.Option;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflinePullRequestHostTest extends PullRequestHostContract {
  @TempDir Path dir;
  GitStaging git;
  GitCli cli;

  @Override
  protected World newWorld() {
    git = Fixtures.init(dir);
    cli = new GitCli(dir.resolve("lane.git"));
    return new World() {
      @Override
      public PullRequestHost host() {
        return git.offlineHost().pullRequests();
      }

      @Override
      public BranchName staging() {
        return Fixtures.STAGING;
      }

      @Override
      public BranchName production() {
        return Fixtures.MAIN;
      }

      @Override
      public CommitId advanceStaging(String fileName) {
        CommitId head = ok(git.staging().heads()).staging();
        CommitId next = ok(git.staging().writeProposalCommit(head, Fixtures.writing("p-" + fileName.replace('.', '-'), "Add " + fileName, fileName), AUTHOR));
        return ok(git.staging().moveStaging(head, next));
      }

      @Override
      public CommitId productionHead() {
        return CommitId.of(cli.revParse("main"));
      }

      @Override
      public boolean productionContains(CommitId commit) {
        return cli.tryRun("merge-base", "--is-ancestor", commit.hex(), "main").exit() == 0;
      }

      @Override
      public void close() {
        git.close();
      }
    };
  }

  @AfterEach
  void repository_stays_valid() {
    cli.assertFsckClean();
  }

  @Test
  void a_merge_is_a_merge_commit_of_staging_into_production_as_git_sees_it() {
    CommitId production = world.productionHead();
    CommitId head = world.advanceStaging("a.sql");
    PromotionPullRequest pr = open();

    CommitId merge = ok(host.merge(pr.number(), head));

    assertThat(cli.revParse("main")).isEqualTo(merge.hex());
    assertThat(cli.run("log", "-1", "--format=%P", "main").strip()).isEqualTo(production.hex() + " " + head.hex());
    assertThat(cli.run("diff", "--name-only", "staging", "main")).isEmpty();
  }

  @Test
  void a_merged_or_closed_pr_leaves_the_ref_namespace_for_its_bucket_of_the_archive() {
    CommitId head = world.advanceStaging("a.sql");
    PromotionPullRequest merged = open();
    assertThat(cli.run("for-each-ref", "--format=%(refname)", "refs/platinur/pulls/").strip())
        .isEqualTo("refs/platinur/pulls/" + merged.number().value());
    CommitId merge = ok(host.merge(merged.number(), head));
    world.advanceStaging("b.sql");
    PromotionPullRequest closed = open();
    ok(host.close(closed.number()));

    assertThat(cli.run("for-each-ref", "refs/platinur/pulls/", "refs/platinur/open-pulls/")).isEmpty();
    assertThat(cli.run("ls-tree", "-r", "--name-only", "refs/platinur/pulls-closed").lines().toList()).containsExactly("01/1", "02/2");
    assertThat(cli.run("cat-file", "blob", "refs/platinur/pulls-closed:01/1"))
        .contains("number\t1\n").contains("state\tmerged\n").contains("merge\t" + merge.hex() + "\n");
    assertThat(cli.run("cat-file", "blob", "refs/platinur/pulls-closed:02/2")).contains("state\tclosed\n");
    assertThat(ok(host.state(merged.number()))).isEqualTo(new PullRequestState.Merged(merge));
    assertThat(ok(host.state(closed.number()))).isEqualTo(new PullRequestState.ClosedUnmerged());
    assertThat(ok(host.merge(merged.number(), head))).as("merging again answers the merge").isEqualTo(merge);
    assertThat(failed(host.merge(closed.number(), head)).kind()).isEqualTo(PortFailure.Kind.REJECTED);
    assertThat(ok(host.close(closed.number()))).isEqualTo(new PullRequestState.ClosedUnmerged());
    assertThat(failed(host.state(PullRequestNumber.of(3))).kind()).isEqualTo(PortFailure.Kind.NOT_FOUND);
  }

  @Test
  void the_refs_do_not_grow_with_the_pull_requests_ever_opened() {
    java.util.List<Integer> refCounts = new java.util.ArrayList<>();
    java.util.Map<PullRequestNumber, PullRequestState> expected = new java.util.LinkedHashMap<>();
    for (int n = 1; n <= 12; n++) {
      CommitId head = world.advanceStaging("f" + n + ".sql");
      PromotionPullRequest pr = open();
      assertThat(pr.number().value()).isEqualTo(n);
      expected.put(pr.number(), n % 3 == 0 ? ok(host.close(pr.number())) : new PullRequestState.Merged(ok(host.merge(pr.number(), head))));
      refCounts.add(cli.run("for-each-ref", "refs/platinur/").lines().toList().size());
    }
    // the archive and pulls-last, whatever the number of pull requests
    assertThat(refCounts).containsOnly(2);
    expected.forEach((number, state) -> assertThat(ok(host.state(number))).as("PR %s", number).isEqualTo(state));
    // one commit per pull request filed, each rewriting the root and one bucket
    assertThat(cli.run("rev-list", "--count", "refs/platinur/pulls-closed").strip()).isEqualTo("12");
    assertThat(cli.run("diff-tree", "-r", "--name-only", "refs/platinur/pulls-closed^", "refs/platinur/pulls-closed").lines().toList())
        .containsExactly("0c/12");
  }

  @Test
  void a_repository_written_before_the_archive_is_read_and_filed_into_it_on_the_next_merge() {
    // the layout before the archive: every pull request kept its ref, merged and closed ones too
    CommitId first = world.advanceStaging("a.sql");
    String merged1 = oldRecord(1, "merged", Option.some(first), first);
    String closed2 = oldRecord(2, "closed", Option.none(), first);
    cli.run("update-ref", "refs/platinur/pulls/1", merged1);
    cli.run("update-ref", "refs/platinur/pulls/2", closed2);
    cli.run("update-ref", "refs/platinur/pulls-last", closed2);

    assertThat(ok(host.state(PullRequestNumber.of(1)))).isEqualTo(new PullRequestState.Merged(first));
    assertThat(ok(host.state(PullRequestNumber.of(2)))).isEqualTo(new PullRequestState.ClosedUnmerged());
    assertThat(ok(host.findOpenPromotionPr(Fixtures.STAGING, Fixtures.MAIN))).isEmpty();
    PromotionPullRequest third = open();
    assertThat(third.number().value()).isEqualTo(3);

    CommitId merge = ok(host.merge(third.number(), third.headCommit()));

    assertThat(cli.run("for-each-ref", "refs/platinur/pulls/")).isEmpty();
    assertThat(cli.run("ls-tree", "-r", "--name-only", "refs/platinur/pulls-closed").lines().toList())
        .containsExactly("01/1", "02/2", "03/3");
    assertThat(ok(host.state(PullRequestNumber.of(1)))).isEqualTo(new PullRequestState.Merged(first));
    assertThat(ok(host.state(PullRequestNumber.of(2)))).isEqualTo(new PullRequestState.ClosedUnmerged());
    assertThat(ok(host.state(third.number()))).isEqualTo(new PullRequestState.Merged(merge));
    world.advanceStaging("b.sql");
    assertThat(open().number().value()).isEqualTo(4);
  }

  /** A record commit as the host wrote them before the archive: a {@code pull} file in format 1. */
  private String oldRecord(long number, String state, Option<CommitId> merge, CommitId openedAt) {
    String text = "platinur-pull 1\nnumber\t" + number + "\nhead\tstaging\nbase\tmain\nstate\t" + state + "\n"
        + merge.map(m -> "merge\t" + m.hex() + "\n").getOrElse("")
        + "opened-at\t" + openedAt.hex() + "\ntitle\tPromote " + number + "\nbody\t\n";
    String blob = cli.runWithInput(text, "hash-object", "-w", "--stdin").strip();
    String tree = cli.runWithInput("100644 blob " + blob + "\tpull\n", "mktree").strip();
    return cli.run("commit-tree", tree, "-m", "Pull request " + number + ": " + state).strip();
  }

  @Test
  void merges_with_a_real_three_way_merge_when_production_moved_on() {
    CommitId head = world.advanceStaging("a.sql");
    PromotionPullRequest pr = open();
    // a hotfix lands on production meanwhile, touching another file
    String prod = cli.revParse("main");
    String blob = cli.runWithInput("hotfix\n", "hash-object", "-w", "--stdin").strip();
    String readme = cli.run("rev-parse", "main:README.md").strip();
    String tree = cli.runWithInput("100644 blob " + readme + "\tREADME.md\n100644 blob " + blob + "\thotfix.txt\n", "mktree").strip();
    String hotfix = cli.run("commit-tree", tree, "-p", prod, "-m", "Hotfix").strip();
    cli.run("update-ref", "refs/heads/main", hotfix, prod);

    CommitId merge = ok(host.merge(pr.number(), head));

    assertThat(cli.run("ls-tree", "-r", "--name-only", merge.hex()).lines().toList())
        .containsExactly("README.md", "a.sql", "hotfix.txt");
    assertThat(cli.run("log", "-1", "--format=%P", "main").strip()).isEqualTo(hotfix + " " + head.hex());
  }

  @Test
  void an_open_pr_is_named_by_one_ref_for_its_branches_until_it_is_merged_or_closed() {
    world.advanceStaging("a.sql");
    PromotionPullRequest first = open();
    String openRef = "refs/platinur/open-pulls/staging/main";
    assertThat(cli.run("for-each-ref", "--format=%(refname)", "refs/platinur/open-pulls/").strip()).isEqualTo(openRef);
    ok(host.close(first.number()));
    assertThat(cli.run("for-each-ref", "refs/platinur/open-pulls/")).isEmpty();

    PromotionPullRequest second = open();
    assertThat(second.number().value()).isEqualTo(first.number().value() + 1);
    assertThat(cli.run("for-each-ref", "--format=%(refname)", "refs/platinur/open-pulls/").strip()).isEqualTo(openRef);
    ok(host.merge(second.number(), world.advanceStaging("b.sql")));
    assertThat(cli.run("for-each-ref", "refs/platinur/open-pulls/")).isEmpty();
    assertThat(ok(host.findOpenPromotionPr(Fixtures.STAGING, Fixtures.MAIN))).isEmpty();
  }

  @Test
  void finding_the_open_pr_reads_no_other_pull_request() {
    world.advanceStaging("a.sql");
    PromotionPullRequest pr = open();
    // a damaged record under another number: a search that read every pull request would stumble on it
    String blob = cli.runWithInput("not a pull request\n", "hash-object", "-w", "--stdin").strip();
    String tree = cli.runWithInput("100644 blob " + blob + "\tpull\n", "mktree").strip();
    cli.run("update-ref", "refs/platinur/pulls/999", cli.run("commit-tree", tree, "-m", "junk").strip());

    assertThat(ok(host.findOpenPromotionPr(Fixtures.STAGING, Fixtures.MAIN)).map(PromotionPullRequest::number)).contains(pr.number());
    cli.run("update-ref", "-d", "refs/platinur/pulls/999");
  }

  @Test
  void a_pr_opened_before_the_open_pulls_refs_existed_is_still_found() {
    world.advanceStaging("a.sql");
    PromotionPullRequest pr = open();
    cli.run("update-ref", "-d", "refs/platinur/open-pulls/staging/main");
    cli.run("update-ref", "-d", "refs/platinur/pulls-last");

    assertThat(ok(host.findOpenPromotionPr(Fixtures.STAGING, Fixtures.MAIN)).map(PromotionPullRequest::number)).contains(pr.number());
    assertThat(ok(host.openPromotionPr(Fixtures.STAGING, Fixtures.MAIN, "Again", "")).number()).isEqualTo(pr.number());
    ok(host.close(pr.number()));
    world.advanceStaging("b.sql");
    assertThat(open().number().value()).isEqualTo(pr.number().value() + 1);
  }

  @Test
  void a_pr_with_nothing_to_promote_is_refused() {
    PortFailure failure = failed(host.openPromotionPr(Fixtures.STAGING, Fixtures.MAIN, "Empty", ""));
    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.REJECTED);
    assertThat(cli.run("for-each-ref", "refs/platinur/pulls/")).isEmpty();
  }

  @Test
  void a_pr_between_a_branch_and_itself_or_a_missing_branch_is_refused() {
    assertThat(failed(host.openPromotionPr(Fixtures.MAIN, Fixtures.MAIN, "Self", "")).kind()).isEqualTo(PortFailure.Kind.INVALID_REQUEST);
    assertThat(failed(host.openPromotionPr(BranchName.of("nope"), Fixtures.MAIN, "Missing", "")).kind()).isEqualTo(PortFailure.Kind.NOT_FOUND);
  }
}
