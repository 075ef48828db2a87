package io.platinur.domain.card;

/** The one status a proposal card shows, derived from the lane, never stored. */
public enum CardStatus {
  READY_TO_APPLY("Ready to apply to Staging"),
  WAITING_FOR_OPEN_PR("Waiting for open PR"),
  WAITING_FOR_MAIN_SYNC("Waiting for main sync"),
  /** Ready by the lock, but applying it now would be rejected for a file overlap. */
  OVERLAPS_STAGED_PROPOSAL("Overlaps a staged proposal"),
  STAGED("Staged"),
  DEPLOYED("Deployed");

  private final String label;

  CardStatus(String label) {
    this.label = label;
  }

  /** The exact text the card shows. */
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }
}
