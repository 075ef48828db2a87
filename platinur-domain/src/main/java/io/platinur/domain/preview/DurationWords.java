package io.platinur.domain.preview;

import java.time.Duration;

/** Durations as people read them in status lines: {@code 3d}, {@code 2h 30m}, {@code 45s}. */
public final class DurationWords {
  private DurationWords() {}

  /** {@code 3d}, {@code 2h 30m}, {@code 45s}; a negative duration reads {@code 0s}. */
  public static String of(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    long rest = seconds % 60;
    StringBuilder out = new StringBuilder();
    append(out, days, "d");
    append(out, hours, "h");
    append(out, minutes, "m");
    if (out.length() == 0 || (rest > 0 && days == 0 && hours == 0)) {
      append(out, rest, "s");
      if (out.length() == 0) {
        out.append("0s");
      }
    }
    return out.toString();
  }

  private static void append(StringBuilder out, long amount, String unit) {
    if (amount > 0) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(amount).append(unit);
    }
  }
}
