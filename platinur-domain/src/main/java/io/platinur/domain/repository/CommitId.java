package io.platinur.domain.repository;

import io.platinur.domain.InvalidValueException;
import java.util.regex.Pattern;

/**
 * The full id of a Git commit: 40 (SHA-1) or 64 (SHA-256) lowercase hexadecimal digits. Upper case
 * input is normalized; abbreviations are refused, because a promotion must name an exact commit.
 */
public record CommitId(String hex) implements Comparable<CommitId> {
  private static final Pattern FULL_ID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  public CommitId {
    if (hex == null) {
      throw new InvalidValueException("A commit id is required.");
    }
    hex = hex.toLowerCase(java.util.Locale.ROOT);
    if (!FULL_ID.matcher(hex).matches()) {
      throw new InvalidValueException(
          "A commit id must be 40 or 64 hexadecimal digits, got " + quoted(hex) + ".");
    }
  }

  public static CommitId of(String hex) {
    return new CommitId(hex);
  }

  /** The first seven digits, as Git shows them to people. */
  public String abbreviated() {
    return hex.substring(0, 7);
  }

  @Override
  public int compareTo(CommitId other) {
    return hex.compareTo(other.hex);
  }

  @Override
  public String toString() {
    return hex;
  }

  private static String quoted(String text) {
    return text.length() > 80 ? "‘" + text.substring(0, 80) + "…’" : "‘" + text + "’";
  }
}
