package io.platinur.git;

import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PullRequestHost;
import io.platinur.testkit.contract.OpenPullRequestsContract;
import io.platinur.testkit.forge.ForgeRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The open pull requests contract of the forge conformance kit, run against the offline host. */
class OfflineOpenPullRequestsTest extends OpenPullRequestsContract {
  @TempDir Path dir;

  @Override
  protected World newWorld() {
    GitStaging git = Fixtures.init(dir);
    ForgeRepository branches = ForgeRepository.open(dir.resolve("lane.git"));
    return new World() {
      @Override
      public OpenPullRequests openPullRequests() {
        return git.offlineHost().openPullRequests();
      }

      @Override
      public PullRequestHost host() {
        return git.offlineHost().pullRequests();
      }

      @Override
      public BranchName production() {
        return Fixtures.MAIN;
      }

      @Override
      public CommitId branch(String name) {
        branches.createBranch(name, Fixtures.MAIN.name());
        return CommitId.of(branches.commit(name, name + ".sql", "select 1\n"));
      }

      @Override
      public void close() {
        branches.close();
        git.close();
      }
    };
  }
}
