package io.platinur.gitlab;

import io.platinur.testkit.forge.FakeGitLab;
import io.platinur.testkit.forge.ForgeRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Test wiring: a fake GitLab on a fresh bare repository (branches {@code main} and
 * {@code staging}), and a platform pointed at it with a recording sleeper and a fixed clock.
 */
final class FakeGitLabSetup implements AutoCloseable {
  static final String TOKEN = "glpat-Contract0123456789abcd";
  static final String PROJECT = "acme/platform";
  static final String STAGING = "staging";
  static final String MAIN = "main";

  final Path dir;
  final ForgeRepository repository;
  final FakeGitLab gitlab;
  final List<Duration> waits = new ArrayList<>();

  FakeGitLabSetup() {
    try {
      this.dir = Files.createTempDirectory("fake-gitlab");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.repository = ForgeRepository.create(dir.resolve("platform.git"), MAIN, STAGING);
    this.gitlab = FakeGitLab.start(repository, PROJECT, TOKEN);
  }

  GitLabSettings.Builder settings() {
    return GitLabSettings.builder()
        .apiEndpoint(gitlab.apiEndpoint())
        .project(PROJECT)
        .credentials(GitLabCredentials.projectAccessToken(TOKEN))
        .requestTimeout(Duration.ofSeconds(10))
        .retryBudget(new RetryBudget(3, Duration.ofSeconds(10), Duration.ofMillis(100)));
  }

  GitLabPlatform platform() {
    return platform(settings().build());
  }

  GitLabPlatform platform(GitLabSettings settings) {
    return new GitLabPlatform(settings, waits::add, Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC));
  }

  @Override
  public void close() {
    gitlab.close();
    repository.close();
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
