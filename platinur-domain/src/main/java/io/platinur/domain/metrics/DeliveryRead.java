package io.platinur.domain.metrics;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * What one read of the history brought: the delivery events recorded after the cursor it started
 * from, oldest first within each history; the problems met (each skipped); and the cursor after it.
 */
public record DeliveryRead(Seq<DeliveryEvent> events, Seq<HistoryProblem> problems, DeliveryCursor cursor) {
  public DeliveryRead {
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(problems, "problems");
    Objects.requireNonNull(cursor, "cursor");
  }

  /** Nothing new since {@code cursor}. */
  public static DeliveryRead nothingSince(DeliveryCursor cursor) {
    return new DeliveryRead(io.vavr.collection.Vector.empty(), io.vavr.collection.Vector.empty(), cursor);
  }
}
