package io.platinur.testkit.model;

import io.platinur.domain.lane.RejectionReason;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A deliberately plain reference model of a staging lane, written from the product's rules with
 * lists, sets and an enum, to compare {@link io.platinur.domain.lane.StagingLane} against. It shares no code with the
 * domain: ids, paths and commits are strings, and every message is spelled out here again.
 */
public final class LaneModel {

  public enum Lock { UNLOCKED, PR_OPEN, AWAITING_SYNC }

  /** A staged proposal: its id, title, paths as written, and the commit that applied it. */
  public record Entry(String id, String title, List<String> files, String commit) {}

  /** Accepted, or rejected with a reason and message. */
  public record Outcome(boolean accepted, RejectionReason reason, String message) {
    static final Outcome OK = new Outcome(true, null, null);

    static Outcome no(RejectionReason reason, String message) {
      return new Outcome(false, reason, message);
    }
  }

  private static final String PR_OPEN =
      "A promotion PR is open. Merge or close it in GitHub before applying more staging changes.";
  private static final String AWAITING =
      "A merged promotion is being finalized from GitHub main. Sync Promotions before applying another staging change.";

  private String base;
  private final List<Entry> batch = new ArrayList<>();
  private Lock lock = Lock.UNLOCKED;
  private long pr;
  private String mergeCommit;
  private final Set<String> deployed = new HashSet<>();

  public LaneModel(String productionHead) {
    this.base = productionHead;
  }

  public LaneModel copy() {
    LaneModel copy = new LaneModel(base);
    copy.batch.addAll(batch);
    copy.lock = lock;
    copy.pr = pr;
    copy.mergeCommit = mergeCommit;
    copy.deployed.addAll(deployed);
    return copy;
  }

  // ---- reading ------------------------------------------------------------------------------

  public List<String> batchIds() {
    List<String> ids = new ArrayList<>();
    for (Entry entry : batch) {
      ids.add(entry.id());
    }
    return ids;
  }

  public List<String> batchCommits() {
    List<String> commits = new ArrayList<>();
    for (Entry entry : batch) {
      commits.add(entry.commit());
    }
    return commits;
  }

  public List<Entry> batch() {
    return List.copyOf(batch);
  }

  public Lock lock() {
    return lock;
  }

  /** The promotion PR's number while locked, else 0. */
  public long pr() {
    return lock == Lock.UNLOCKED ? 0 : pr;
  }

  /** The merge commit while awaiting sync, else null. */
  public String mergeCommit() {
    return lock == Lock.AWAITING_SYNC ? mergeCommit : null;
  }

  public Set<String> deployed() {
    return Set.copyOf(deployed);
  }

  public String base() {
    return base;
  }

  public String stagingHead() {
    return batch.isEmpty() ? base : batch.get(batch.size() - 1).commit();
  }

  // ---- commands -----------------------------------------------------------------------------

  public Outcome apply(String id, String title, List<String> files, String commit) {
    for (Entry entry : batch) {
      if (entry.id().equals(id)) {
        return Outcome.no(RejectionReason.ALREADY_STAGED, "Proposal ‘" + entry.title() + "’ is already staged.");
      }
    }
    if (deployed.contains(id)) {
      return Outcome.no(RejectionReason.ALREADY_DEPLOYED, "Proposal ‘" + title + "’ is already deployed.");
    }
    if (lock == Lock.PR_OPEN) {
      return Outcome.no(RejectionReason.PROMOTION_PR_OPEN, PR_OPEN);
    }
    if (lock == Lock.AWAITING_SYNC) {
      return Outcome.no(RejectionReason.AWAITING_MAIN_SYNC, AWAITING);
    }
    Set<String> newFolded = new HashSet<>();
    for (String file : files) {
      newFolded.add(file.toLowerCase(Locale.ROOT));
    }
    for (Entry entry : batch) { // earliest staged first
      TreeSet<String> shared = new TreeSet<>();
      for (String file : entry.files()) {
        if (newFolded.contains(file.toLowerCase(Locale.ROOT))) {
          shared.add(file);
        }
      }
      if (!shared.isEmpty()) {
        int more = shared.size() - 1;
        return Outcome.no(
            RejectionReason.FILE_OVERLAP,
            "Proposal ‘" + entry.title() + "’ is already staged and also changes " + shared.first()
                + (more == 0 ? "" : " and " + more + " more file(s)")
                + ". Promote or discard the staged batch before staging this proposal.");
      }
    }
    batch.add(new Entry(id, title, List.copyOf(files), commit));
    return Outcome.OK;
  }

  public Outcome unapply(String id, List<String> rebuiltCommits) {
    if (lock != Lock.UNLOCKED) {
      return Outcome.no(
          RejectionReason.PROMOTION_PR_EXISTS,
          "A promotion PR exists for the staged batch. Unapply is available only until a promotion PR exists.");
    }
    int position = batchIds().indexOf(id);
    if (position < 0) {
      return Outcome.no(RejectionReason.NOT_STAGED, "Proposal " + id + " is not staged.");
    }
    int later = batch.size() - position - 1;
    if (later != rebuiltCommits.size()) {
      return Outcome.no(
          RejectionReason.BATCH_CHANGED,
          "The staged batch changed while this was being prepared. Read it again and retry.");
    }
    batch.remove(position);
    for (int i = 0; i < later; i++) {
      Entry moved = batch.get(position + i);
      batch.set(position + i, new Entry(moved.id(), moved.title(), moved.files(), rebuiltCommits.get(i)));
    }
    return Outcome.OK;
  }

  public Outcome discard() {
    if (lock != Lock.UNLOCKED) {
      return Outcome.no(
          RejectionReason.PROMOTION_PR_EXISTS,
          "A promotion PR exists for the staged batch. Discard is available only until a promotion PR exists.");
    }
    batch.clear();
    return Outcome.OK;
  }

  public Outcome openPr(long number) {
    switch (lock) {
      case UNLOCKED:
        if (batch.isEmpty()) {
          return Outcome.no(
              RejectionReason.EMPTY_BATCH, "Nothing is staged. Apply a proposal to Staging before opening a promotion PR.");
        }
        lock = Lock.PR_OPEN;
        pr = number;
        return Outcome.OK;
      case PR_OPEN:
        return number == pr
            ? Outcome.OK
            : Outcome.no(
                RejectionReason.PROMOTION_PR_ALREADY_OPEN, "Promotion PR #" + pr + " is already open for the staged batch.");
      default:
        return Outcome.no(RejectionReason.AWAITING_MAIN_SYNC, AWAITING);
    }
  }

  public Outcome prClosed(long number) {
    switch (lock) {
      case UNLOCKED:
        return Outcome.OK;
      case PR_OPEN:
        if (number != pr) {
          return notThePromotionPr(number);
        }
        lock = Lock.UNLOCKED;
        return Outcome.OK;
      default:
        return number == pr
            ? Outcome.no(
                RejectionReason.PROMOTION_ALREADY_MERGED,
                "Promotion PR #" + pr + " is already merged. Sync Promotions to finalize it.")
            : notThePromotionPr(number);
    }
  }

  public Outcome prMerged(long number, String commit) {
    switch (lock) {
      case UNLOCKED:
        return Outcome.no(RejectionReason.NO_PROMOTION_PR, "No promotion PR is open for the staged batch.");
      case PR_OPEN:
        if (number != pr) {
          return notThePromotionPr(number);
        }
        lock = Lock.AWAITING_SYNC;
        mergeCommit = commit;
        return Outcome.OK;
      default:
        return number == pr && commit.equals(mergeCommit) ? Outcome.OK : notThePromotionPr(number);
    }
  }

  public Outcome sync(String productionHead) {
    if (lock == Lock.AWAITING_SYNC) {
      for (Entry entry : batch) {
        deployed.add(entry.id());
      }
      batch.clear();
      base = productionHead;
      lock = Lock.UNLOCKED;
    }
    return Outcome.OK;
  }

  private static Outcome notThePromotionPr(long number) {
    return Outcome.no(
        RejectionReason.NOT_THE_PROMOTION_PR, "Pull request #" + number + " is not the promotion PR of the staged batch.");
  }

  @Override
  public String toString() {
    return "LaneModel[base=" + base + ", lock=" + lock + (lock == Lock.UNLOCKED ? "" : " #" + pr)
        + ", batch=" + batchIds() + ", deployed=" + new TreeSet<>(deployed) + "]";
  }
}
