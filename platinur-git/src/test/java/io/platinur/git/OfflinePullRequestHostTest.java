package io.platinur.git;

import static io.platinur.git.Fixtures.AUTHOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.lock.PromotionPullRequest;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.platinur.testkit.contract.PullRequestHostContract;
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
        return git.offlinePullRequests();
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
    assertThat(cli.run("for-each-ref", "--format=%(refname)", "refs/platinur/pulls/").strip())
        .isEqualTo("refs/platinur/pulls/" + pr.number().value());
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
