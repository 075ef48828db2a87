package io.platinur.github;

import io.platinur.port.PortFailure;
import java.io.IOException;

/**
 * A call that the connector stack gave up on, already classified. It travels through github-api
 * as an {@link IOException} (github-api wraps it; {@link Failures} finds it again in the cause
 * chain). Deliberately not a {@code SocketException}: github-api would retry those on its own,
 * outside the retry budget.
 */
final class GitHubCallFailure extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient PortFailure failure;

  GitHubCallFailure(PortFailure failure) {
    super(failure.toString());
    this.failure = failure;
  }

  PortFailure failure() {
    return failure;
  }
}
