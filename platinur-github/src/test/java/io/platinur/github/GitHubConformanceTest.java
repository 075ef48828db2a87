package io.platinur.github;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.WebhookDelivery;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.gate.GateReport.Verdict;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.ContinuousIntegration;
import io.platinur.port.Deployments;
import io.platinur.port.GatePublisher;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PullRequestHost;
import io.platinur.port.WebhookReceiver;
import io.platinur.testkit.contract.ContinuousIntegrationContract;
import io.platinur.testkit.contract.DeploymentsContract;
import io.platinur.testkit.contract.GatePublisherContract;
import io.platinur.testkit.contract.OpenPullRequestsContract;
import io.platinur.testkit.contract.PullRequestHostFaultsContract;
import io.platinur.testkit.contract.WebhookReceiverContract;
import io.platinur.testkit.forge.ForgeFault;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/**
 * The forge conformance kit, run against the GitHub adapter talking to the testkit's fake GitHub
 * (the reviews and digest deployments contracts run in {@link GitHubDigestEvidenceContractTest}).
 */
class GitHubConformanceTest {

  /** A world on a fresh fake GitHub, closed after each test. */
  abstract static class OnFakeGitHub implements AutoCloseable {
    final FakeGitHubSetup setup = new FakeGitHubSetup();
    final GitHubPlatform platform = setup.platform();

    CommitId commit(String fileName) {
      return CommitId.of(setup.repository.commit(FakeGitHubSetup.STAGING, fileName, fileName + "\n"));
    }

    public void close() {
      setup.close();
    }
  }

  @Nested
  class pull_requests_with_faults extends PullRequestHostFaultsContract {
    @Override
    protected FaultyWorld newWorld() {
      class World extends OnFakeGitHub implements FaultyWorld {
        @Override
        public PullRequestHost host() {
          return platform.pullRequests();
        }

        @Override
        public BranchName staging() {
          return BranchName.of(FakeGitHubSetup.STAGING);
        }

        @Override
        public BranchName production() {
          return BranchName.of(FakeGitHubSetup.MAIN);
        }

        @Override
        public CommitId advanceStaging(String fileName) {
          return commit(fileName);
        }

        @Override
        public CommitId productionHead() {
          return CommitId.of(setup.repository.head(FakeGitHubSetup.MAIN).orElseThrow());
        }

        @Override
        public boolean productionContains(CommitId commit) {
          return setup.repository.contains(FakeGitHubSetup.MAIN, commit.hex());
        }

        private String method(Write write) {
          return switch (write) {
            case OPEN -> "POST";
            case MERGE -> "PUT";
            case CLOSE -> "PATCH";
          };
        }

        private String path(Write write) {
          return switch (write) {
            case OPEN -> "/pulls$";
            case MERGE -> "/pulls/\\d+/merge$";
            case CLOSE -> "/pulls/\\d+$";
          };
        }

        @Override
        public void fault(Write write, ForgeFault.Kind kind) {
          String method = method(write);
          String path = path(write);
          setup.github.fail(switch (kind) {
            case SERVER_ERROR_BEFORE -> ForgeFault.serverErrorBefore(method, path, 502);
            case SERVER_ERROR_AFTER -> ForgeFault.serverErrorAfter(method, path, 502);
            case RESET_BEFORE -> ForgeFault.resetBefore(method, path);
            case RESET_AFTER -> ForgeFault.resetAfter(method, path);
            case RATE_LIMITED -> ForgeFault.rateLimited(method, path, 1);
          });
        }

        @Override
        public void rateLimitNextRead(int seconds) {
          setup.github.fail(ForgeFault.rateLimited("GET", "/pulls/\\d+$", seconds));
        }

        @Override
        public long sent(Write write) {
          return setup.github.count(method(write), path(write).replace("$", "(\\?|$)"));
        }

        @Override
        public int openPromotionPrs() {
          return setup.github.openPullRequests(FakeGitHubSetup.STAGING, FakeGitHubSetup.MAIN);
        }

        @Override
        public void staleListsAfterWrite(int reads) {
          setup.github.staleListsAfterWrite(reads);
        }

        @Override
        public void pageSize(int size) {
          setup.github.pageSize(size);
        }

        @Override
        public void openOther(String branch) {
          setup.repository.createBranch(branch, FakeGitHubSetup.MAIN);
          setup.repository.commit(branch, branch + ".sql", "select 1\n");
          setup.github.openInWebInterface(branch, FakeGitHubSetup.MAIN, "Change " + branch);
        }

        @Override
        public void pushToStagingBeforeNextMerge(String fileName) {
          setup.github.beforeNextMerge(() -> setup.repository.commit(FakeGitHubSetup.STAGING, fileName, "late\n"));
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
  class open_pull_requests extends OpenPullRequestsContract {
    @Override
    protected World newWorld() {
      class OnGitHub extends OnFakeGitHub implements World {
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
          return BranchName.of(FakeGitHubSetup.MAIN);
        }

        @Override
        public CommitId branch(String name) {
          setup.repository.createBranch(name, FakeGitHubSetup.MAIN);
          return CommitId.of(setup.repository.commit(name, name + ".sql", "select 1\n"));
        }

        @Override
        public void pageSize(int size) {
          setup.github.pageSize(size);
        }
      }
      return new OnGitHub();
    }
  }

  @Nested
  class continuous_integration extends ContinuousIntegrationContract {
    @Override
    protected World newWorld() {
      class OnGitHub extends OnFakeGitHub implements World {
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
          setup.github.commitStatus(commit.hex(), name, switch (outcome) {
            case SUCCEEDED -> "success";
            case RUNNING -> "pending";
            case FAILED -> "failure";
          });
        }

        @Override
        public void gateStatusFailed(CommitId commit) {
          setup.github.commitStatus(commit.hex(), GitHubGatePublisher.CONTEXT, "failure");
        }
      }
      return new OnGitHub();
    }
  }

  @Nested
  class deployments extends DeploymentsContract {
    @Override
    protected World newWorld() {
      class OnGitHub extends OnFakeGitHub implements World {
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
          setup.github.deployed(commit.hex(), environment, state.name().toLowerCase(java.util.Locale.ROOT));
        }
      }
      return new OnGitHub();
    }
  }

  @Nested
  class gate_publishing extends GatePublisherContract {
    @Override
    protected World newWorld() {
      class OnGitHub extends OnFakeGitHub implements World {
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
          return Option.ofOptional(setup.github.statusesAt(commit.hex()).stream()
                  .filter(s -> GitHubGatePublisher.CONTEXT.equals(s.path("context").asText()))
                  .findFirst())
              .map(s -> switch (s.path("state").asText()) {
                case "success" -> Verdict.MET;
                case "pending" -> Verdict.AWAITED;
                default -> Verdict.FAILED;
              });
        }

        @Override
        public long writes() {
          return setup.github.count("POST", "/statuses/");
        }
      }
      return new OnGitHub();
    }
  }

  @Nested
  class webhooks extends WebhookReceiverContract {
    static final String SECRET = "whsec-platinur-test-0123456789";

    @Override
    protected World newWorld() {
      WebhookReceiver receiver = GitHubWebhooks.withSecret(SECRET)
          .forPromotionPrs(BranchName.of("staging"), BranchName.of("main"));
      return new World() {
        @Override
        public WebhookReceiver receiver() {
          return receiver;
        }

        private WebhookDelivery delivery(String event, ObjectNode body, String id) {
          byte[] bytes = GitHubExamples.text(body).getBytes(StandardCharsets.UTF_8);
          return WebhookDelivery.of(Map.of("X-GitHub-Event", event, "X-Hub-Signature-256", GitHubWebhooksTest.sign(SECRET, bytes),
              "X-GitHub-Delivery", id), bytes);
        }

        private ObjectNode pullRequest(PullRequestNumber number, String head, boolean merged, CommitId merge, boolean fork) {
          ObjectNode body = (ObjectNode) example("pull_request.closed.unmerged");
          body.put("number", number.value());
          ObjectNode pr = (ObjectNode) body.get("pull_request");
          pr.put("number", number.value()).put("merged", merged);
          if (merge != null) {
            pr.put("merge_commit_sha", merge.hex());
          }
          ((ObjectNode) pr.get("head")).put("ref", head);
          ((ObjectNode) pr.get("base")).put("ref", "main");
          if (fork) {
            ((ObjectNode) pr.get("head").get("repo")).put("id", 999999001).put("full_name", "mallory/Hello-World");
          }
          return body;
        }

        private com.fasterxml.jackson.databind.JsonNode example(String name) {
          try {
            return GitHubExamples.JSON.readTree(GitHubExamples.resource("webhooks/" + name + ".json"));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }

        @Override
        public WebhookDelivery merged(PullRequestNumber number, CommitId merge, String id) {
          return delivery("pull_request", pullRequest(number, "staging", true, merge, false), id);
        }

        @Override
        public WebhookDelivery closed(PullRequestNumber number, String id) {
          return delivery("pull_request", pullRequest(number, "staging", false, null, false), id);
        }

        @Override
        public WebhookDelivery newHead(PullRequestNumber number, CommitId head, String id) {
          ObjectNode body = pullRequest(number, "staging", false, null, false);
          body.put("action", "synchronize");
          ((ObjectNode) body.get("pull_request").get("head")).put("sha", head.hex());
          return delivery("pull_request", body, id);
        }

        @Override
        public WebhookDelivery forkMerged(PullRequestNumber number, CommitId merge, String id) {
          return delivery("pull_request", pullRequest(number, "staging", true, merge, true), id);
        }

        @Override
        public WebhookDelivery otherBranchMerged(PullRequestNumber number, CommitId merge, String id) {
          return delivery("pull_request", pullRequest(number, "feature", true, merge, false), id);
        }

        @Override
        public WebhookDelivery ciFinished(CommitId commit, String id) {
          ObjectNode body = (ObjectNode) example("check_suite.completed");
          ((ObjectNode) body.get("check_suite")).put("head_sha", commit.hex());
          return delivery("check_suite", body, id);
        }

        @Override
        public WebhookDelivery deploymentSucceeded(String environment, CommitId commit, String id) {
          ObjectNode body = (ObjectNode) example("deployment_status.created");
          ((ObjectNode) body.get("deployment")).put("environment", environment).put("sha", commit.hex());
          ((ObjectNode) body.get("deployment_status")).put("state", "success").put("environment", environment);
          return delivery("deployment_status", body, id);
        }

        @Override
        public WebhookDelivery withoutProof(WebhookDelivery delivery) {
          return WebhookDelivery.of(Map.of("X-GitHub-Event", delivery.header("X-GitHub-Event").get(),
              "X-GitHub-Delivery", delivery.header("X-GitHub-Delivery").get()), delivery.body());
        }

        @Override
        public WebhookDelivery withWrongProof(WebhookDelivery delivery) {
          return WebhookDelivery.of(Map.of("X-GitHub-Event", delivery.header("X-GitHub-Event").get(),
              "X-Hub-Signature-256", GitHubWebhooksTest.sign("another secret", delivery.body()),
              "X-GitHub-Delivery", delivery.header("X-GitHub-Delivery").get()), delivery.body());
        }
      };
    }
  }
}
