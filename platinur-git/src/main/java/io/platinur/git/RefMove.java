package io.platinur.git;

import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One compare-and-swap on a ref: from {@code expected} (zero id: the ref must not exist) to
 * {@code next} (zero id: delete the ref).
 */
record RefMove(String refName, ObjectId expected, ObjectId next) {
  RefMove {
    Objects.requireNonNull(refName, "refName");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(next, "next");
  }

  static RefMove create(String refName, ObjectId next) {
    return new RefMove(refName, ObjectId.zeroId(), next);
  }
}
