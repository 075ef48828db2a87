package io.platinur.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PullRequestHost;
import io.platinur.testkit.contract.PullRequestHostContract;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/** The pull-request port contract, run against the GitHub adapter talking to a stateful fake GitHub. */
class GitHubPullRequestHostContractTest extends PullRequestHostContract {
  private static final StatefulFakeGitHub FAKE = new StatefulFakeGitHub();
  private static WireMockServer server;

  private static synchronized WireMockServer server() {
    if (server == null) {
      server = new WireMockServer(wireMockConfig().dynamicPort().extensions(FAKE));
      server.start();
      server.stubFor(any(anyUrl()).willReturn(aResponse()));
    }
    return server;
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  @Override
  protected World newWorld() {
    WireMockServer running = server();
    BranchName staging = BranchName.of("staging");
    BranchName production = BranchName.of("main");
    FAKE.reset(running.baseUrl(), staging.name(), production.name());
    GitHubSettings settings = GitHubSettings.builder()
        .apiEndpoint(URI.create(running.baseUrl()))
        .repository(GitHubExamples.OWNER, GitHubExamples.REPO)
        .credentials(GitHubCredentials.token("ghp_contract"))
        .requestTimeout(Duration.ofSeconds(5))
        .retryBudget(RetryBudget.FAIL_FAST)
        .build();
    PullRequestHost github = new GitHubPlatform(settings, d -> {}, Clock.systemUTC()).pullRequests();
    return new World() {
      @Override
      public PullRequestHost host() {
        return github;
      }

      @Override
      public BranchName staging() {
        return staging;
      }

      @Override
      public BranchName production() {
        return production;
      }

      @Override
      public CommitId advanceStaging(String fileName) {
        return CommitId.of(FAKE.advance(staging.name(), fileName));
      }

      @Override
      public CommitId productionHead() {
        return CommitId.of(FAKE.head(production.name()));
      }

      @Override
      public boolean productionContains(CommitId commit) {
        return FAKE.contains(production.name(), commit.hex());
      }
    };
  }
}
