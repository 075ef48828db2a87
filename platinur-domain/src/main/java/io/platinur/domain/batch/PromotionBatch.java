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
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The proposals applied to Staging since the last release, in apply order, each with the staging
 * commit that applied it. No two of them change the same file (paths compared ignoring letter
 * case): {@link #add} refuses, as a {@link BatchRefusal}, to break that.
 *
 * <p>The batch keeps its {@link OverlapChecker}, the index from each staged path to its proposal,
 * so {@link #overlaps} costs time in proportion to the new proposal's file count, not to the size
 * of the batch.
 */
public final class PromotionBatch {
  private static final PromotionBatch EMPTY = new PromotionBatch(Vector.empty(), OverlapChecker.empty(), HashMap.empty());

  private final Vector<StagedProposal> proposals;
  private final OverlapChecker overlapChecker;
  /** proposal id -> its position in apply order. */
  private final Map<ProposalId, Integer> positions;

  private PromotionBatch(Vector<StagedProposal> proposals, OverlapChecker overlapChecker, Map<ProposalId, Integer> positions) {
    this.proposals = proposals;
    this.overlapChecker = overlapChecker;
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
  public static Either<BatchRefusal, PromotionBatch> recorded(Iterable<StagedProposal> staged) {
    Either<BatchRefusal, PromotionBatch> batch = Either.right(EMPTY);
    for (StagedProposal proposal : staged) {
      batch = batch.flatMap(sofar -> sofar.contains(proposal.id())
          ? Either.left(new BatchRefusal.AlreadyInBatch(proposal.id()))
          : caseOnlyPair(proposal.files())
              .<Either<BatchRefusal, PromotionBatch>>map(pair -> Either.left(new BatchRefusal.CaseOnlyPaths(proposal, pair._1, pair._2)))
              .getOrElse(() -> sofar.add(proposal)));
    }
    return batch;
  }

  /**
   * {@link #recorded} for values known to be valid (tests, examples); throws {@link
   * InvalidValueException} with the refusal's message otherwise.
   */
  public static PromotionBatch of(Iterable<StagedProposal> staged) {
    return recorded(staged).getOrElseThrow(refusal -> new InvalidValueException(refusal.message()));
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

  /** The staged proposals after this one, in apply order; none when it is not staged. */
  public Seq<StagedProposal> after(ProposalId id) {
    return positions.get(id).map(position -> (Seq<StagedProposal>) proposals.drop(position + 1)).getOrElse(Vector.empty());
  }

  /** The commit a staged proposal was applied on top of: the previous proposal's, or none for the first. */
  public Option<CommitId> commitBefore(ProposalId id) {
    return positions.get(id).filter(position -> position > 0).map(position -> proposals.get(position - 1).commit());
  }

  /** The batch's overlap checker: who owns each staged file. */
  public OverlapChecker overlapChecker() {
    return overlapChecker;
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
    return overlapChecker.overlaps(paths);
  }

  /** The batch with one more proposal at its end; refused when it is staged already or overlaps. */
  public Either<BatchRefusal, PromotionBatch> add(StagedProposal staged) {
    Objects.requireNonNull(staged);
    if (contains(staged.id())) {
      return Either.left(new BatchRefusal.AlreadyInBatch(staged.id()));
    }
    return overlapChecker.firstOverlap(staged.files())
        .<Either<BatchRefusal, PromotionBatch>>map(overlap -> Either.left(new BatchRefusal.FilesOverlap(overlap, staged)))
        .getOrElse(() -> Either.right(new PromotionBatch(
            proposals.append(staged), overlapChecker.with(proposals.size(), staged), positions.put(staged.id(), proposals.size()))));
  }

  /**
   * The batch without one proposal; the proposals after it were rebuilt onto the commit before it
   * and are now applied by {@code rebuiltCommits}, one per later proposal, in order.
   */
  public Either<BatchRefusal, PromotionBatch> remove(ProposalId id, Seq<CommitId> rebuiltCommits) {
    Option<Integer> found = positions.get(id);
    if (found.isEmpty()) {
      return Either.left(new BatchRefusal.NotInBatch(id));
    }
    int position = found.get();
    Vector<StagedProposal> kept = proposals.take(position);
    Vector<StagedProposal> later = proposals.drop(position + 1);
    if (later.size() != rebuiltCommits.size()) {
      return Either.left(new BatchRefusal.RebuiltCountMismatch(id, later.size(), rebuiltCommits.size()));
    }
    List<StagedProposal> rebuilt = later.zipWith(rebuiltCommits, StagedProposal::withCommit).toList();
    return recorded(kept.appendAll(rebuilt));
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
