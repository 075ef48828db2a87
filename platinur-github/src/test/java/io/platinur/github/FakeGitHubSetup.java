package io.platinur.github;

import io.platinur.testkit.forge.FakeGitHub;
import io.platinur.testkit.forge.ForgeRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Test wiring for the conformance kit: the testkit's fake GitHub on a fresh bare repository
 * (branches {@code main} and {@code staging}), and a platform pointed at it with a recording sleeper.
 */
final class FakeGitHubSetup implements AutoCloseable {
  static final String STAGING = "staging";
  static final String MAIN = "main";

  final Path dir;
  final ForgeRepository repository;
  final FakeGitHub github;
  final List<Duration> waits = new ArrayList<>();

  FakeGitHubSetup() {
    try {
      this.dir = Files.createTempDirectory("fake-github");
      this.repository = ForgeRepository.create(dir.resolve("platform.git"), MAIN, STAGING);
      this.github = FakeGitHub.start(dir.resolve("platform.git"), GitHubExamples.OWNER, GitHubExamples.REPO);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  GitHubSettings.Builder settings() {
    return GitHubSettings.builder()
        .apiEndpoint(github.apiEndpoint())
        .repository(GitHubExamples.OWNER, GitHubExamples.REPO)
        .credentials(GitHubCredentials.token("ghp_contract0123456789abcdefghijklmnopq"))
        .requestTimeout(Duration.ofSeconds(10))
        .retryBudget(new RetryBudget(3, Duration.ofSeconds(10), Duration.ofMillis(100)));
  }

  GitHubPlatform platform() {
    return new GitHubPlatform(settings().build(), waits::add, Clock.systemUTC());
  }

  @Override
  public void close() {
    github.close();
    repository.close();
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
