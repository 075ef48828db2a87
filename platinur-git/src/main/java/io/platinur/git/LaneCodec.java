package io.platinur.git;

import io.platinur.domain.Actor;
import io.platinur.domain.batch.PromotionBatch;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.AuditEntry;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Validation;
import java.time.Instant;

/**
 * The text form of a lane, its events and audit entries, as kept in the lane state ref. One record
 * per line, fields separated by tabs; {@code %}, tab, CR and LF inside a field are percent-encoded,
 * so any title or action survives the round trip. The first line names the format version: in
 * format 1 one text holds the whole lane; in format 2 it holds the base and the lock, and each
 * staged proposal and deployed id has its own entry in the state tree ({@link LaneTree}).
 */
final class LaneCodec {
  static final String FORMAT = "platinur-lane 1";
  static final String FORMAT_2 = "platinur-lane 2";

  /** A line the codec cannot read: the stored state was written by something else or is damaged. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  private LaneCodec() {}

  // ---- lane -------------------------------------------------------------------------------------

  static String encode(StagingLane lane) {
    StringBuilder out = new StringBuilder(FORMAT).append('\n');
    line(out, "base", lane.base().hex());
    lane.lock().fold(
        unlocked -> line(out, "lock", "unlocked"),
        open -> line(out, "lock", "open", Long.toString(open.pr().value())),
        awaiting -> line(out, "lock", "merged", Long.toString(awaiting.pr().value()), awaiting.mergeCommit().hex()));
    for (StagedProposal staged : lane.batch().proposals()) {
      line(out, staged(staged));
    }
    for (ProposalId id : lane.deployed().toSortedSet()) {
      line(out, "deployed", id.value());
    }
    return out.toString();
  }

  static StagingLane decodeLane(String text) throws Unreadable {
    List<String> lines = List.of(text.split("\n"));
    if (lines.isEmpty() || !lines.head().equals(FORMAT)) {
      throw new Unreadable("The lane state is not in format ‘" + FORMAT + "’.");
    }
    CommitId base = null;
    ReleaseLock lock = null;
    Vector<StagedProposal> staged = Vector.empty();
    HashSet<ProposalId> deployed = HashSet.empty();
    for (String line : lines.tail()) {
      try {
        List<String> f = fields(line);
        switch (f.head()) {
          case "base" -> base = CommitId.of(f.get(1));
          case "lock" -> lock = lock(f);
          case "staged" -> staged = staged.append(stagedFrom(f, 0));
          case "deployed" -> deployed = deployed.add(ProposalId.of(f.get(1)));
          default -> throw new Unreadable("Unknown record ‘" + f.head() + "’ in the lane state.");
        }
      } catch (RuntimeException e) {
        throw new Unreadable("A record of the lane state is malformed: " + e.getMessage());
      }
    }
    if (base == null || lock == null) {
      throw new Unreadable("The lane state lacks its base or its lock.");
    }
    try {
      return StagingLane.restore(base, PromotionBatch.of(staged), lock, deployed);
    } catch (RuntimeException e) {
      throw new Unreadable("The stored batch is inconsistent: " + e.getMessage());
    }
  }

  /** Format 2's head record: the base, the lock and the staging head (derived, kept for a cheap read). */
  record Head(CommitId base, ReleaseLock lock, CommitId stagingHead) {}

  static String encodeHead(StagingLane lane) {
    StringBuilder out = new StringBuilder(FORMAT_2).append('\n');
    line(out, "base", lane.base().hex());
    line(out, "head", lane.stagingHead().hex());
    lane.lock().fold(
        unlocked -> line(out, "lock", "unlocked"),
        open -> line(out, "lock", "open", Long.toString(open.pr().value())),
        awaiting -> line(out, "lock", "merged", Long.toString(awaiting.pr().value()), awaiting.mergeCommit().hex()));
    return out.toString();
  }

  static Head decodeHead(String text) throws Unreadable {
    List<String> lines = List.of(text.split("\n"));
    if (lines.isEmpty() || !lines.head().equals(FORMAT_2)) {
      throw new Unreadable("The lane state is not in format ‘" + FORMAT_2 + "’.");
    }
    CommitId base = null;
    CommitId head = null;
    ReleaseLock lock = null;
    for (String line : lines.tail()) {
      try {
        List<String> f = fields(line);
        switch (f.head()) {
          case "base" -> base = CommitId.of(f.get(1));
          case "head" -> head = CommitId.of(f.get(1));
          case "lock" -> lock = lock(f);
          default -> throw new Unreadable("Unknown record ‘" + f.head() + "’ in the lane state.");
        }
      } catch (RuntimeException e) {
        throw new Unreadable("A record of the lane state is malformed: " + e.getMessage());
      }
    }
    if (base == null || head == null || lock == null) {
      throw new Unreadable("The lane state lacks its base, its staging head or its lock.");
    }
    return new Head(base, lock, head);
  }

  /** One staged proposal, one line. */
  static String encodeStaged(StagedProposal staged) {
    StringBuilder out = new StringBuilder();
    line(out, staged(staged));
    return out.toString();
  }

  static StagedProposal decodeStaged(String text) throws Unreadable {
    try {
      List<String> f = fields(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
      if (!f.head().equals("staged")) {
        throw new Unreadable("A staged proposal of the lane state is malformed.");
      }
      return stagedFrom(f, 0);
    } catch (RuntimeException e) {
      throw new Unreadable("A staged proposal of the lane state is malformed: " + e.getMessage());
    }
  }

  private static ReleaseLock lock(List<String> f) throws Unreadable {
    return switch (f.get(1)) {
      case "unlocked" -> ReleaseLock.unlocked();
      case "open" -> new ReleaseLock.PromotionPrOpen(PullRequestNumber.of(Long.parseLong(f.get(2))));
      case "merged" -> new ReleaseLock.AwaitingMainSync(PullRequestNumber.of(Long.parseLong(f.get(2))), CommitId.of(f.get(3)));
      default -> throw new Unreadable("Unknown lock state in the lane state.");
    };
  }

  // ---- events and audit -------------------------------------------------------------------------

  static String encodeChange(Seq<LaneEvent> events, AuditEntry audit) {
    StringBuilder out = new StringBuilder();
    line(out, "actor", audit.actor().name());
    line(out, "at", audit.at().toString());
    line(out, "action", audit.action());
    for (LaneEvent event : events) {
      line(out, event.accept(new LaneEvent.Visitor<List<String>>() {
        @Override
        public List<String> proposalStaged(LaneEvent.ProposalStaged e) {
          return List.of("event").appendAll(staged(e.staged()));
        }

        @Override
        public List<String> proposalUnstaged(LaneEvent.ProposalUnstaged e) {
          return List.of("event", "unstaged", e.id().value()).appendAll(e.rebuiltCommits().map(CommitId::hex));
        }

        @Override
        public List<String> batchDiscarded(LaneEvent.BatchDiscarded e) {
          return List.of("event", "discarded").appendAll(e.discarded().map(ProposalId::value));
        }

        @Override
        public List<String> promotionPrOpened(LaneEvent.PromotionPrOpened e) {
          return List.of("event", "pr-opened", Long.toString(e.pr().value()), e.head().hex());
        }

        @Override
        public List<String> promotionPrClosed(LaneEvent.PromotionPrClosed e) {
          return List.of("event", "pr-closed", Long.toString(e.pr().value()));
        }

        @Override
        public List<String> promotionPrMerged(LaneEvent.PromotionPrMerged e) {
          return List.of("event", "pr-merged", Long.toString(e.pr().value()), e.mergeCommit().hex());
        }

        @Override
        public List<String> promotionFinalized(LaneEvent.PromotionFinalized e) {
          return List.of("event", "finalized", Long.toString(e.pr().value()), e.productionHead().hex())
              .appendAll(e.deployed().map(ProposalId::value));
        }
      }));
    }
    return out.toString();
  }

  /** Events and audit entry read back from {@link #encodeChange}. */
  record Change(Seq<LaneEvent> events, AuditEntry audit) {}

  static Change decodeChange(String text) throws Unreadable {
    String actor = null;
    Instant at = null;
    String action = null;
    Vector<LaneEvent> events = Vector.empty();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      try {
        List<String> f = fields(line);
        switch (f.head()) {
          case "actor" -> actor = f.get(1);
          case "at" -> at = Instant.parse(f.get(1));
          case "action" -> action = f.get(1);
          case "event" -> events = events.append(event(f.tail()));
          default -> { /* the subject line and anything a later version adds */ }
        }
      } catch (RuntimeException e) {
        throw new Unreadable("A lane history record is malformed: " + e.getMessage());
      }
    }
    if (actor == null || at == null || action == null) {
      throw new Unreadable("A lane history entry lacks its actor, time or action.");
    }
    Validation<String, Actor> who = Actor.parse(actor);
    if (who.isInvalid()) {
      throw new Unreadable("A lane history entry names no valid actor: " + who.getError());
    }
    return new Change(events, new AuditEntry(who.get(), at, action));
  }

  private static LaneEvent event(List<String> f) throws Unreadable {
    return switch (f.head()) {
      case "staged" -> new LaneEvent.ProposalStaged(stagedFrom(f, 0));
      case "unstaged" -> new LaneEvent.ProposalUnstaged(ProposalId.of(f.get(1)), f.drop(2).map(CommitId::of).toVector());
      case "discarded" -> new LaneEvent.BatchDiscarded(f.drop(1).map(ProposalId::of).toVector());
      case "pr-opened" -> new LaneEvent.PromotionPrOpened(pr(f.get(1)), CommitId.of(f.get(2)));
      case "pr-closed" -> new LaneEvent.PromotionPrClosed(pr(f.get(1)));
      case "pr-merged" -> new LaneEvent.PromotionPrMerged(pr(f.get(1)), CommitId.of(f.get(2)));
      case "finalized" -> new LaneEvent.PromotionFinalized(pr(f.get(1)), f.drop(3).map(ProposalId::of).toVector(), CommitId.of(f.get(2)));
      default -> throw new Unreadable("Unknown lane event ‘" + f.head() + "’.");
    };
  }

  private static PullRequestNumber pr(String value) {
    return PullRequestNumber.of(Long.parseLong(value));
  }

  // ---- fields -----------------------------------------------------------------------------------

  private static List<String> staged(StagedProposal staged) {
    return List.of("staged", staged.id().value(), staged.commit().hex(), staged.title())
        .appendAll(staged.files().map(RepoPath::value));
  }

  /** A staged proposal from fields starting at {@code at} with the word "staged". */
  private static StagedProposal stagedFrom(List<String> f, int at) {
    List<String> rest = f.drop(at + 1);
    return new StagedProposal(
        ProposalId.of(rest.get(0)), rest.get(2), TreeSet.ofAll(rest.drop(3).map(RepoPath::of)), CommitId.of(rest.get(1)));
  }

  private static Void line(StringBuilder out, String... fields) {
    return line(out, List.of(fields));
  }

  private static Void line(StringBuilder out, List<String> fields) {
    out.append(fields.map(LaneCodec::escape).mkString("\t")).append('\n');
    return null;
  }

  private static List<String> fields(String line) {
    return List.of(line.split("\t", -1)).map(LaneCodec::unescape);
  }

  static String escape(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (char c : field.toCharArray()) {
      switch (c) {
        case '%' -> out.append("%25");
        case '\t' -> out.append("%09");
        case '\n' -> out.append("%0A");
        case '\r' -> out.append("%0D");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String unescape(String field) {
    if (field.indexOf('%') < 0) {
      return field;
    }
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '%' && i + 2 < field.length()) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
