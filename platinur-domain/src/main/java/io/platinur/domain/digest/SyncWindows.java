package io.platinur.domain.digest;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * When a promotion step may sync: allow windows, and deny windows (freezes) that win over them. No
 * allow window means "any time not denied".
 */
public record SyncWindows(Seq<WeeklyWindow> allow, Seq<WeeklyWindow> deny) {
  public SyncWindows {
    Objects.requireNonNull(allow, "allow");
    Objects.requireNonNull(deny, "deny");
  }

  /** Open at any time. */
  public static SyncWindows always() {
    return new SyncWindows(List.empty(), List.empty());
  }

  public static SyncWindows allowing(WeeklyWindow... windows) {
    return new SyncWindows(List.of(windows), List.empty());
  }

  public SyncWindows denying(WeeklyWindow... windows) {
    return new SyncWindows(allow, deny.appendAll(List.of(windows)));
  }

  /** Whether a promotion may sync at {@code now}: no deny window holds it, and an allow window does (if any exist). */
  public boolean isOpenAt(Instant now) {
    return closedBecause(now).isEmpty();
  }

  /** Why the windows are closed at {@code now}, in words for the user; none when they are open. */
  public Option<String> closedBecause(Instant now) {
    Option<WeeklyWindow> freeze = deny.find(window -> window.contains(now));
    if (freeze.isDefined()) {
      return Option.some("A deny window (" + freeze.get() + ") is in force; deny windows win over allow windows.");
    }
    if (!allow.isEmpty() && allow.forAll(window -> !window.contains(now))) {
      return Option.some("No sync window is open now (allowed: " + allow.mkString("; ") + ").");
    }
    return Option.none();
  }
}
