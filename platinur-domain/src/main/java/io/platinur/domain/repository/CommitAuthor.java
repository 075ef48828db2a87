package io.platinur.domain.repository;

import io.platinur.domain.Actor;
import io.platinur.domain.InvalidValueException;
import java.time.Instant;

/**
 * Who made a commit and when: an {@link Actor} with the email address and the time Git records.
 * The caller supplies the time, so the domain never reads a clock. The actor's name and the email
 * must be one line each without ‘{@code <}’ or ‘{@code >}’; Git would otherwise write a corrupt header.
 */
public record CommitAuthor(Actor actor, String email, Instant when) {
  public CommitAuthor {
    if (actor == null || email == null || when == null) {
      throw new InvalidValueException("A commit author needs a name, an email and a time.");
    }
    if (hasForbidden(actor.name()) || hasForbidden(email)) {
      throw new InvalidValueException("A commit author's name and email must not contain ‘<’, ‘>’ or control characters.");
    }
  }

  /** The author named {@code name}: an actor with an email and a time. */
  public CommitAuthor(String name, String email, Instant when) {
    this(actorNamed(name), email, when);
  }

  /** The author's name, as Git records it. */
  public String name() {
    return actor.name();
  }

  private static Actor actorNamed(String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidValueException("A commit author needs a name, an email and a time.");
    }
    if (hasForbidden(name)) {
      throw new InvalidValueException("A commit author's name and email must not contain ‘<’, ‘>’ or control characters.");
    }
    return Actor.of(name);
  }

  private static boolean hasForbidden(String text) {
    return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '<' || c == '>');
  }
}
