package io.platinur.domain.metrics;

import io.platinur.domain.InvalidValueException;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Where a computation stopped reading: for each history it reads (a ref such as
 * {@code refs/platinur/lanes/staging}), the last record folded (a commit id in Git). A history
 * missing from the cursor is read from its first record: {@link #start()} back-fills everything.
 */
public record DeliveryCursor(SortedMap<String, String> positions) {
  public DeliveryCursor {
    Objects.requireNonNull(positions, "positions");
    positions.forEach((source, position) -> {
      if (source.isBlank() || position.isBlank()) {
        throw new InvalidValueException("A cursor names each history and its position; got ‘" + source + "’ at ‘" + position + "’.");
      }
    });
  }

  /** Nothing read yet: the next read back-fills from the first commit of every history. */
  public static DeliveryCursor start() {
    return new DeliveryCursor(TreeMap.empty());
  }

  /** The last record folded from {@code source}, or none when nothing of it was read. */
  public Option<String> at(String source) {
    return positions.get(source);
  }

  /** This cursor with {@code source} read up to {@code position}. */
  public DeliveryCursor with(String source, String position) {
    return new DeliveryCursor(positions.put(source, position));
  }

  /** {@code refs/platinur/lanes/staging@1a2b3c4, …}, or {@code start}. */
  @Override
  public String toString() {
    return positions.isEmpty() ? "start"
        : positions.map(entry -> entry._1 + "@" + (entry._2.length() > 12 ? entry._2.substring(0, 12) : entry._2)).mkString(", ");
  }
}
