package io.platinur.domain.repository;

import io.platinur.domain.InvalidValueException;
import java.time.Instant;

/**
 * Who made a commit and when: the caller supplies the time, so the domain never reads a clock.
 * Name and email must be one line each; Git would otherwise write a corrupt header.
 */
public record CommitAuthor(String name, String email, Instant when) {
  public CommitAuthor {
    if (name == null || name.isBlank() || email == null || when == null) {
      throw new InvalidValueException("A commit author needs a name, an email and a time.");
    }
    if (hasForbidden(name) || hasForbidden(email)) {
      throw new InvalidValueException("A commit author's name and email must not contain ‘<’, ‘>’ or control characters.");
    }
  }

  private static boolean hasForbidden(String text) {
    return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '<' || c == '>');
  }
}
