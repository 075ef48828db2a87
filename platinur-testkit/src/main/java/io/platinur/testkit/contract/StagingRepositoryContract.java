package io.platinur.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchHeads;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.StagingRepository;
import io.platinur.port.StagingRepository.RecordedBatch;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StagingRepository} must do, whichever store keeps the branches: commits are
 * written without moving a branch, staging moves only by compare-and-swap, and the batch reads
 * back from the branches alone. Subclass it per implementation and supply a fresh world per test.
 */
public abstract class StagingRepositoryContract {

  /** A repository whose staging and production branches point at the same commit. */
  public interface World extends AutoCloseable {
    StagingRepository repository();

    /** Somebody adds a commit writing {@code path} on the production branch (a merge, a hot fix). */
    CommitId advanceProduction(String path);

    @Override
    default void close() {}
  }

  protected static final CommitAuthor AUTHOR = new CommitAuthor("Ana", "ana@example.com", Instant.parse("2026-11-24T10:00:00Z"));

  /** A fresh world: staging and production at one commit, nothing staged. */
  protected abstract World newWorld();

  protected World world;
  protected StagingRepository repository;

  @BeforeEach
  void startWorld() {
    world = newWorld();
    repository = world.repository();
  }

  @AfterEach
  void closeWorld() throws Exception {
    world.close();
  }

  protected static Proposal writing(String id, String title, String... paths) {
    Proposal.Builder builder = Proposal.builder(ProposalId.of(id), title);
    for (String path : paths) {
      builder.write(path, "-- " + id + " " + path + "\n");
    }
    return builder.build();
  }

  private static <T> T ok(Either<PortFailure, T> result) {
    assertThat(result.isRight()).as("succeeded, but was %s", result).isTrue();
    return result.get();
  }

  private BranchHeads heads() {
    return ok(repository.heads());
  }

  private CommitId stage(Proposal proposal) {
    CommitId head = heads().staging();
    return ok(repository.moveStaging(head, ok(repository.writeProposalCommit(head, proposal, AUTHOR))));
  }

  private static StagedProposal staged(Proposal proposal, CommitId commit) {
    return new StagedProposal(proposal.id(), proposal.title(), proposal.fileSet(), commit);
  }

  @Test
  void starts_with_nothing_staged_on_the_production_head() {
    BranchHeads heads = heads();
    assertThat(heads.staging()).isEqualTo(heads.production());
    assertThat(ok(repository.readBatch())).isEqualTo(new RecordedBatch(heads.production(), List.empty()));
  }

  @Test
  void writes_a_proposal_commit_without_moving_a_branch() {
    BranchHeads before = heads();
    CommitId commit = ok(repository.writeProposalCommit(before.staging(), writing("p-1", "Add orders", "models/orders.sql"), AUTHOR));
    assertThat(commit).isNotEqualTo(before.staging());
    assertThat(heads()).isEqualTo(before);
    assertThat(ok(repository.isAncestor(before.staging(), commit))).isTrue();
    assertThat(ok(repository.isAncestor(commit, before.staging()))).isFalse();
    assertThat(ok(repository.isAncestor(commit, commit))).isTrue();
  }

  @Test
  void reads_the_batch_back_oldest_first_with_ids_titles_files_and_commits() {
    CommitId base = heads().production();
    Proposal orders = writing("p-1", "Add orders", "models/orders.sql", "models/schema.yml");
    Proposal customers = writing("p-2", "Add customers", "models/customers.sql");
    CommitId first = stage(orders);
    CommitId second = stage(customers);
    assertThat(heads()).isEqualTo(new BranchHeads(second, base));
    assertThat(ok(repository.readBatch()))
        .isEqualTo(new RecordedBatch(base, List.of(staged(orders, first), staged(customers, second))));
    assertThat(ok(repository.readBatch()).proposals().head().files().map(RepoPath::value))
        .containsExactly("models/orders.sql", "models/schema.yml");
  }

  @Test
  void moves_staging_only_from_the_expected_commit() {
    CommitId base = heads().staging();
    CommitId first = ok(repository.writeProposalCommit(base, writing("p-1", "One", "one.sql"), AUTHOR));
    CommitId second = ok(repository.writeProposalCommit(base, writing("p-2", "Two", "two.sql"), AUTHOR));
    assertThat(ok(repository.moveStaging(base, first))).isEqualTo(first);

    PortFailure lost = repository.moveStaging(base, second).getLeft();
    assertThat(lost.kind()).isEqualTo(PortFailure.Kind.CONFLICT);
    assertThat(lost.isConflict()).isTrue();
    assertThat(heads().staging()).isEqualTo(first);
  }

  @Test
  void refuses_a_proposal_that_changes_nothing() {
    Proposal orders = writing("p-1", "Add orders", "models/orders.sql");
    CommitId first = stage(orders);
    PortFailure nothing = repository.writeProposalCommit(first, writing("p-1", "Add orders", "models/orders.sql"), AUTHOR).getLeft();
    assertThat(nothing.kind()).isEqualTo(PortFailure.Kind.NOTHING_TO_CHANGE);
    assertThat(heads().staging()).isEqualTo(first);
  }

  @Test
  void rebuilds_later_proposals_onto_an_earlier_commit_keeping_what_they_are() {
    CommitId base = heads().production();
    Proposal orders = writing("p-1", "Add orders", "models/orders.sql");
    Proposal customers = writing("p-2", "Add customers", "models/customers.sql");
    Proposal payments = writing("p-3", "Add payments", "models/payments.sql");
    stage(orders);
    CommitId second = stage(customers);
    CommitId third = stage(payments);

    // Unapply orders: customers and payments are rebuilt onto the base, in order.
    var rebuilt = ok(repository.rebuild(base, List.of(second, third), AUTHOR));
    assertThat(rebuilt).hasSize(2).doesNotContain(second, third);
    assertThat(heads().staging()).as("rebuilding moves no branch").isEqualTo(third);
    assertThat(ok(repository.isAncestor(base, rebuilt.get(0)))).isTrue();
    assertThat(ok(repository.isAncestor(rebuilt.get(0), rebuilt.get(1)))).isTrue();

    ok(repository.moveStaging(third, rebuilt.get(1)));
    assertThat(ok(repository.readBatch())).isEqualTo(
        new RecordedBatch(base, List.of(staged(customers, rebuilt.get(0)), staged(payments, rebuilt.get(1)))));
  }

  @Test
  void reads_the_batch_against_where_production_points_now() {
    Proposal orders = writing("p-1", "Add orders", "models/orders.sql");
    CommitId first = stage(orders);
    CommitId production = world.advanceProduction("hotfix.sql");
    assertThat(heads()).isEqualTo(new BranchHeads(first, production));
    assertThat(ok(repository.isAncestor(first, production))).isFalse();
    RecordedBatch batch = ok(repository.readBatch());
    assertThat(batch.proposals().map(StagedProposal::id)).containsExactly(ProposalId.of("p-1"));
    assertThat(batch.proposals().head().files()).isEqualTo(TreeSet.of(RepoPath.of("models/orders.sql")));
  }
}
