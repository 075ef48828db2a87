package io.platinur.spring;

import io.platinur.github.GitHubCredentials;
import io.platinur.github.GitHubSettings;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.Function;

/** The {@code platinur.github.*} properties made into GitHub's settings, each property checked by name. */
final class GitHubWiring {
  private GitHubWiring() {}

  /** GitHub's settings when {@code platinur.github.repository} is set; {@code environment} reads variables. */
  static Option<GitHubSettings> gitHubSettings(PlatinurProperties properties, Function<String, String> environment) {
    PlatinurProperties.GitHub github = properties.getGithub();
    if (github.getRepository() == null || github.getRepository().isBlank()) {
      return Option.none();
    }
    String[] parts = ownerAndName(github.getRepository());
    GitHubCredentials credentials = gitHubCredentials(github, environment);
    GitHubSettings.Builder builder = GitHubSettings.builder()
        .apiEndpoint(github.getApiUrl())
        .repository(parts[0], parts[1])
        .credentials(credentials)
        .requiredChecks(github.getRequiredChecks());
    if (github.getWebhookSecret() != null && !github.getWebhookSecret().isEmpty()) {
      builder.webhookSecret(github.getWebhookSecret());
    }
    if (properties.getLane().isEnabled()) {
      builder.productionBranch(Wiring.laneConfiguration(properties).productionBranch());
    }
    return Option.some(Wiring.checked("platinur.github", builder::build, "Fix the platinur.github properties."));
  }

  private static String[] ownerAndName(String repository) {
    String[] parts = repository.strip().split("/", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new PlatinurPropertyException("platinur.github.repository",
          "platinur.github.repository must be OWNER/REPO, got ‘" + repository + "’.", "Set platinur.github.repository to OWNER/REPO, such as acme/analytics.");
    }
    return parts;
  }

  private static GitHubCredentials gitHubCredentials(PlatinurProperties.GitHub github, Function<String, String> environment) {
    PlatinurProperties.App app = github.getApp();
    if (app.getId() != null || app.getPrivateKeyFile() != null || app.getInstallationId() != null) {
      if (app.getId() == null || app.getPrivateKeyFile() == null || app.getInstallationId() == null) {
        String missing = app.getId() == null ? "platinur.github.app.id"
            : app.getPrivateKeyFile() == null ? "platinur.github.app.private-key-file" : "platinur.github.app.installation-id";
        throw new PlatinurPropertyException(missing, "A GitHub App needs its id, its private key file and its installation id; "
            + missing + " is not set.", "Set " + missing + ", or remove the platinur.github.app properties to use a token.");
      }
      String pem;
      try {
        pem = Files.readString(app.getPrivateKeyFile(), StandardCharsets.US_ASCII);
      } catch (IOException | RuntimeException e) {
        throw new PlatinurPropertyException("platinur.github.app.private-key-file",
            "platinur.github.app.private-key-file: " + app.getPrivateKeyFile() + " cannot be read.",
            "Point platinur.github.app.private-key-file at the App's private key (PEM) as downloaded from GitHub.");
      }
      return Wiring.checked("platinur.github.app.private-key-file",
          () -> GitHubCredentials.app(app.getId(), pem, app.getInstallationId()),
          "Point platinur.github.app.private-key-file at the App's private key (PEM), and check platinur.github.app.id and installation-id.");
    }
    String variable = github.getTokenVariable();
    if (variable == null || variable.isBlank()) {
      throw new PlatinurPropertyException("platinur.github.token-variable", "platinur.github.token-variable is empty.",
          "Name the environment variable that holds the GitHub token, such as GITHUB_TOKEN.");
    }
    String token = environment.apply(variable);
    if (token == null || token.isBlank()) {
      throw new PlatinurPropertyException("platinur.github.token-variable",
          "No GitHub token: the environment variable " + variable + " (platinur.github.token-variable) is not set.",
          "Export a token with access to " + github.getRepository() + " in " + variable
              + ", or configure a GitHub App with platinur.github.app.id, private-key-file and installation-id.");
    }
    return Wiring.checked("platinur.github.token-variable", () -> GitHubCredentials.token(token),
        "Put the token alone in " + variable + ".");
  }

  /** The token a remote on GitHub is fetched and pushed with, when the GitHub credentials are a token. */
  static Option<String> gitHubToken(PlatinurProperties properties, Function<String, String> environment) {
    PlatinurProperties.GitHub github = properties.getGithub();
    if (github.getRepository() == null || github.getApp().getId() != null || github.getTokenVariable() == null) {
      return Option.none();
    }
    return Option.of(environment.apply(github.getTokenVariable())).filter(token -> !token.isBlank()).map(String::strip);
  }

  /** github.com keeps Git data at github.com; GitHub Enterprise Server at the API's host. */
  static String defaultGitHubUrl(URI api, String owner, String repo) {
    if (api.equals(GitHubSettings.GITHUB_COM) || "api.github.com".equals(api.getHost())) {
      return "https://github.com/" + owner + "/" + repo + ".git";
    }
    return api.getScheme() + "://" + api.getHost() + (api.getPort() < 0 ? "" : ":" + api.getPort()) + "/" + owner + "/" + repo + ".git";
  }

}
