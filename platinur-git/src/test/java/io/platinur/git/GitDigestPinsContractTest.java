package io.platinur.git;

import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PinBranches;
import io.platinur.port.PinnedDigests;
import io.platinur.testkit.contract.PinBranchesContract;
import io.platinur.testkit.contract.PinnedDigestsContract;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pins and pin-branches contracts on a bare repository and through a remote (the adapter on a
 * cache of it), their fixtures written with the git command line and the repository checked with
 * {@code git fsck}.
 */
class GitDigestPinsContractTest {

  @Nested
  class On_a_bare_repository extends PinnedDigestsContract {
    @TempDir Path dir;
    private GitOpsWork repo;

    @Override
    protected World newWorld() {
      repo = GitOpsWork.seed(dir, INITIAL);
      return world(repo, GitStaging.open(repo.bare, Fixtures.CONFIG).get());
    }

    @AfterEach
    void the_repository_stays_valid() {
      repo.git.assertFsckClean();
    }
  }

  @Nested
  class Through_a_remote extends PinnedDigestsContract {
    @TempDir Path dir;
    private GitOpsWork repo;

    @Override
    protected World newWorld() {
      repo = GitOpsWork.seed(dir, INITIAL);
      return world(repo, GitStaging.openWithRemote(dir.resolve("cache.git"), GitRemote.of(repo.bare.toUri().toString()), Fixtures.CONFIG).get());
    }

    @AfterEach
    void the_remote_stays_valid() {
      repo.git.assertFsckClean();
    }
  }

  @Nested
  class Branches_on_a_bare_repository extends PinBranchesContract {
    @TempDir Path dir;
    private GitOpsWork repo;

    @Override
    protected World newWorld() {
      repo = GitOpsWork.seed(dir, INITIAL);
      return world(repo, GitStaging.open(repo.bare, Fixtures.CONFIG).get());
    }

    @AfterEach
    void the_repository_stays_valid() {
      repo.git.assertFsckClean();
    }
  }

  @Nested
  class Branches_through_a_remote extends PinBranchesContract {
    @TempDir Path dir;
    private GitOpsWork repo;

    @Override
    protected World newWorld() {
      repo = GitOpsWork.seed(dir, INITIAL);
      return world(repo, GitStaging.openWithRemote(dir.resolve("cache.git"), GitRemote.of(repo.bare.toUri().toString()), Fixtures.CONFIG).get());
    }

    @AfterEach
    void the_remote_stays_valid() {
      repo.git.assertFsckClean();
    }
  }

  static PinnedDigestsContract.World world(GitOpsWork repo, GitStaging staging) {
    PinLayout layout = PinLayout.standard();
    GitStaging.DigestPins pins = staging.digestPins(Fixtures.MAIN, layout);
    return new PinnedDigestsContract.World() {
      @Override
      public PinnedDigests pins() {
        return pins.pinned();
      }

      @Override
      public PinBranches branches() {
        return pins.branches();
      }

      @Override
      public CommitId head() {
        return CommitId.of(repo.git.revParse("main"));
      }

      @Override
      public Option<CommitId> branchHead(BranchName branch) {
        GitCli.Result result = repo.git.tryRun("rev-parse", "--verify", "--quiet", "refs/heads/" + branch);
        return result.exit() == 0 ? Option.some(CommitId.of(result.out().strip())) : Option.none();
      }

      @Override
      public CommitId parentOf(CommitId commit) {
        return CommitId.of(repo.git.revParse(commit.hex() + "^1"));
      }

      @Override
      public CommitId pin(EnvironmentName environment, ServiceName service, ImageDigest digest) {
        return repo.commit("main", Map.of(layout.pinPath(environment, service).value(), GitOpsWork.valuesFile(environment, service, digest)),
            "Pin " + service + " in " + environment);
      }

      @Override
      public CommitId unreadable(EnvironmentName environment, ServiceName service, PinnedDigestsContract.Unreadable kind) {
        String digest = "sha256:" + "b2".repeat(32);
        String text = switch (kind) {
          case KEY_MISSING -> "image:\n  repository: registry.example/" + service + "\n";
          case KEY_IS_A_MAPPING -> "image:\n  digest:\n    value: " + digest + "\n";
          case KEY_IS_A_LIST -> "image:\n  digest: [" + digest + "]\n";
          case NOT_YAML -> "image:\n  digest: [unclosed\n";
          case TWO_DOCUMENTS -> "image:\n  digest: " + digest + "\n---\nimage:\n  digest: " + digest + "\n";
        };
        return repo.commit("main", Map.of(layout.pinPath(environment, service).value(), text), "Break " + service + " in " + environment);
      }

      @Override
      public CommitId addFile(BranchName branch, String path, String content) {
        return repo.commit(branch.name(), Map.of(path, content), "Add " + path);
      }

      @Override
      public CommitId touchValuesFile(BranchName branch, EnvironmentName environment, ServiceName service) {
        String path = layout.pinPath(environment, service).value();
        return repo.commit(branch.name(), Map.of(path, repo.read(branch.name(), path) + "# touched\n"), "Touch " + path);
      }

      @Override
      public CommitId merge(BranchName branch) {
        String tip = repo.git.revParse("refs/heads/" + branch);
        repo.git.run("update-ref", "refs/heads/main", tip, repo.git.revParse("main"));
        return CommitId.of(tip);
      }

      @Override
      public Option<byte[]> bytes(CommitId commit, RepoPath file) {
        return Option.some(repo.git.run("show", commit.hex() + ":" + file.value()).getBytes(StandardCharsets.UTF_8));
      }

      @Override
      public void close() {
        staging.close();
      }
    };
  }

}
