package io.platinur.testkit.memory;

import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.Review;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.BranchName;
import io.platinur.port.DigestDeployments;
import io.platinur.port.PullRequestReviews;
import io.platinur.testkit.contract.DigestDeploymentsContract;
import io.platinur.testkit.contract.PullRequestReviewsContract;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Nested;

/** The reviews and deployment statuses contracts on {@link InMemoryGitOps}. */
class InMemoryGitOpsEvidenceTest {
  private static final BranchName MAIN = BranchName.of("main");
  private static final ServiceName API = ServiceName.of("api");
  private static final List<EnvironmentName> ENVIRONMENTS = List.of("dev", "staging", "prod", "qa").map(EnvironmentName::of);
  private static final ImageDigest PINNED = ImageDigest.of("sha256:" + "0f".repeat(32));
  private static final ImageDigest NEXT = ImageDigest.of("sha256:" + "1e".repeat(32));

  static InMemoryGitOps gitops() {
    Pins pins = Pins.none();
    for (EnvironmentName env : ENVIRONMENTS) {
      pins = pins.with(env, API, PINNED);
    }
    return new InMemoryGitOps(MAIN, PinLayout.standard(), pins, () -> Instant.parse("2026-11-24T10:00:00Z"));
  }

  @Nested
  class Reviews extends PullRequestReviewsContract {
    @Override
    protected World newWorld() {
      InMemoryGitOps gitops = gitops();
      return new World() {
        private int opened;

        @Override
        public PullRequestReviews reviews() {
          return gitops;
        }

        @Override
        public PullRequestNumber openedBy(String author) {
          // each PR from its own promotion branch
          EnvironmentName env = ENVIRONMENTS.get(opened++);
          BranchName branch = gitops.writePromotion(new Promotion(new PromotionTarget(API, env), env, NEXT, Option.some(PINNED)), gitops.head(MAIN)).get();
          gitops.prAuthor(author);
          return gitops.openPromotionPr(branch, MAIN, "Promote", "").get().number();
        }

        @Override
        public void reviewed(PullRequestNumber pr, Review review) {
          gitops.review(pr, review);
        }
      };
    }
  }

  @Nested
  class Deployments extends DigestDeploymentsContract {
    @Override
    protected World newWorld() {
      InMemoryGitOps gitops = gitops();
      return new World() {
        @Override
        public DigestDeployments deployments() {
          return gitops;
        }

        @Override
        public void deployed(EnvironmentName environment, ServiceName service, ImageDigest digest, Seq<Tuple2<DeploymentState, Instant>> statuses) {
          statuses.forEach(status -> gitops.deploy(environment, service, digest, status._1, status._2));
        }
      };
    }
  }
}
