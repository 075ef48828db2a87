package io.platinur.domain.proposal;

import io.platinur.domain.InvalidValueException;
import java.util.regex.Pattern;

/**
 * The host application's identifier for a proposal: 1 to 128 characters of letters, digits and
 * {@code . _ : / -}, starting with a letter or digit. It is recorded in the staging commit (a
 * {@code Platinur-Proposal:} trailer), so the batch can be read back from Git alone.
 */
public record ProposalId(String value) implements Comparable<ProposalId> {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");

  public ProposalId {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new InvalidValueException(
          "A proposal id must be 1 to 128 letters, digits or ‘. _ : / -’, starting with a letter or digit.");
    }
  }

  public static ProposalId of(String value) {
    return new ProposalId(value);
  }

  @Override
  public int compareTo(ProposalId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
