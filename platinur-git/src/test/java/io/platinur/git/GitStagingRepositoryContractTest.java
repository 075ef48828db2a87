package io.platinur.git;

import io.platinur.domain.repository.CommitId;
import io.platinur.port.StagingRepository;
import io.platinur.testkit.contract.StagingRepositoryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The Git adapter keeps the staging-repository contract the in-memory forge keeps, checked with git itself. */
class GitStagingRepositoryContractTest extends StagingRepositoryContract {
  @TempDir Path dir;

  @Override
  protected World newWorld() {
    GitStaging git = Fixtures.init(dir);
    GitCli cli = new GitCli(dir.resolve("lane.git"));
    return new World() {
      @Override
      public StagingRepository repository() {
        return git.staging();
      }

      @Override
      public CommitId advanceProduction(String path) {
        String blob = cli.runWithInput("-- " + path + "\n", "hash-object", "-w", "--stdin").strip();
        String tree = cli.runWithInput("100644 blob " + blob + "\t" + path + "\n", "mktree").strip();
        String main = cli.revParse("main");
        String commit = cli.run("commit-tree", tree, "-p", main, "-m", "Hot fix " + path).strip();
        cli.run("update-ref", "refs/heads/main", commit, main);
        return CommitId.of(commit);
      }

      @Override
      public void close() {
        cli.assertFsckClean();
        git.close();
      }
    };
  }
}
