package io.platinur.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which keys hold a secret, however Spring spells them. */
class PlatinurSanitizerTest {
  final PlatinurSanitizer sanitizer = new PlatinurSanitizer("MY_GITHUB_TOKEN");

  @Test
  void the_secrets_in_every_spelling() {
    for (String key : new String[] {"platinur.github.webhook-secret", "platinur.github.webhooksecret", "platinur_github_webhooksecret",
        "platinur.repository.password", "platinur_repository_password", "platinur.environments.staging.secrets.db_password",
        "platinur.environments[prod].secrets[api_key]", "my_github_token"}) {
      assertThat(sanitizer.isSecret(key)).as(key).isTrue();
    }
  }

  @Test
  void the_rest_is_shown() {
    for (String key : new String[] {"platinur.github.repository", "platinur.github.token-variable", "platinur.repository.path",
        "platinur.environments.staging.database-instances", "platinur.lane.staging-branch", "github_token"}) {
      assertThat(sanitizer.isSecret(key)).as(key).isFalse();
    }
  }
}
