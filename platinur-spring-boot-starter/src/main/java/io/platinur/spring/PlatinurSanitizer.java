package io.platinur.spring;

import java.util.Locale;
import java.util.Objects;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Hides Platinur's secrets in {@code /actuator/env} and {@code /actuator/configprops} whatever
 * {@code show-values} says: the repository password, the webhook secret, every secret under
 * {@code platinur.environments}, and the environment variable that holds the GitHub token.
 */
final class PlatinurSanitizer implements SanitizingFunction {
  private final String tokenVariable;

  PlatinurSanitizer(String tokenVariable) {
    this.tokenVariable = Objects.requireNonNullElse(tokenVariable, "GITHUB_TOKEN").toLowerCase(Locale.ROOT);
  }

  @Override
  public SanitizableData apply(SanitizableData data) {
    return isSecret(data.getLowerCaseKey()) ? data.withSanitizedValue() : data;
  }

  /**
   * Whether {@code key} (lower case) holds a secret, however it is spelled: a property
   * ({@code platinur.github.webhook-secret}), a configprops path ({@code webhookSecret}) or an
   * environment variable ({@code PLATINUR_GITHUB_WEBHOOKSECRET}).
   */
  boolean isSecret(String key) {
    String k = key.replaceAll("[-_.\\[\\]]", "");
    return key.equals(tokenVariable)
        || k.equals("platinurrepositorypassword")
        || k.equals("platinurgithubwebhooksecret")
        || k.startsWith("platinurenvironments") && k.contains("secrets");
  }
}
