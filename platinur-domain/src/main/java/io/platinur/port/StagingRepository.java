package io.platinur.port;

import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.repository.BranchHeads;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/**
 * The Git side of a staging lane: one repository with a staging branch and a production branch.
 * Writing commits never moves a branch; branches move only by compare-and-swap.
 */
public interface StagingRepository {

  /** Where the staging and production branches point now. */
  Either<PortFailure, BranchHeads> heads();

  /**
   * Writes one commit that applies {@code proposal} on top of {@code parent}, with a
   * {@code Platinur-Proposal: <id>} trailer, and returns its id. No branch moves. Fails with
   * {@link PortFailure.Kind#NOTHING_TO_CHANGE} when every change is already in {@code parent}.
   */
  Either<PortFailure, CommitId> writeProposalCommit(CommitId parent, Proposal proposal, CommitAuthor author);

  /**
   * Re-applies each of {@code commits} (each a proposal commit) in order onto {@code onto}, one new
   * commit each, keeping messages and authors; returns the new commits in order. No branch moves.
   */
  Either<PortFailure, Seq<CommitId>> rebuild(CommitId onto, Seq<CommitId> commits, CommitAuthor committer);

  /**
   * The batch as Git records it: the proposal commits on staging that production lacks, oldest
   * first, with their ids (from the trailer), titles (the subject) and file sets.
   */
  Either<PortFailure, RecordedBatch> readBatch();

  /**
   * Moves the staging branch from {@code expected} to {@code next}, or fails with
   * {@link PortFailure.Kind#CONFLICT} when it no longer points at {@code expected}.
   */
  Either<PortFailure, CommitId> moveStaging(CommitId expected, CommitId next);

  /** Whether {@code ancestor} is reachable from {@code descendant} (or is it). */
  Either<PortFailure, Boolean> isAncestor(CommitId ancestor, CommitId descendant);

  /**
   * Removes lock files that a crashed writer left on the lane's refs: only those older than the
   * adapter's stale age, and only while none of its own writes is in progress. Returns one sentence
   * per file removed, for the user and the lane's history. Sync Promotions calls it first, so a
   * crash never blocks the lane until a person deletes a file. Stores without lock files remove
   * nothing.
   */
  default Either<PortFailure, Seq<String>> removeAbandonedLocks() {
    return Either.right(io.vavr.collection.List.empty());
  }

  /** The batch read back from Git: the commit it is built on and its proposals, oldest first. */
  record RecordedBatch(CommitId base, Seq<StagedProposal> proposals) {}
}
