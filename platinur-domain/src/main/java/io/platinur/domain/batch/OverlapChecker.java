package io.platinur.domain.batch;

import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.proposal.RepoPath;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;

/**
 * The file-overlap rule of a promotion batch: two proposals in one batch may not change the same
 * file (paths compared ignoring letter case). A proposal that would is rejected with exactly
 *
 * <pre>Proposal ‘&lt;staged proposal title&gt;’ is already staged and also changes &lt;file path&gt; and N more file(s). Promote or discard the staged batch before staging this proposal.</pre>
 *
 * where {@code <file path>} is the first overlapping path in sorted order, N the number of other
 * paths overlapping the same staged proposal, and the {@code and N more file(s)} part is left out
 * when N is 0. Where several staged proposals overlap, the earliest staged one is named.
 *
 * <p>The checker is the batch's index from each staged path to the proposal that changes it, so a
 * check costs time in proportion to the new proposal's file count, not to the size of the batch.
 */
public final class OverlapChecker {
  private static final OverlapChecker EMPTY = new OverlapChecker(HashMap.empty());

  /** A staged path's owner: its apply position, the proposal, and the path as that proposal spells it. */
  private record Owner(int position, StagedProposal staged, RepoPath spelled) {}

  /** folded path -> owner. */
  private final Map<String, Owner> owners;

  private OverlapChecker(Map<String, Owner> owners) {
    this.owners = owners;
  }

  /** The checker of an empty batch: nothing overlaps. */
  public static OverlapChecker empty() {
    return EMPTY;
  }

  /**
   * Every staged proposal that changes one of these paths, earliest staged first; each overlap
   * lists the paths as the staged proposal spells them, sorted.
   */
  public Seq<Overlap> overlaps(Iterable<RepoPath> paths) {
    Map<ProposalId, Owner> firstHit = HashMap.empty();
    Map<ProposalId, TreeSet<RepoPath>> hits = HashMap.empty();
    for (RepoPath path : paths) {
      Option<Owner> owner = owners.get(path.folded());
      if (owner.isDefined()) {
        ProposalId id = owner.get().staged().id();
        RepoPath spelled = owner.get().spelled();
        firstHit = firstHit.put(id, owner.get());
        hits = hits.put(id, hits.get(id).map(set -> set.add(spelled)).getOrElse(() -> TreeSet.of(spelled)));
      }
    }
    Map<ProposalId, TreeSet<RepoPath>> found = hits;
    return firstHit.values().toList()
        .sortBy(Owner::position)
        .map(owner -> new Overlap(owner.staged(), found.get(owner.staged().id()).get()));
  }

  /** The earliest staged proposal that changes one of these paths, if any: the one the message names. */
  public Option<Overlap> firstOverlap(Iterable<RepoPath> paths) {
    return overlaps(paths).headOption();
  }

  /** The exact user-facing message for an overlap (see the class comment). */
  public static String message(Overlap overlap) {
    int more = overlap.paths().size() - 1;
    return "Proposal ‘"
        + overlap.staged().title()
        + "’ is already staged and also changes "
        + overlap.paths().head()
        + (more > 0 ? " and " + more + " more file(s)" : "")
        + ". Promote or discard the staged batch before staging this proposal.";
  }

  /**
   * The checker once {@code staged} is in the batch at apply position {@code position}. The batch
   * has checked that none of its files overlaps; this only records who owns them.
   */
  OverlapChecker with(int position, StagedProposal staged) {
    Map<String, Owner> next = owners;
    for (RepoPath path : staged.files()) {
      next = next.put(path.folded(), new Owner(position, staged, path));
    }
    return new OverlapChecker(next);
  }
}
