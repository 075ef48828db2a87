package io.platinur.domain.environment;

/** Something a person or the assistant may want to do in an environment. */
public enum Capability {
  ASSISTANT_DEVELOPMENT("assistant development"),
  INITIAL_RUN("an Initial Run"),
  APPLY_PROPOSALS("applying proposals"),
  RUN("runs"),
  REFRESH_AND_SCHEDULE("refreshes and schedules");

  private final String words;

  Capability(String words) {
    this.words = words;
  }

  /** How messages name it: {@code refreshes and schedules}. */
  public String words() {
    return words;
  }
}
