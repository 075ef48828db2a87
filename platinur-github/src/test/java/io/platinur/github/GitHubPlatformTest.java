package io.platinur.github;

import io.platinur.domain.forge.WebhookEvent;
import io.platinur.domain.forge.WebhookRefusal;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.platinur.github.StubbedGitHub.TOKEN;
import static io.platinur.github.StubbedGitHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.CommitId;
import java.net.URI;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitHubPlatformTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String HEAD = "1111111111111111111111111111111111111111";

  // only this module's own classes: resolving github-api and the JDK behind them is slow and not needed
  static final JavaClasses ADAPTER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(location -> location.contains("/platinur-github/"))
      .importPackages("io.platinur.github");

  @Nested
  class when_connecting {

    @Test
    void sends_no_request_at_all_until_a_port_is_used() {
      GitHubPlatform platform = new StubbedGitHub(wm).platform();
      platform.pullRequests();
      platform.ci();
      platform.deployments();
      platform.alerts();

      assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void reads_the_repository_once_and_never_the_user() {
      StubbedGitHub github = new StubbedGitHub(wm);
      github.serveRepository();
      wm.stubFor(get(urlPathEqualTo("/repos/acme/platform/pulls/42")).willReturn(json(200,
          github.examples.pullRequest(42, "staging", "main", HEAD, "open", false, null, "clean"))));
      GitHubPlatform platform = github.platform();

      platform.pullRequests().state(PullRequestNumber.of(42)).get();
      platform.pullRequests().state(PullRequestNumber.of(42)).get();

      wm.verify(1, getRequestedFor(urlEqualTo("/repos/acme/platform")));
      wm.verify(0, getRequestedFor(urlEqualTo("/user")));
      assertThat(wm.findAllUnmatchedRequests()).isEmpty();
    }
  }

  @Nested
  class on_github_enterprise_server {

    @Test
    void sends_every_call_under_the_configured_api_path() {
      StubbedGitHub github = new StubbedGitHub(wm);
      String api = "/api/v3";
      wm.stubFor(get(urlPathEqualTo(api + "/repos/acme/platform")).willReturn(json(200, github.examples.repository())));
      wm.stubFor(get(urlPathEqualTo(api + "/repos/acme/platform/pulls/42")).willReturn(json(200,
          github.examples.pullRequest(42, "staging", "main", HEAD, "open", false, null, "clean"))));
      GitHubPlatform enterprise = github.platform(github.settings().apiEndpoint(URI.create(wm.baseUrl() + api)).build());

      assertThat(enterprise.pullRequests().state(PullRequestNumber.of(42)).get())
          .isEqualTo(new PullRequestState.Open(CommitId.of(HEAD)));
      wm.verify(getRequestedFor(urlEqualTo(api + "/repos/acme/platform/pulls/42"))
          .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
      assertThat(wm.findAllUnmatchedRequests()).isEmpty();
    }
  }

  @Nested
  class its_rate_limit {
    @Test
    void is_what_github_reports_left_of_the_core_limit_and_when_it_resets() {
      try (FakeGitHubSetup setup = new FakeGitHubSetup()) {
        setup.github.rateLimitRemaining(321);

        GitHubRateLimit limit = setup.platform().rateLimit().get();

        assertThat(limit.remaining()).isEqualTo(321);
        assertThat(limit.limit()).isEqualTo(5000);
        assertThat(limit.resetsAt()).isEqualTo(java.time.Instant.parse("2026-11-24T13:00:00Z"));
        assertThat(setup.github.count("GET", "^/rate_limit")).isEqualTo(1);
      }
    }
  }

  @Nested
  class its_public_surface {

    @Test
    void is_the_entry_point_its_settings_and_the_webhook_receiver_only() {
      Set<String> publicTypes = ADAPTER.stream()
          .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
          .map(c -> c.getName().substring("io.platinur.github.".length()))
          .collect(Collectors.toSet());

      assertThat(publicTypes).containsExactlyInAnyOrder(
          "GitHubPlatform", "GitHubSettings", "GitHubSettings$Builder", "GitHubCredentials", "RetryBudget",
          "NoChecksPolicy", "GitHubWebhooks", "GitHubRateLimit");
    }

    @Test
    void does_not_depend_on_the_git_adapter() {
      com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
          .that().resideInAPackage("io.platinur.github..")
          .should().dependOnClassesThat().resideInAPackage("io.platinur.git..")
          .check(ADAPTER);
    }
  }
}
