package io.platinur.application.digest;

import static io.platinur.testkit.model.DigestPromotionRun.AUTHOR;
import static io.platinur.testkit.model.DigestPromotionRun.INITIAL;
import static io.platinur.testkit.model.DigestPromotionRun.MAIN;
import static io.platinur.testkit.model.DigestPromotionRun.PATH;
import static io.platinur.testkit.model.DigestPromotionRun.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.ReviewState;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.port.DigestDeployments;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.PinnedDigests;
import io.platinur.port.PullRequestHost;
import io.platinur.port.memory.InMemoryDigestPromotionStore;
import io.platinur.testkit.memory.InMemoryGitOps;
import io.platinur.testkit.model.DigestGenerators;
import io.platinur.testkit.model.DigestPromotionRun;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Promote by digest over random command sequences, the service on the in-memory adapters against
 * {@link DigestPromotionRun}'s reference model: a digest reaching prod went through every
 * environment in order and is the same digest at each, a rollback restores exactly the previous
 * pin, at most one promotion PR per target is open, and the model agrees after every step.
 */
class DigestPromotionServiceSequencesTest {

  /** The service on {@link InMemoryGitOps} and the in-memory store. */
  static final class InMemoryWorld implements DigestPromotionRun.World {
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final InMemoryGitOps gitops = new InMemoryGitOps(MAIN, PinLayout.standard(), INITIAL, now::get);
    private final InMemoryDigestPromotionStore store = new InMemoryDigestPromotionStore();
    private final DigestPromotionService service = new DigestPromotionService(PATH, PinLayout.standard(), MAIN,
        new DigestPromotionService.Ports(gitops, gitops, gitops, gitops, gitops, gitops, gitops, gitops, store), now::get);

    InMemoryWorld() {
      INITIAL.byEnvironment().forEach((env, services) -> services.forEach((service, digest) ->
          gitops.deploy(env, service, digest, DeploymentState.SUCCESS, T0.minus(Duration.ofDays(1)))));
      gitops.prAuthor(AUTHOR);
    }

    @Override
    public DigestPromotionService service() {
      return service;
    }

    @Override
    public PinnedDigests pins() {
      return gitops;
    }

    @Override
    public PullRequestHost pullRequests() {
      return gitops;
    }

    @Override
    public DigestDeployments deployments() {
      return gitops;
    }

    @Override
    public DigestPromotionStore store() {
      return store;
    }

    @Override
    public void build(ServiceName service, ImageDigest digest) {
      gitops.pinDirectly(DigestPromotionRun.DEV, service, digest);
    }

    @Override
    public void deploymentStatus(EnvironmentName environment, ServiceName service, ImageDigest digest, DeploymentState state) {
      gitops.deploy(environment, service, digest, state, now.get());
    }

    @Override
    public void ci(CiState state) {
      gitops.defaultCi(state);
    }

    @Override
    public void approve(PullRequestNumber pr, String reviewer) {
      gitops.review(pr, reviewer, ReviewState.APPROVED);
    }

    @Override
    public void canary(PromotionTarget target, CanaryVerdict verdict) {
      gitops.canary(target, verdict);
    }

    @Override
    public void advance(Duration by) {
      now.set(now.get().plus(by));
    }
  }

  @Test
  void every_digest_climbs_in_order_and_the_service_agrees_with_the_model() {
    DigestPromotionRun.Coverage coverage = new DigestPromotionRun.Coverage();
    // 500 sequences (about 8 s): fewer left a rare outcome such as completing during a canary unreached now and then
    qt().withExamples(500).withShrinkCycles(100)
        .forAll(DigestGenerators.sequences(30))
        .checkAssert(commands -> {
          try (InMemoryWorld world = new InMemoryWorld()) {
            DigestPromotionRun.run(world, commands, coverage);
          }
        });
    // the sequences went everywhere: to prod and back, through every refusal
    assertThat(coverage.states()).contains("Promoted prod", "Promoted staging", "Canary prod", "RollingBack prod", "RolledBack prod",
        "RolledBack staging", "Withdrawn staging", "PrOpen prod");
    assertThat(coverage.outcomes()).contains(
        "Promote ok", "Promote SkipsAnEnvironment", "Promote NotBuiltOnce", "Promote AlreadyPinned", "Promote NotDeployedHealthy",
        "Promote PromotionInProgress", "Promote IntoFirstEnvironment", "Promote UnknownEnvironment", "PromoteTag NotADigest",
        "Promote IntoItself",
        "Complete ok", "Complete GateBlocked", "Complete CanaryRunning", "Complete AlreadyComplete", "Complete NoPromotion",
        "Gate ok", "Gate InCanary", "Gate NoPromotion",
        "Rollback ok", "Rollback NothingToRollBack", "Rollback PromotionNotMerged", "Rollback RollbackAlreadyOpen", "Sync ok");
    assertThat(coverage.prodArrivals()).isGreaterThan(20);
    assertThat(coverage.rollbacksRestored()).isGreaterThan(20);
  }
}
