package io.platinur.domain.batch;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.CommitId;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The proposals applied to Staging since the last release, in apply order, each with the staging
 * commit that applied it. No two of them change the same file (paths compared ignoring letter
 * case); {@link #add} refuses to break that.
 *
 * <p>The batch keeps an index from each staged path to its proposal, so {@link #overlaps} costs
 * time in proportion to the new proposal's file count, not to the size of the batch.
 */
public final class PromotionBatch {
  private static final PromotionBatch EMPTY = new PromotionBatch(Vector.empty(), HashMap.empty(), HashMap.empty());

  private final Vector<StagedProposal> proposals;
  /** folded path -> (staged proposal id, the path as it spells it). */
  private final Map<String, Tuple2<ProposalId, RepoPath>> owners;
  /** proposal id -> its position in apply order. */
  private final Map<ProposalId, Integer> positions;

  private PromotionBatch(
      Vector<StagedProposal> proposals,
      Map<String, Tuple2<ProposalId, RepoPath>> owners,
      Map<ProposalId, Integer> positions) {
    this.proposals = proposals;
    this.owners = owners;
    this.positions = positions;
  }

  public static PromotionBatch empty() {
    return EMPTY;
  }

  /**
   * A batch of these staged proposals in this order, as read back from Git; refused when two of
   * them change the same file or share an id, or one of them changes two paths that differ only in
   * letter case.
   */
  public static PromotionBatch of(Iterable<StagedProposal> staged) {
    PromotionBatch batch = EMPTY;
    for (StagedProposal proposal : staged) {
      if (batch.contains(proposal.id())) {
        throw new InvalidValueException("Proposal " + proposal.id() + " is staged twice.");
      }
      Option<Tuple2<RepoPath, RepoPath>> caseOnly = caseOnlyPair(proposal.files());
      if (caseOnly.isDefined()) {
        throw new InvalidValueException(
            "Staged proposal ‘" + proposal.title() + "’ changes both ‘" + caseOnly.get()._1 + "’ and ‘"
                + caseOnly.get()._2 + "’, which differ only in letter case.");
      }
      Seq<Overlap> overlaps = batch.overlaps(proposal.files());
      if (!overlaps.isEmpty()) {
        throw new InvalidValueException(
            "Staged proposals ‘" + overlaps.head().staged().title() + "’ and ‘" + proposal.title()
                + "’ both change " + overlaps.head().paths().head() + ".");
      }
      batch = batch.add(proposal);
    }
    return batch;
  }

  /** The first two of these paths that differ only in letter case, if any: one file on many checkouts. */
  private static Option<Tuple2<RepoPath, RepoPath>> caseOnlyPair(Iterable<RepoPath> paths) {
    Map<String, RepoPath> seen = HashMap.empty();
    for (RepoPath path : paths) {
      Option<RepoPath> earlier = seen.get(path.folded());
      if (earlier.isDefined()) {
        return Option.some(Tuple.of(earlier.get(), path));
      }
      seen = seen.put(path.folded(), path);
    }
    return Option.none();
  }

  /** The staged proposals, in apply order. */
  public Seq<StagedProposal> proposals() {
    return proposals;
  }

  public boolean isEmpty() {
    return proposals.isEmpty();
  }

  public int size() {
    return proposals.size();
  }

  public boolean contains(ProposalId id) {
    return positions.containsKey(id);
  }

  public Option<StagedProposal> find(ProposalId id) {
    return positions.get(id).map(proposals::get);
  }

  /** The commit of the last staged proposal: the staging head while the batch is not empty. */
  public Option<CommitId> lastCommit() {
    return proposals.lastOption().map(StagedProposal::commit);
  }

  /** Overlaps between the batch and a new proposal, earliest staged first. */
  public Seq<Overlap> overlaps(Proposal proposal) {
    return overlaps(proposal.fileSet());
  }

  /**
   * Overlaps between the batch and a set of paths, earliest staged first; each overlap lists the
   * paths as the staged proposal spells them, sorted.
   */
  public Seq<Overlap> overlaps(Iterable<RepoPath> paths) {
    Map<ProposalId, TreeSet<RepoPath>> hits = HashMap.empty();
    for (RepoPath path : paths) {
      Option<Tuple2<ProposalId, RepoPath>> owner = owners.get(path.folded());
      if (owner.isDefined()) {
        ProposalId id = owner.get()._1;
        RepoPath spelled = owner.get()._2;
        hits = hits.put(id, hits.get(id).map(set -> set.add(spelled)).getOrElse(() -> TreeSet.of(spelled)));
      }
    }
    return hits.toList()
        .sortBy(hit -> positions.get(hit._1).get())
        .map(hit -> new Overlap(proposals.get(positions.get(hit._1).get()), hit._2));
  }

  /** The batch with one more proposal at its end. The caller has checked overlaps. */
  public PromotionBatch add(StagedProposal staged) {
    Objects.requireNonNull(staged);
    if (contains(staged.id())) {
      throw new IllegalStateException("Proposal " + staged.id() + " is already staged.");
    }
    Map<String, Tuple2<ProposalId, RepoPath>> nextOwners = owners;
    for (RepoPath path : staged.files()) {
      if (nextOwners.containsKey(path.folded())) {
        throw new IllegalStateException("Path " + path + " is already staged.");
      }
      nextOwners = nextOwners.put(path.folded(), Tuple.of(staged.id(), path));
    }
    return new PromotionBatch(
        proposals.append(staged), nextOwners, positions.put(staged.id(), proposals.size()));
  }

  /**
   * The batch without one proposal; the proposals after it were rebuilt onto the commit before it
   * and are now applied by {@code rebuiltCommits}, one per later proposal, in order.
   */
  public PromotionBatch remove(ProposalId id, Seq<CommitId> rebuiltCommits) {
    int position = positions.get(id).getOrElseThrow(() -> new IllegalStateException("Proposal " + id + " is not staged."));
    Vector<StagedProposal> kept = proposals.take(position);
    Vector<StagedProposal> later = proposals.drop(position + 1);
    if (later.size() != rebuiltCommits.size()) {
      throw new IllegalStateException(
          later.size() + " proposal(s) follow " + id + " but " + rebuiltCommits.size() + " rebuilt commit(s) were given.");
    }
    List<StagedProposal> rebuilt = later.zipWith(rebuiltCommits, StagedProposal::withCommit).toList();
    return of(kept.appendAll(rebuilt));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PromotionBatch that && proposals.equals(that.proposals);
  }

  @Override
  public int hashCode() {
    return proposals.hashCode();
  }

  @Override
  public String toString() {
    return "PromotionBatch" + proposals.map(p -> p.id() + "@" + p.commit().abbreviated()).mkString("[", ", ", "]");
  }
}
