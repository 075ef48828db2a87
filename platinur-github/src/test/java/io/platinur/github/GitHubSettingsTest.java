package io.platinur.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.domain.InvalidValueException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GitHubSettingsTest {

  @Test
  void defaults_to_github_com_with_bounded_timeouts_and_no_silent_green() {
    GitHubSettings settings = GitHubSettings.builder()
        .repository("acme", "platform")
        .credentials(GitHubCredentials.token("ghp_x"))
        .build();

    assertThat(settings.apiEndpoint()).isEqualTo(URI.create("https://api.github.com"));
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(settings.retryBudget()).isEqualTo(RetryBudget.DEFAULT);
    assertThat(settings.noChecksPolicy()).isEqualTo(NoChecksPolicy.REPORT_NO_CHECKS);
    assertThat(settings.alertLabels()).containsExactly("platinur-alert");
  }

  @Test
  void accepts_a_github_enterprise_endpoint_and_drops_a_trailing_slash() {
    GitHubSettings settings = GitHubSettings.builder()
        .apiEndpoint(URI.create("https://github.example.com/api/v3/"))
        .repository("acme", "platform")
        .credentials(GitHubCredentials.token("ghp_x"))
        .build();

    assertThat(settings.apiEndpoint()).isEqualTo(URI.create("https://github.example.com/api/v3"));
  }

  @Test
  void reports_every_problem_at_once() {
    assertThatThrownBy(() -> GitHubSettings.builder()
            .apiEndpoint(URI.create("ftp://example.com"))
            .repository("-acme", "a/b")
            .requestTimeout(Duration.ZERO)
            .alertLabels(List.of())
            .build())
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.problems()).hasSize(6));
  }

  @Test
  void refuses_a_blank_token_or_one_with_spaces() {
    assertThatThrownBy(() -> GitHubCredentials.token(" ")).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> GitHubCredentials.token("ghp_a b")).isInstanceOf(InvalidValueException.class);
  }
}
