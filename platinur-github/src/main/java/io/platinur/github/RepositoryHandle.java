package io.platinur.github;

import java.io.IOException;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;

/**
 * The configured repository, read from GitHub on first use (not at start-up) and kept: github-api
 * hangs every repository operation off this object. A failed read is not kept, so the next call
 * tries again.
 */
final class RepositoryHandle {
  private final GitHub gitHub;
  private final String fullName;
  private volatile GHRepository repository;

  RepositoryHandle(GitHub gitHub, String fullName) {
    this.gitHub = gitHub;
    this.fullName = fullName;
  }

  GHRepository get() throws IOException {
    GHRepository known = repository;
    if (known == null) {
      synchronized (this) {
        known = repository;
        if (known == null) {
          known = gitHub.getRepository(fullName);
          repository = known;
        }
      }
    }
    return known;
  }
}
