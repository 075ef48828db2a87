package io.platinur.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.domain.InvalidValueException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GitLabSettingsTest {
  static final String TOKEN = "glpat-SettingsTest0123456789";

  static GitLabSettings.Builder valid() {
    return GitLabSettings.builder().project("acme/platform").credentials(GitLabCredentials.personalAccessToken(TOKEN));
  }

  @Nested
  class when_valid {
    @Test
    void gitlab_com_is_the_default_and_a_trailing_slash_is_dropped() {
      assertThat(valid().build().apiEndpoint()).isEqualTo(URI.create("https://gitlab.com/api/v4"));
      assertThat(valid().apiEndpoint(URI.create("https://gitlab.example.com/api/v4/")).build().apiEndpoint())
          .isEqualTo(URI.create("https://gitlab.example.com/api/v4"));
    }

    @Test
    void subgroups_are_part_of_the_project_path_and_it_is_url_encoded_as_the_project_id() {
      GitLabSettings settings = valid().project("acme/data/analytics.dbt").build();
      assertThat(settings.project()).isEqualTo("acme/data/analytics.dbt");
      assertThat(settings.projectId()).isEqualTo("acme%2Fdata%2Fanalytics.dbt");
    }

    @Test
    void to_string_never_shows_the_token_or_the_webhook_secret() {
      GitLabSettings settings = valid().webhookSecret("hook-secret-0123456789").build();
      assertThat(settings.toString()).doesNotContain(TOKEN).doesNotContain("hook-secret").contains("acme/platform")
          .contains("personal access token, hidden");
    }
  }

  @Nested
  class bad_input_is_named_in_one_clear_message {
    @Test
    void a_project_without_a_group() {
      assertThatThrownBy(() -> valid().project("platform").build()).isInstanceOf(InvalidValueException.class)
          .hasMessage("The GitLab project must be its full path, GROUP/PROJECT (with subgroups GROUP/SUBGROUP/PROJECT), "
              + "got ‘platform’: it names no group.");
    }

    @Test
    void a_project_path_segment_gitlab_refuses() {
      assertThatThrownBy(() -> valid().project("acme/-platform").build())
          .hasMessage("The GitLab project must be its full path, GROUP/PROJECT (with subgroups GROUP/SUBGROUP/PROJECT), "
              + "got ‘acme/-platform’: ‘-platform’ is not a GitLab path (letters, digits, _, - and ., not starting with - or ., "
              + "not ending in . or .git or .atom).");
      assertThatThrownBy(() -> valid().project("acme/platform.git").build()).hasMessageContaining("‘platform.git’ is not a GitLab path");
      assertThatThrownBy(() -> valid().project("acme//platform").build()).hasMessageContaining("‘’ is not a GitLab path");
    }

    @Test
    void an_api_url_that_is_not_the_v4_root() {
      assertThatThrownBy(() -> valid().apiEndpoint(URI.create("https://gitlab.example.com")).build())
          .hasMessage("The GitLab API endpoint must be the REST API v4 root, ending in /api/v4 (such as "
              + "https://gitlab.example.com/api/v4), got ‘https://gitlab.example.com’.");
      assertThatThrownBy(() -> valid().apiEndpoint(URI.create("ftp://gitlab.example.com/api/v4")).build())
          .hasMessage("The GitLab API endpoint must be an absolute http(s) URL, got ‘ftp://gitlab.example.com/api/v4’.");
      assertThatThrownBy(() -> valid().apiEndpoint(URI.create("https://ada:pw@gitlab.example.com/api/v4")).build())
          .hasMessage("The GitLab API endpoint must not carry user info, a query or a fragment.");
    }

    @Test
    void every_problem_at_once() {
      assertThatThrownBy(() -> GitLabSettings.builder().project("x").requestTimeout(Duration.ZERO).build())
          .isInstanceOf(InvalidValueException.class)
          .hasMessageContaining("names no group")
          .hasMessageContaining("GitLab credentials are required: a personal, project or group access token.")
          .hasMessageContaining("The request timeout must be positive.");
    }

    @Test
    void a_token_with_a_line_break_is_refused_without_showing_it() {
      assertThatThrownBy(() -> GitLabCredentials.projectAccessToken("glpat-abc\n"))
          .hasMessage("The GitLab project access token holds whitespace or control characters; paste it without spaces or line breaks.");
      assertThatThrownBy(() -> GitLabCredentials.groupAccessToken("")).hasMessage("The GitLab group access token is empty.");
    }

    @Test
    void an_empty_webhook_secret() {
      assertThatThrownBy(() -> valid().webhookSecret("").build()).hasMessage("A webhook secret token must not be empty.");
    }
  }
}
