package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A GitOps repository opened with its branch alone: no lane configuration, no staging branch. */
class GitOpsRepositoryTest {
  @TempDir
  Path dir;

  @Nested
  class On_a_repository_with_only_environment_directories {
    @Test
    void opens_with_its_branch_and_reads_the_pins_at_the_standard_layout() {
      GitOpsRepo repo = GitOpsRepo.create(dir);
      assertThat(repo.git.run("for-each-ref", "--format=%(refname)", "refs/heads/")).isEqualTo("refs/heads/main\n");

      try (GitOpsRepository gitops = GitOpsRepository.open(repo.bare, BranchName.of("main")).get()) {
        assertThat(gitops.branch()).isEqualTo(BranchName.of("main"));
        assertThat(gitops.layout()).isEqualTo(PinLayout.standard());
        assertThat(gitops.pins().current().get().pins().pin(EnvironmentName.of("prod"), ServiceName.of("app")))
            .contains(ImageDigest.of("sha256:" + "a".repeat(64)));
        assertThat(gitops.digestPromotionStore().load().get()).isEmpty();
        assertThat(gitops.toString()).contains("main");
      }
      assertThat(repo.git.run("for-each-ref", "--format=%(refname)", "refs/heads/")).isEqualTo("refs/heads/main\n");
    }

    @Test
    void its_offline_host_has_pull_requests_and_digest_deployments_but_no_ci() {
      GitOpsRepo repo = GitOpsRepo.create(dir);

      try (GitOpsRepository gitops = GitOpsRepository.open(repo.bare, BranchName.of("main")).get()) {
        assertThat(gitops.offlineHost().openPullRequests().listOpen().get()).isEmpty();
        assertThat(gitops.offlineHost().digestDeployments().statuses(EnvironmentName.of("prod"), ServiceName.of("app")).get()).isNotEmpty();
        PortFailure noCi = gitops.offlineHost().ci().stateAt(CommitId.of(repo.git.revParse("main"))).getLeft();
        assertThat(noCi.kind()).isEqualTo(PortFailure.Kind.UNAVAILABLE);
        assertThat(noCi.message()).isEqualTo("This forge bundle has no CI: give them with ForgePorts.builder().");
      }
    }

    @Test
    void a_missing_repository_is_not_found() {
      assertThat(GitOpsRepository.open(dir.resolve("missing.git"), BranchName.of("main")).getLeft().kind())
          .isEqualTo(PortFailure.Kind.NOT_FOUND);
    }
  }

  @Nested
  class Beside_a_lane {
    @Test
    void closing_the_gitops_view_leaves_the_lane_open() {
      try (GitStaging staging = Fixtures.init(dir)) {
        GitOpsRepository gitops = staging.gitOps(Fixtures.MAIN, PinLayout.standard());
        gitops.close();

        assertThat(staging.staging().heads().isRight()).isTrue();
        assertThat(gitops.pinBranches()).isSameAs(gitops.pins());
      }
    }
  }
}
