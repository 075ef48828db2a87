package io.platinur.gitlab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platinur.domain.digest.DigestDeployment;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.Review;
import io.platinur.domain.forge.WebhookDelivery;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.gate.GateReport.Verdict;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.ContinuousIntegration;
import io.platinur.port.Deployments;
import io.platinur.port.DigestDeployments;
import io.platinur.port.GatePublisher;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PullRequestHost;
import io.platinur.port.PullRequestReviews;
import io.platinur.port.WebhookReceiver;
import io.platinur.testkit.contract.ContinuousIntegrationContract;
import io.platinur.testkit.contract.DeploymentsContract;
import io.platinur.testkit.contract.DigestDeploymentsContract;
import io.platinur.testkit.contract.GatePublisherContract;
import io.platinur.testkit.contract.OpenPullRequestsContract;
import io.platinur.testkit.contract.PullRequestHostFaultsContract;
import io.platinur.testkit.contract.PullRequestReviewsContract;
import io.platinur.testkit.contract.WebhookReceiverContract;
import io.platinur.testkit.forge.ForgeFault;
import io.vavr.Tuple2;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/**
 * The forge conformance kit, run against the GitLab adapter talking to the testkit's fake GitLab:
 * every forge port's contract, with faults.
 */
class GitLabConformanceTest {

  /** A world on a fresh fake GitLab, closed after each test. */
  abstract static class OnFakeGitLab implements AutoCloseable {
    final FakeGitLabSetup setup = new FakeGitLabSetup();
    final GitLabPlatform platform = setup.platform();

    CommitId commit(String fileName) {
      return CommitId.of(setup.repository.commit(FakeGitLabSetup.STAGING, fileName, fileName + "\n"));
    }

    public void close() {
      setup.close();
    }
  }

  @Nested
  class merge_requests_with_faults extends PullRequestHostFaultsContract {
    @Override
    protected FaultyWorld newWorld() {
      class World extends OnFakeGitLab implements FaultyWorld {
        @Override
        public PullRequestHost host() {
          return platform.pullRequests();
        }

        @Override
        public BranchName staging() {
          return BranchName.of(FakeGitLabSetup.STAGING);
        }

        @Override
        public BranchName production() {
          return BranchName.of(FakeGitLabSetup.MAIN);
        }

        @Override
        public CommitId advanceStaging(String fileName) {
          return commit(fileName);
        }

        @Override
        public CommitId productionHead() {
          return CommitId.of(setup.repository.head(FakeGitLabSetup.MAIN).orElseThrow());
        }

        @Override
        public boolean productionContains(CommitId commit) {
          return setup.repository.contains(FakeGitLabSetup.MAIN, commit.hex());
        }

        @Override
        public void fault(Write write, ForgeFault.Kind kind) {
          String method = write == Write.OPEN ? "POST" : "PUT";
          String path = path(write);
          setup.gitlab.fail(switch (kind) {
            case SERVER_ERROR_BEFORE -> ForgeFault.serverErrorBefore(method, path, 502);
            case SERVER_ERROR_AFTER -> ForgeFault.serverErrorAfter(method, path, 502);
            case RESET_BEFORE -> ForgeFault.resetBefore(method, path);
            case RESET_AFTER -> ForgeFault.resetAfter(method, path);
            case RATE_LIMITED -> ForgeFault.rateLimited(method, path, 1);
          });
        }

        private String path(Write write) {
          return switch (write) {
            case OPEN -> "/merge_requests$";
            case MERGE -> "/merge_requests/\\d+/merge$";
            case CLOSE -> "/merge_requests/\\d+$";
          };
        }

        @Override
        public void rateLimitNextRead(int seconds) {
          setup.gitlab.fail(ForgeFault.rateLimited("GET", "/merge_requests/\\d+$", seconds));
        }

        @Override
        public long sent(Write write) {
          return setup.gitlab.count(write == Write.OPEN ? "POST" : "PUT", path(write).replace("$", "(\\?|$)"));
        }

        @Override
        public int openPromotionPrs() {
          return setup.gitlab.openMergeRequests(FakeGitLabSetup.STAGING, FakeGitLabSetup.MAIN);
        }

        @Override
        public void staleListsAfterWrite(int reads) {
          setup.gitlab.staleListsAfterWrite(reads);
        }

        @Override
        public void pageSize(int size) {
          setup.gitlab.pageSize(size);
        }

        @Override
        public void openOther(String branch) {
          setup.repository.createBranch(branch, FakeGitLabSetup.MAIN);
          setup.repository.commit(branch, branch + ".sql", "select 1\n");
          setup.gitlab.openInWebInterface(branch, FakeGitLabSetup.MAIN, "Change " + branch, "ada");
        }

        @Override
        public void pushToStagingBeforeNextMerge(String fileName) {
          setup.gitlab.beforeNextMerge(() -> setup.repository.commit(FakeGitLabSetup.STAGING, fileName, "late\n"));
        }

        @Override
        public List<Duration> waits() {
          return setup.waits;
        }
      }
      return new World();
    }
  }

  @Nested
  class open_merge_requests extends OpenPullRequestsContract {
    @Override
    protected World newWorld() {
      class OnGitLab extends OnFakeGitLab implements World {
        @Override
        public OpenPullRequests openPullRequests() {
          return platform.openPullRequests();
        }

        @Override
        public PullRequestHost host() {
          return platform.pullRequests();
        }

        @Override
        public BranchName production() {
          return BranchName.of(FakeGitLabSetup.MAIN);
        }

        @Override
        public CommitId branch(String name) {
          setup.repository.createBranch(name, FakeGitLabSetup.MAIN);
          return CommitId.of(setup.repository.commit(name, name + ".sql", "select 1\n"));
        }

        @Override
        public void pageSize(int size) {
          setup.gitlab.pageSize(size);
        }
      }
      return new OnGitLab();
    }
  }

  @Nested
  class approvals extends PullRequestReviewsContract {
    @Override
    protected World newWorld() {
      class OnGitLab extends OnFakeGitLab implements World {
        int branches;

        OnGitLab() {
          setup.gitlab.at(Instant.parse("2026-11-24T08:00:00Z"));
        }

        @Override
        public PullRequestReviews reviews() {
          return platform.reviews();
        }

        @Override
        public PullRequestNumber openedBy(String author) {
          String branch = "feature-" + (++branches);
          setup.repository.createBranch(branch, FakeGitLabSetup.MAIN);
          setup.repository.commit(branch, branch + ".sql", "select 1\n");
          return PullRequestNumber.of(setup.gitlab.openInWebInterface(branch, FakeGitLabSetup.MAIN, "Change " + branch, author));
        }

        @Override
        public void reviewed(PullRequestNumber pr, Review review) {
          // a push made GitLab record the reviewed head as a diff version just before the review
          setup.gitlab.newVersion(pr.value(), review.commit().hex(), review.submittedAt().minusSeconds(1));
          long iid = pr.value();
          switch (review.state()) {
            case APPROVED -> setup.gitlab.approve(iid, review.reviewer(), review.submittedAt());
            case DISMISSED -> setup.gitlab.unapprove(iid, review.reviewer(), review.submittedAt());
            case CHANGES_REQUESTED -> setup.gitlab.requestChanges(iid, review.reviewer(), review.submittedAt());
            case COMMENTED -> setup.gitlab.comment(iid, review.reviewer(), "Looks fine to me.", review.submittedAt());
          }
        }

        @Override
        public void startedReview(PullRequestNumber pr, String login, CommitId commit) {
          setup.gitlab.draftNote(pr.value(), login);
        }
      }
      return new OnGitLab();
    }
  }

  @Nested
  class continuous_integration extends ContinuousIntegrationContract {
    @Override
    protected World newWorld() {
      class OnGitLab extends OnFakeGitLab implements World {
        @Override
        public ContinuousIntegration ci() {
          return platform.ci();
        }

        @Override
        public CommitId commit(String fileName) {
          return super.commit(fileName);
        }

        @Override
        public void report(CommitId commit, String name, Outcome outcome) {
          setup.gitlab.job(commit.hex(), name, switch (outcome) {
            case SUCCEEDED -> "success";
            case RUNNING -> "running";
            case FAILED -> "failed";
          }, false);
        }

        @Override
        public void gateStatusFailed(CommitId commit) {
          setup.gitlab.job(commit.hex(), GitLabGatePublisher.NAME, "failed", false);
        }
      }
      return new OnGitLab();
    }
  }

  @Nested
  class deployments extends DeploymentsContract {
    @Override
    protected World newWorld() {
      class OnGitLab extends OnFakeGitLab implements World {
        Instant at = Instant.parse("2026-11-24T09:00:00Z");

        @Override
        public Deployments deployments() {
          return platform.deployments();
        }

        @Override
        public CommitId commit(String fileName) {
          return super.commit(fileName);
        }

        @Override
        public void deployed(String environment, CommitId commit, DeploymentState state) {
          at = at.plusSeconds(60);
          setup.gitlab.deployment(environment, commit.hex(), switch (state) {
            case SUCCESS -> "success";
            case FAILURE -> "failed";
            case IN_PROGRESS -> "running";
            default -> "created";
          }, at);
        }
      }
      return new OnGitLab();
    }
  }

  @Nested
  class digest_deployments extends DigestDeploymentsContract {
    @Override
    protected World newWorld() {
      class OnGitLab extends OnFakeGitLab implements World {
        @Override
        public DigestDeployments deployments() {
          return platform.digestDeployments();
        }

        @Override
        public boolean keepsStatusHistory() {
          return false;
        }

        @Override
        public void deployed(EnvironmentName environment, ServiceName service, ImageDigest digest,
            Seq<Tuple2<DeploymentState, Instant>> statuses) {
          // the GitOps commit the deployment deployed pins the digest in the service's values file
          String main = setup.repository.head(FakeGitLabSetup.MAIN).orElseThrow();
          String commit = setup.repository.detachedCommit(main, PinLayout.standard().pinPath(environment, service).value(),
              "replicas: 2\nimage:\n  repository: registry.example.com/" + service + "\n  digest: " + digest + "\n");
          long id = setup.gitlab.deployment(environment.value(), commit, status(statuses.head()._1), statuses.head()._2);
          statuses.tail().forEach(next -> setup.gitlab.deploymentStatus(id, status(next._1), next._2));
        }

        @Override
        public void someoneElsesDeployment(EnvironmentName environment, Instant at) {
          String main = setup.repository.head(FakeGitLabSetup.MAIN).orElseThrow();
          setup.gitlab.deployment(environment.value(), setup.repository.detachedCommit(main, "docs/notes.md", "notes\n"), "success", at);
        }

        private String status(DeploymentState state) {
          return switch (state) {
            case SUCCESS -> "success";
            case FAILURE -> "failed";
            case ERROR -> "canceled";
            case IN_PROGRESS -> "running";
            case QUEUED -> "blocked";
            case INACTIVE -> "skipped";
            default -> "created";
          };
        }
      }
      return new OnGitLab();
    }
  }

  @Nested
  class gate_publishing extends GatePublisherContract {
    @Override
    protected World newWorld() {
      class OnGitLab extends OnFakeGitLab implements World {
        @Override
        public GatePublisher publisher() {
          return platform.gatePublisher();
        }

        @Override
        public CommitId commit(String fileName) {
          return super.commit(fileName);
        }

        @Override
        public Option<Verdict> shown(CommitId commit) {
          return Option.ofOptional(setup.gitlab.status(commit.hex(), GitLabGatePublisher.NAME))
              .map(text -> text.startsWith("success") ? Verdict.MET : text.startsWith("failed") ? Verdict.FAILED : Verdict.AWAITED);
        }

        @Override
        public long writes() {
          return setup.gitlab.count("POST", "/statuses/");
        }
      }
      return new OnGitLab();
    }
  }

  @Nested
  class webhooks extends WebhookReceiverContract {
    static final String SECRET = "gitlab-webhook-secret-0123";

    @Override
    protected World newWorld() {
      WebhookReceiver receiver = GitLabWebhooks.withSecretToken(SECRET)
          .forPromotionPrs(BranchName.of("staging"), BranchName.of("main"));
      return new World() {
        @Override
        public WebhookReceiver receiver() {
          return receiver;
        }

        private WebhookDelivery delivery(String event, ObjectNode body, String id) {
          return WebhookDelivery.of(Map.of("X-Gitlab-Event", event, "X-Gitlab-Token", SECRET, "X-Gitlab-Event-UUID", "uuid-" + id,
              "Idempotency-Key", id), GitLabHookExamples.text(body).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public WebhookDelivery merged(PullRequestNumber number, CommitId merge, String id) {
          return delivery("Merge Request Hook", GitLabHookExamples.mergeRequest(number.value(), "merge", "staging", "main", 14, 14, merge), id);
        }

        @Override
        public WebhookDelivery closed(PullRequestNumber number, String id) {
          return delivery("Merge Request Hook", GitLabHookExamples.mergeRequest(number.value(), "close", "staging", "main", 14, 14, null), id);
        }

        @Override
        public WebhookDelivery newHead(PullRequestNumber number, CommitId head, String id) {
          ObjectNode body = GitLabHookExamples.mergeRequest(number.value(), "update", "staging", "main", 14, 14, null);
          ((ObjectNode) body.get("object_attributes")).put("oldrev", "0000000000000000000000000000000000000001");
          ((ObjectNode) body.get("object_attributes").get("last_commit")).put("id", head.hex());
          return delivery("Merge Request Hook", body, id);
        }

        @Override
        public WebhookDelivery forkMerged(PullRequestNumber number, CommitId merge, String id) {
          return delivery("Merge Request Hook", GitLabHookExamples.mergeRequest(number.value(), "merge", "staging", "main", 99, 14, merge), id);
        }

        @Override
        public WebhookDelivery otherBranchMerged(PullRequestNumber number, CommitId merge, String id) {
          return delivery("Merge Request Hook", GitLabHookExamples.mergeRequest(number.value(), "merge", "feature", "main", 14, 14, merge), id);
        }

        @Override
        public WebhookDelivery ciFinished(CommitId commit, String id) {
          return delivery("Pipeline Hook", GitLabHookExamples.pipeline(commit, "success", "main"), id);
        }

        @Override
        public WebhookDelivery deploymentSucceeded(String environment, CommitId commit, String id) {
          return delivery("Deployment Hook", GitLabHookExamples.deployment(environment, commit, "success"), id);
        }

        @Override
        public WebhookDelivery withoutProof(WebhookDelivery delivery) {
          return WebhookDelivery.of(Map.of("X-Gitlab-Event", delivery.header("X-Gitlab-Event").get(),
              "Idempotency-Key", delivery.header("Idempotency-Key").get()), delivery.body());
        }

        @Override
        public WebhookDelivery withWrongProof(WebhookDelivery delivery) {
          return WebhookDelivery.of(Map.of("X-Gitlab-Event", delivery.header("X-Gitlab-Event").get(), "X-Gitlab-Token", "another-secret",
              "Idempotency-Key", delivery.header("Idempotency-Key").get()), delivery.body());
        }
      };
    }
  }

}
