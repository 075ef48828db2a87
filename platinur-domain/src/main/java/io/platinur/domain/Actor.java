package io.platinur.domain;

import io.vavr.control.Validation;

/**
 * Who does something: the person or bot a host acts for when it applies a proposal, opens or
 * merges a promotion PR, runs Sync Promotions or asks the environment guard. Audit entries name
 * it; the environment guard asks the host's permissions about it.
 *
 * <p>An actor is one non-blank line of at most {@value #MAX_LENGTH} characters with no control
 * characters, so it is safe in a history record, a log line and a message; {@link #toString()} is
 * the name itself. A commit's author ({@link io.platinur.domain.repository.CommitAuthor}) is an
 * actor with an email address and a time.
 *
 * <pre>{@code
 * Actor ana = Actor.of("ana");
 * lane.openPromotionPr(ana);
 * }</pre>
 */
public record Actor(String name) {
  /** The longest name an actor may have. */
  public static final int MAX_LENGTH = 256;

  public Actor {
    Validation<String, String> checked = check(name);
    if (checked.isInvalid()) {
      throw new InvalidValueException(checked.getError());
    }
  }

  /** The actor with this name; {@link InvalidValueException} when it is not one clean line. */
  public static Actor of(String name) {
    return new Actor(name);
  }

  /** Checks a candidate name without throwing; the error says what is wrong with it. */
  public static Validation<String, Actor> parse(String name) {
    return check(name).map(Actor::new);
  }

  @Override
  public String toString() {
    return name;
  }

  private static Validation<String, String> check(String name) {
    if (name == null || name.isBlank()) {
      return Validation.invalid("An actor needs a name: one non-blank line.");
    }
    if (name.length() > MAX_LENGTH) {
      return Validation.invalid("An actor's name is at most " + MAX_LENGTH + " characters long; this one has " + name.length() + ".");
    }
    if (name.chars().anyMatch(Actor::breaksTheLine)) {
      // the name itself is not repeated: it is what cannot be printed safely
      return Validation.invalid("An actor's name must be one line without control characters.");
    }
    return Validation.valid(name);
  }

  private static boolean breaksTheLine(int c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }
}
