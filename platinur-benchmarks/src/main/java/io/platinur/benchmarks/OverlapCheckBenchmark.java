package io.platinur.benchmarks;

import io.platinur.domain.batch.PromotionBatch;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.lane.LaneApplyRejection;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.HashSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The overlap check of a 10-file proposal ({@link StagingLane#apply(Proposal)}) against a batch holding
 * 10, 1,000 or 100,000 staged files (10 files per staged proposal). The batch indexes its paths,
 * so the check should cost the same at every batch size: it depends on the new proposal's files.
 *
 * <p>{@code overlapping} shares one file (in another letter case) with the last staged proposal
 * and is rejected with the overlap message; {@code disjoint} shares none and is accepted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OverlapCheckBenchmark {
  private static final int FILES_PER_PROPOSAL = 10;

  @Param({"10", "1000", "100000"})
  public int stagedFiles;

  private StagingLane lane;
  private Proposal overlapping;
  private Proposal disjoint;

  @Setup(Level.Trial)
  public void stageTheBatch() {
    PromotionBatch batch = PromotionBatch.empty();
    int proposals = stagedFiles / FILES_PER_PROPOSAL;
    for (int p = 0; p < proposals; p++) {
      TreeSet<RepoPath> files = TreeSet.empty();
      for (int f = 0; f < FILES_PER_PROPOSAL; f++) {
        files = files.add(RepoPath.of("models/staged-" + p + "/file-" + f + ".sql"));
      }
      batch = batch.add(new StagedProposal(ProposalId.of("staged-" + p), "Staged change " + p, files, commit(p + 1)))
          .getOrElseThrow(refusal -> new IllegalStateException(refusal.message()));
    }
    if (batch.proposals().map(s -> s.files().size()).sum().intValue() != stagedFiles) {
      throw new IllegalStateException("The batch holds the wrong number of files.");
    }
    lane = StagingLane.restore(commit(0), batch, ReleaseLock.unlocked(), HashSet.empty());

    Proposal.Builder overlappingBuilder = Proposal.builder(ProposalId.of("new-overlapping"), "Overlapping change");
    Proposal.Builder disjointBuilder = Proposal.builder(ProposalId.of("new-disjoint"), "Disjoint change");
    for (int f = 0; f < FILES_PER_PROPOSAL; f++) {
      overlappingBuilder.write(f == 0 ? "MODELS/STAGED-" + (proposals - 1) + "/FILE-3.SQL" : "models/new/file-" + f + ".sql", "select 1");
      disjointBuilder.write("models/new/file-" + f + ".sql", "select 1");
    }
    overlapping = overlappingBuilder.build();
    disjoint = disjointBuilder.build();
    if (lane.apply(overlapping).isRight() || lane.apply(disjoint).isLeft()) {
      throw new IllegalStateException("The proposals do not overlap as intended.");
    }
  }

  @Benchmark
  public Either<LaneApplyRejection, StagingLane.ApplyAccepted> overlapping() {
    return lane.apply(overlapping);
  }

  @Benchmark
  public Either<LaneApplyRejection, StagingLane.ApplyAccepted> disjoint() {
    return lane.apply(disjoint);
  }

  private static CommitId commit(long n) {
    return CommitId.of(String.format("%040x", n));
  }
}
