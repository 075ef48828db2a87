package io.platinur.git;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.gate.CiState;
import io.platinur.port.DeliveryHistory;
import io.platinur.port.PullRequestHost;
import io.platinur.port.TimeSource;
import io.platinur.testkit.contract.DeliveryHistoryContract;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;

/** The delivery history contract on a real bare repository: the lane and the GitOps branch share {@code main}. */
class GitDeliveryHistoryContractTest extends DeliveryHistoryContract {
  @TempDir Path dir;

  @Override
  protected World newWorld(TimeSource time) {
    GitStaging git = Fixtures.init(dir);
    Path bare = dir.resolve("lane.git");
    try {
      GitDigestPromotionTest.seedGitOpsLayout(bare, dir.resolve("work"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AtomicReference<CanaryVerdict> verdict = new AtomicReference<>(CanaryVerdict.RUNNING);
    LaneConfiguration.Builder config = LaneConfiguration.builder();
    config.stagingBranch(Fixtures.STAGING).productionBranch(Fixtures.MAIN).addStagingSchemas("analytics_staging").addProductionSchemas("analytics");
    StagingLaneService lane = new StagingLaneService(config.build(), git.staging(), git.laneStateStore(), git.offlineHost().pullRequests(), time);
    DigestPromotionService digests = GitDigestPromotionTest.digests(git.gitOps(Fixtures.MAIN, PinLayout.standard()),
        commit -> Either.right(CiState.GREEN), (target, digest) -> Either.right(verdict.get()), time);
    DeliveryHistory history = git.deliveryHistory(Fixtures.MAIN, PinLayout.standard(), DEV);
    GitCli cli = new GitCli(bare);
    return new World() {
      @Override
      public StagingLaneService lane() {
        return lane;
      }

      @Override
      public PullRequestHost lanePullRequests() {
        return git.offlineHost().pullRequests();
      }

      @Override
      public DigestPromotionService digests() {
        return digests;
      }

      @Override
      public void build(ServiceName service, ImageDigest digest) {
        try {
          Path work = Files.createTempDirectory(dir, "build");
          cli.run("--work-tree=" + work, "checkout", "-q", "main", "--", ".");
          Path file = work.resolve("environments/dev/" + service + "/values.yaml");
          byte[] edited = YamlScalarEditor.write(PinLayout.standard().pinPath(DEV, service), Files.readAllBytes(file),
              PinLayout.standard().key(), digest.value()).get();
          Files.write(file, edited);
          cli.run("--work-tree=" + work, "add", "-A");
          cli.run("--work-tree=" + work, "-c", "user.name=CI", "-c", "user.email=ci@example.com", "commit", "-q", "-m", "Build " + service);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void canary(CanaryVerdict next) {
        verdict.set(next);
      }

      @Override
      public DeliveryHistory history() {
        return history;
      }

      @Override
      public void close() {
        git.close();
      }
    };
  }
}
