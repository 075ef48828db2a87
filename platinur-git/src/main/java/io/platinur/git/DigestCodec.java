package io.platinur.git;

import io.platinur.domain.Actor;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotionEvent;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackReason;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.AuditEntry;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.time.Instant;

/**
 * The text forms of the digest promotions, as kept in {@code refs/platinur/digest-promotions}: the
 * file {@code promotions} holds one tab-separated line per target; each state commit's message
 * records its change, the audit entry and the events, one record a line ({@code %}, tab, CR and LF
 * inside a field percent-encoded, as the lane's history does). A commit written before changes were
 * recorded has no such record: its history entry names no events.
 */
final class DigestCodec {
  static final String CHANGE_FORMAT = "platinur-digest-change 1";

  private DigestCodec() {}

  // ---- the latest promotion of every target -------------------------------------------------------

  static String encode(Seq<DigestPromotion> latest) {
    StringBuilder text = new StringBuilder();
    for (DigestPromotion promotion : latest) {
      Promotion p = promotion.promotion();
      String common = String.join("\t", p.target().service().value(), p.target().environment().value(), p.from().value(),
          p.digest().value(), p.previous().map(ImageDigest::value).getOrElse("-"));
      text.append(promotion.<String>fold(
          proposed -> "proposed\t" + common,
          open -> "open\t" + common + "\t" + open.pr().value(),
          merged -> "merged\t" + common + "\t" + merged.pr().value() + "\t" + merged.mergeCommit(),
          canary -> "canary\t" + common + "\t" + canary.pr().value() + "\t" + canary.mergeCommit() + "\t" + canary.startedAt(),
          promoted -> "promoted\t" + common + "\t" + promoted.pr().value() + "\t" + promoted.mergeCommit(),
          withdrawn -> "withdrawn\t" + common + "\t" + withdrawn.pr().value(),
          rolling -> "rolling-back\t" + common + "\t" + rolling.pr().value() + "\t" + rolling.mergeCommit() + "\t"
              + rolling.revertPr().value() + "\t" + rolling.reason(),
          rolled -> "rolled-back\t" + common + "\t" + rolled.pr().value() + "\t" + rolled.mergeCommit() + "\t"
              + rolled.revertPr().value() + "\t" + rolled.reason() + "\t" + rolled.revertCommit()));
      text.append('\n');
    }
    return text.toString();
  }

  static Seq<DigestPromotion> decode(String text) throws LaneCodec.Unreadable {
    try {
      return List.of(text.split("\n")).filter(line -> !line.isEmpty()).map(DigestCodec::promotion).sortBy(DigestPromotion::target);
    } catch (RuntimeException e) {
      throw new LaneCodec.Unreadable("A digest promotion record is malformed: " + e.getMessage());
    }
  }

  private static DigestPromotion promotion(String line) {
    String[] f = line.split("\t", -1);
    Promotion p = new Promotion(target(f[1], f[2]), EnvironmentName.of(f[3]), ImageDigest.of(f[4]),
        f[5].equals("-") ? io.vavr.control.Option.none() : io.vavr.control.Option.some(ImageDigest.of(f[5])));
    return switch (f[0]) {
      case "proposed" -> new DigestPromotion.Proposed(p);
      case "open" -> new DigestPromotion.PrOpen(p, pr(f[6]));
      case "merged" -> new DigestPromotion.Merged(p, pr(f[6]), CommitId.of(f[7]));
      case "canary" -> new DigestPromotion.Canary(p, pr(f[6]), CommitId.of(f[7]), Instant.parse(f[8]));
      case "promoted" -> new DigestPromotion.Promoted(p, pr(f[6]), CommitId.of(f[7]));
      case "withdrawn" -> new DigestPromotion.Withdrawn(p, pr(f[6]));
      case "rolling-back" -> new DigestPromotion.RollingBack(p, pr(f[6]), CommitId.of(f[7]), pr(f[8]), RollbackReason.valueOf(f[9]));
      case "rolled-back" ->
          new DigestPromotion.RolledBack(p, pr(f[6]), CommitId.of(f[7]), pr(f[8]), RollbackReason.valueOf(f[9]), CommitId.of(f[10]));
      default -> throw new IllegalArgumentException("unknown state " + f[0]);
    };
  }

  // ---- a change: audit entry and events ---------------------------------------------------------

  /** Events and audit entry of one saved change. */
  record Change(Seq<DigestPromotionEvent> events, AuditEntry audit) {}

  static String encodeChange(Seq<DigestPromotionEvent> events, AuditEntry audit) {
    StringBuilder out = new StringBuilder(CHANGE_FORMAT).append('\n');
    line(out, List.of("actor", audit.actor().name()));
    line(out, List.of("at", audit.at().toString()));
    line(out, List.of("action", audit.action()));
    for (DigestPromotionEvent event : events) {
      line(out, List.of("event").appendAll(fields(event)));
    }
    return out.toString();
  }

  /** The change recorded in {@code text}, the body of a state commit's message. */
  static Change decodeChange(String text) throws LaneCodec.Unreadable {
    String actor = null;
    Instant at = null;
    String action = null;
    Vector<DigestPromotionEvent> events = Vector.empty();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.equals(CHANGE_FORMAT)) {
        continue;
      }
      try {
        List<String> f = List.of(line.split("\t", -1)).map(LaneCodec::unescape);
        switch (f.head()) {
          case "actor" -> actor = f.get(1);
          case "at" -> at = Instant.parse(f.get(1));
          case "action" -> action = f.get(1);
          case "event" -> events = events.append(event(f.tail()));
          default -> { /* anything a later version adds */ }
        }
      } catch (RuntimeException e) {
        throw new LaneCodec.Unreadable("A digest promotion history record is malformed: " + e.getMessage());
      }
    }
    if (actor == null || at == null || action == null) {
      throw new LaneCodec.Unreadable("A digest promotion history entry lacks its actor, time or action.");
    }
    return new Change(events, new AuditEntry(Actor.of(actor), at, action));
  }

  private static List<String> fields(DigestPromotionEvent event) {
    return event.accept(new DigestPromotionEvent.Visitor<List<String>>() {
      @Override
      public List<String> proposed(DigestPromotionEvent.PromotionProposed e) {
        Promotion p = e.promotion();
        return of(e.target(), "proposed").appendAll(List.of(p.from().value(), p.digest().value(), p.previous().map(ImageDigest::value).getOrElse("-")));
      }

      @Override
      public List<String> prOpened(DigestPromotionEvent.DigestPrOpened e) {
        return of(e.target(), "pr-opened").append(number(e.pr()));
      }

      @Override
      public List<String> prClosed(DigestPromotionEvent.DigestPrClosed e) {
        return of(e.target(), "pr-closed").append(number(e.pr()));
      }

      @Override
      public List<String> prMerged(DigestPromotionEvent.DigestPrMerged e) {
        return of(e.target(), "pr-merged").appendAll(List.of(number(e.pr()), e.mergeCommit().hex()));
      }

      @Override
      public List<String> canaryStarted(DigestPromotionEvent.CanaryStarted e) {
        return of(e.target(), "canary-started").append(e.at().toString());
      }

      @Override
      public List<String> completed(DigestPromotionEvent.PromotionCompleted e) {
        return of(e.target(), "completed");
      }

      @Override
      public List<String> rollbackOpened(DigestPromotionEvent.RollbackOpened e) {
        return of(e.target(), "rollback-opened").appendAll(List.of(number(e.revertPr()), e.reason().name()));
      }

      @Override
      public List<String> rollbackClosed(DigestPromotionEvent.RollbackClosed e) {
        return of(e.target(), "rollback-closed").append(number(e.revertPr()));
      }

      @Override
      public List<String> rolledBack(DigestPromotionEvent.PromotionRolledBack e) {
        return of(e.target(), "rolled-back").appendAll(List.of(number(e.revertPr()), e.revertCommit().hex()));
      }
    });
  }

  private static List<String> of(PromotionTarget target, String kind) {
    return List.of(kind, target.service().value(), target.environment().value());
  }

  private static String number(PullRequestNumber pr) {
    return Long.toString(pr.value());
  }

  private static DigestPromotionEvent event(List<String> f) throws LaneCodec.Unreadable {
    PromotionTarget target = target(f.get(1), f.get(2));
    List<String> rest = f.drop(3);
    return switch (f.head()) {
      case "proposed" -> new DigestPromotionEvent.PromotionProposed(new Promotion(target, EnvironmentName.of(rest.get(0)),
          ImageDigest.of(rest.get(1)), rest.get(2).equals("-") ? io.vavr.control.Option.none() : io.vavr.control.Option.some(ImageDigest.of(rest.get(2)))));
      case "pr-opened" -> new DigestPromotionEvent.DigestPrOpened(target, pr(rest.get(0)));
      case "pr-closed" -> new DigestPromotionEvent.DigestPrClosed(target, pr(rest.get(0)));
      case "pr-merged" -> new DigestPromotionEvent.DigestPrMerged(target, pr(rest.get(0)), CommitId.of(rest.get(1)));
      case "canary-started" -> new DigestPromotionEvent.CanaryStarted(target, Instant.parse(rest.get(0)));
      case "completed" -> new DigestPromotionEvent.PromotionCompleted(target);
      case "rollback-opened" -> new DigestPromotionEvent.RollbackOpened(target, pr(rest.get(0)), RollbackReason.valueOf(rest.get(1)));
      case "rollback-closed" -> new DigestPromotionEvent.RollbackClosed(target, pr(rest.get(0)));
      case "rolled-back" -> new DigestPromotionEvent.PromotionRolledBack(target, pr(rest.get(0)), CommitId.of(rest.get(1)));
      default -> throw new LaneCodec.Unreadable("Unknown digest promotion event ‘" + f.head() + "’.");
    };
  }

  private static void line(StringBuilder out, List<String> fields) {
    out.append(fields.map(LaneCodec::escape).mkString("\t")).append('\n');
  }

  private static PromotionTarget target(String service, String environment) {
    return new PromotionTarget(ServiceName.of(service), EnvironmentName.of(environment));
  }

  private static PullRequestNumber pr(String text) {
    return PullRequestNumber.of(Long.parseLong(text));
  }
}
