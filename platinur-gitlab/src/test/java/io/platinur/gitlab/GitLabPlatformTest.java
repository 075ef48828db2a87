package io.platinur.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import io.platinur.domain.InvalidValueException;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.BranchName;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GitLabPlatformTest {
  static final JavaClasses ADAPTER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.platinur.gitlab");

  @Nested
  class when_connecting {
    @Test
    void sends_nothing_until_a_port_is_used_and_then_the_token_as_private_token() {
      try (FakeGitLabSetup setup = new FakeGitLabSetup()) {
        GitLabPlatform platform = setup.platform();
        assertThat(setup.gitlab.requests()).isEmpty();

        long iid = setup.gitlab.openInWebInterface("staging", "main", "Promote", "ada");
        assertThat(platform.pullRequests().state(PullRequestNumber.of(iid)).get()).isInstanceOf(PullRequestState.Open.class);
        assertThat(setup.gitlab.requests()).containsExactly("GET /api/v4/projects/acme%2Fplatform/merge_requests/" + iid);
      }
    }

    @Test
    void a_wrong_token_is_unauthorized_and_says_what_to_check_without_the_token() {
      try (FakeGitLabSetup setup = new FakeGitLabSetup()) {
        String wrong = "glpat-WrongToken0123456789";
        GitLabPlatform platform = setup.platform(setup.settings().credentials(GitLabCredentials.personalAccessToken(wrong)).build());
        var failure = platform.pullRequests().state(PullRequestNumber.of(1)).getLeft();
        assertThat(failure.kind()).isEqualTo(io.platinur.port.PortFailure.Kind.UNAUTHORIZED);
        assertThat(failure.message()).isEqualTo("Reading promotion merge request !1: GitLab answered 401 to GET "
            + "/projects/acme%2Fplatform/merge_requests/1 (“401 Unauthorized”). Check the token: it may be wrong, expired or revoked.")
            .doesNotContain(wrong);
      }
    }

    @Test
    void a_project_gitlab_does_not_know_is_not_found_naming_the_path_to_check() {
      try (FakeGitLabSetup setup = new FakeGitLabSetup()) {
        GitLabPlatform platform = setup.platform(setup.settings().project("acme/nowhere").build());
        var failure = platform.openPullRequests().listOpen().getLeft();
        assertThat(failure.kind()).isEqualTo(io.platinur.port.PortFailure.Kind.NOT_FOUND);
        assertThat(failure.message()).contains("404 Project Not Found").contains("Check the project path and that the token can see it.");
      }
    }

    @Test
    void webhooks_need_a_configured_secret_token() {
      try (FakeGitLabSetup setup = new FakeGitLabSetup()) {
        assertThatThrownBy(() -> setup.platform().webhooks(BranchName.of("staging"), BranchName.of("main")))
            .isInstanceOf(InvalidValueException.class)
            .hasMessage("No webhook secret token is configured: set GitLabSettings.Builder.webhookSecret to receive webhooks.");
        assertThat(setup.platform(setup.settings().webhookSecret("hook-secret-0123456789").build())
            .webhooks(BranchName.of("staging"), BranchName.of("main")).toString())
            .isEqualTo("GitLabWebhooks[secret token hidden, promotion merge requests staging into main]");
      }
    }
  }

  @Nested
  class its_public_surface {
    @Test
    void is_the_entry_point_its_settings_and_the_webhook_receiver_only() {
      Set<String> publicTypes = ADAPTER.stream()
          .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
          .map(c -> c.getName().substring("io.platinur.gitlab.".length()))
          .collect(Collectors.toSet());
      assertThat(publicTypes).containsExactlyInAnyOrder("GitLabPlatform", "GitLabSettings", "GitLabSettings$Builder",
          "GitLabCredentials", "GitLabCredentials$Kind", "RetryBudget", "NoChecksPolicy", "GitLabWebhooks");
    }

    @Test
    void has_the_same_port_accessors_as_the_github_adapter() {
      Set<String> accessors = ADAPTER.get(GitLabPlatform.class).getMethods().stream()
          .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC) && !m.getModifiers().contains(JavaModifier.STATIC))
          .map(m -> m.getName()).collect(Collectors.toSet());
      assertThat(accessors).contains("pullRequests", "openPullRequests", "ci", "deployments", "reviews",
          "digestDeployments", "gatePublisher", "webhooks", "settings");
    }

    @Test
    void depends_on_no_other_adapter() {
      ArchRuleDefinition.noClasses().that().resideInAPackage("io.platinur.gitlab..")
          .should().dependOnClassesThat().resideInAnyPackage("io.platinur.git..", "io.platinur.github..")
          .check(ADAPTER);
    }
  }
}
