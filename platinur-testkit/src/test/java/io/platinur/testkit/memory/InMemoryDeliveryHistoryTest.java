package io.platinur.testkit.memory;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.digest.StepPolicy;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.repository.BranchName;
import io.platinur.port.DeliveryHistory;
import io.platinur.port.PullRequestHost;
import io.platinur.port.TimeSource;
import io.platinur.port.memory.InMemoryDigestPromotionStore;
import io.platinur.port.memory.InMemoryLaneStateStore;
import io.platinur.testkit.contract.DeliveryHistoryContract;
import io.vavr.control.Option;
import java.time.Duration;

/** The delivery history contract on the in-memory lane, GitOps repository and stores. */
class InMemoryDeliveryHistoryTest extends DeliveryHistoryContract {
  private static final BranchName MAIN = BranchName.of("main");

  @Override
  protected World newWorld(TimeSource time) {
    InMemoryForge forge = new InMemoryForge(STAGING_BRANCH, MAIN);
    InMemoryLaneStateStore laneStore = new InMemoryLaneStateStore(forge);
    LaneConfiguration.Builder config = LaneConfiguration.builder();
    config.stagingBranch(STAGING_BRANCH).productionBranch(MAIN).addStagingSchemas("analytics_staging").addProductionSchemas("analytics");
    StagingLaneService lane = new StagingLaneService(config.build(), forge, laneStore, forge, time);
    ImageDigest old = ImageDigest.of("sha256:" + "c3".repeat(32));
    InMemoryGitOps gitops = new InMemoryGitOps(MAIN, PinLayout.standard(), Pins.none().with(DEV, API, old).with(STAGING, API, old).with(PROD, API, old), time);
    gitops.deploy(DEV, API, old, io.platinur.domain.gate.DeploymentState.SUCCESS, time.now());
    InMemoryDeliveryHistory history = new InMemoryDeliveryHistory(STAGING_BRANCH, laneStore, gitops, DEV, time);
    PromotionPath path = PromotionPath.start(DEV).then(STAGING, StepPolicy.automatic())
        .then(PROD, StepPolicy.builder().canaryTimeout(Option.some(Duration.ofMinutes(30))).build()).buildOrThrow();
    DigestPromotionService digests = DigestPromotionService.builder(gitops, gitops, gitops)
        .path(path).store(history.recording(new InMemoryDigestPromotionStore())).clock(time).build();
    return new World() {
      @Override
      public StagingLaneService lane() {
        return lane;
      }

      @Override
      public PullRequestHost lanePullRequests() {
        return forge;
      }

      @Override
      public DigestPromotionService digests() {
        return digests;
      }

      @Override
      public void build(ServiceName service, ImageDigest digest) {
        gitops.pinDirectly(DEV, service, digest);
      }

      @Override
      public void canary(CanaryVerdict verdict) {
        gitops.canary(new PromotionTarget(API, PROD), verdict);
      }

      @Override
      public DeliveryHistory history() {
        return history;
      }
    };
  }
}
