package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.OpenPullRequests;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline pull requests listed for previews, checked against what the git command line says. */
class OfflineOpenPullRequestsTest {
  @TempDir Path dir;

  @Test
  void lists_open_pull_requests_at_their_head_branch_tips_and_drops_closed_ones() {
    try (GitStaging git = Fixtures.init(dir)) {
      GitCli cli = new GitCli(dir.resolve("lane.git"));
      for (String branch : new String[] {"feature-a", "feature-b"}) {
        String commit = cli.runWithInput("Work on " + branch + "\n", "commit-tree", "main^{tree}", "-p", "main").strip();
        cli.run("update-ref", "refs/heads/" + branch, commit);
      }
      PromotionPullRequest a = git.offlinePullRequests().openPromotionPr(BranchName.of("feature-a"), Fixtures.MAIN, "A", "").get();
      PromotionPullRequest b = git.offlinePullRequests().openPromotionPr(BranchName.of("feature-b"), Fixtures.MAIN, "B", "").get();
      OpenPullRequests open = git.offlineOpenPullRequests();

      assertThat(open.listOpen().get().map(OpenPullRequest::number)).containsExactly(a.number(), b.number());
      OpenPullRequest first = open.listOpen().get().head();
      assertThat(first.headCommit()).isEqualTo(CommitId.of(cli.revParse("refs/heads/feature-a")));
      assertThat(first.base()).isEqualTo(Fixtures.MAIN);
      assertThat(first.labels()).isEmpty();
      assertThat(first.updatedAt()).isAfter(Instant.parse("2026-01-01T00:00:00Z"));

      git.offlinePullRequests().close(a.number()).get();
      assertThat(open.listOpen().get().map(OpenPullRequest::number)).containsExactly(b.number());
    }
  }
}
