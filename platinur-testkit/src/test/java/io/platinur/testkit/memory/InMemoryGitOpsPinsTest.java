package io.platinur.testkit.memory;

import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinFileProblem;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PinBranches;
import io.platinur.port.PinnedDigests;
import io.platinur.testkit.contract.PinnedDigestsContract;
import io.vavr.control.Option;
import java.time.Instant;

/** The pins contract on {@link InMemoryGitOps}, which keeps pins, not bytes. */
class InMemoryGitOpsPinsTest extends PinnedDigestsContract {
  private static final BranchName MAIN = BranchName.of("main");

  @Override
  protected World newWorld() {
    return world();
  }

  /** A fresh in-memory GitOps repository holding {@link #INITIAL}, as both pin contracts see it. */
  static World world() {
    InMemoryGitOps gitops = new InMemoryGitOps(MAIN, LAYOUT, INITIAL, () -> Instant.parse("2026-12-01T10:00:00Z"));
    return new World() {
      private int touches;

      @Override
      public PinnedDigests pins() {
        return gitops;
      }

      @Override
      public PinBranches branches() {
        return gitops;
      }

      @Override
      public CommitId head() {
        return gitops.head(MAIN);
      }

      @Override
      public Option<CommitId> branchHead(BranchName branch) {
        return gitops.headOf(branch);
      }

      @Override
      public CommitId parentOf(CommitId commit) {
        return gitops.parentOf(commit).get();
      }

      @Override
      public CommitId pin(EnvironmentName environment, ServiceName service, ImageDigest digest) {
        return gitops.pinDirectly(environment, service, digest);
      }

      @Override
      public CommitId unreadable(EnvironmentName environment, ServiceName service, Unreadable kind) {
        RepoPath file = LAYOUT.pinPath(environment, service);
        PinFileProblem problem = switch (kind) {
          case KEY_MISSING -> new PinFileProblem.KeyMissing(file, LAYOUT.key());
          case KEY_IS_A_MAPPING -> new PinFileProblem.NotAScalar(file, LAYOUT.key(), "a mapping");
          case KEY_IS_A_LIST -> new PinFileProblem.NotAScalar(file, LAYOUT.key(), "a list");
          case NOT_YAML -> new PinFileProblem.Unparseable(file, 3, 1, "while parsing a flow sequence, expected ',' or ']'");
          case TWO_DOCUMENTS -> new PinFileProblem.SeveralDocuments(file, 2);
        };
        return gitops.unreadable(environment, service, problem);
      }

      @Override
      public CommitId addFile(BranchName branch, String path, String content) {
        return gitops.addFile(branch, path, content);
      }

      @Override
      public CommitId touchValuesFile(BranchName branch, EnvironmentName environment, ServiceName service) {
        return gitops.addFile(branch, LAYOUT.pinPath(environment, service).value(), "# touched " + ++touches);
      }

      @Override
      public CommitId merge(BranchName branch) {
        PromotionPullRequest pr = gitops.openPromotionPr(branch, MAIN, "Merge " + branch, "").get();
        gitops.merge(pr.number(), gitops.head(branch)).get();
        return gitops.head(MAIN);
      }

      @Override
      public Option<byte[]> bytes(CommitId commit, RepoPath file) {
        return Option.none();
      }
    };
  }
}
