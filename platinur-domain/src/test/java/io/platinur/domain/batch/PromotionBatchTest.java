package io.platinur.domain.batch;

import static io.platinur.domain.Examples.commit;
import static io.platinur.domain.Examples.proposal;
import static io.platinur.domain.Examples.staged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.proposal.RepoPath;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PromotionBatchTest {
  private static final StagedProposal ORDERS =
      staged("orders", "Add orders model", commit(1), "models/orders.sql", "models/schema.yml", "README.md");
  private static final StagedProposal CUSTOMERS =
      staged("customers", "Add customers model", commit(2), "models/customers.sql", "models/schema.yml.bak", "seeds/c.csv");

  @Nested
  class Empty {
    private final PromotionBatch batch = PromotionBatch.empty();

    @Test
    void has_nothing_staged_and_no_last_commit() {
      assertThat(batch.isEmpty()).isTrue();
      assertThat(batch.size()).isZero();
      assertThat(batch.lastCommit().isEmpty()).isTrue();
      assertThat(batch.proposals()).isEmpty();
    }

    @Test
    void has_no_overlap_with_any_proposal() {
      assertThat(batch.overlaps(proposal("p", "t", "models/orders.sql"))).isEmpty();
    }

    @Test
    void keeps_proposals_in_apply_order() {
      PromotionBatch two = batch.add(ORDERS).flatMap(one -> one.add(CUSTOMERS)).get();
      assertThat(two.proposals()).containsExactly(ORDERS, CUSTOMERS);
      assertThat(two.lastCommit().get()).isEqualTo(commit(2));
      assertThat(two.contains(ProposalId.of("orders"))).isTrue();
      assertThat(two.find(ProposalId.of("customers")).get()).isEqualTo(CUSTOMERS);
      assertThat(two.find(ProposalId.of("absent")).isEmpty()).isTrue();
      assertThat(two).isEqualTo(PromotionBatch.of(List.of(ORDERS, CUSTOMERS)));
      assertThat(two.toString()).isEqualTo("PromotionBatch[orders@0000000, customers@0000000]");
    }
  }

  @Nested
  class With_one_staged_proposal {
    private final PromotionBatch batch = PromotionBatch.of(List.of(ORDERS));

    @Test
    void names_the_single_overlapping_path_without_a_count() {
      Overlap overlap = batch.overlaps(proposal("new", "New", "models/orders.sql", "other.sql")).single();
      assertThat(overlap.staged()).isEqualTo(ORDERS);
      assertThat(overlap.message()).isEqualTo(
          "Proposal ‘Add orders model’ is already staged and also changes models/orders.sql. "
              + "Promote or discard the staged batch before staging this proposal.");
    }

    @Test
    void names_the_first_overlapping_path_in_sorted_order_and_counts_the_others() {
      Overlap overlap = batch.overlaps(proposal("new", "New", "models/schema.yml", "models/orders.sql", "README.md")).single();
      assertThat(overlap.paths().map(RepoPath::value)).containsExactly("README.md", "models/orders.sql", "models/schema.yml");
      assertThat(overlap.message()).isEqualTo(
          "Proposal ‘Add orders model’ is already staged and also changes README.md and 2 more file(s). "
              + "Promote or discard the staged batch before staging this proposal.");
    }

    @Test
    void counts_one_more_file_in_the_same_form() {
      Overlap overlap = batch.overlaps(proposal("new", "New", "models/schema.yml", "models/orders.sql")).single();
      assertThat(overlap.message()).isEqualTo(
          "Proposal ‘Add orders model’ is already staged and also changes models/orders.sql and 1 more file(s). "
              + "Promote or discard the staged batch before staging this proposal.");
    }

    @Test
    void treats_a_case_only_difference_as_the_same_file_and_spells_it_as_staged() {
      Overlap overlap = batch.overlaps(proposal("new", "New", "MODELS/Orders.SQL")).single();
      assertThat(overlap.paths().map(RepoPath::value)).containsExactly("models/orders.sql");
      assertThat(overlap.message()).isEqualTo(
          "Proposal ‘Add orders model’ is already staged and also changes models/orders.sql. "
              + "Promote or discard the staged batch before staging this proposal.");
    }

    @Test
    void lets_disjoint_proposals_stage_freely() {
      assertThat(batch.overlaps(proposal("new", "New", "models/orders2.sql", "models/schema.yml.bak", "readme.md.txt")))
          .isEmpty();
      assertThat(batch.add(staged("new", "New", commit(9), "models/orders2.sql")).get().size()).isEqualTo(2);
    }

    @Test
    void refuses_to_add_an_overlapping_proposal_or_the_same_id() {
      StagedProposal overlapping = staged("new", "New", commit(9), "Readme.md");
      BatchRefusal overlap = batch.add(overlapping).getLeft();
      assertThat(overlap).isEqualTo(new BatchRefusal.FilesOverlap(batch.overlaps(overlapping.files()).single(), overlapping));
      assertThat(overlap.message()).isEqualTo("Staged proposals ‘Add orders model’ and ‘New’ both change README.md.");
      assertThat(batch.add(staged("orders", "Again", commit(9), "x")).getLeft())
          .isEqualTo(new BatchRefusal.AlreadyInBatch(ProposalId.of("orders")));
      assertThat(batch.add(staged("orders", "Again", commit(9), "x")).getLeft().message())
          .isEqualTo("Proposal orders is staged twice.");
    }
  }

  @Nested
  class With_several_staged_proposals {
    private final StagedProposal first = staged("first", "First", commit(1), "a.sql", "shared/x.sql");
    private final StagedProposal second = staged("second", "Second", commit(2), "b.sql", "c.sql");
    private final StagedProposal third = staged("third", "Third", commit(3), "d.sql", "e.sql", "f.sql");
    private final PromotionBatch batch = PromotionBatch.of(List.of(first, second, third));

    @Test
    void names_the_earliest_staged_proposal_when_several_overlap() {
      var overlaps = batch.overlaps(proposal("new", "New", "f.sql", "e.sql", "c.sql", "shared/X.sql"));
      assertThat(overlaps.map(Overlap::staged)).containsExactly(first, second, third);
      assertThat(overlaps.head().message()).isEqualTo(
          "Proposal ‘First’ is already staged and also changes shared/x.sql. "
              + "Promote or discard the staged batch before staging this proposal.");
      assertThat(overlaps.last().paths().map(RepoPath::value)).containsExactly("e.sql", "f.sql");
    }

    @Test
    void names_the_earliest_staged_even_when_a_later_one_has_more_overlapping_files() {
      var overlaps = batch.overlaps(proposal("new", "New", "d.sql", "e.sql", "f.sql", "b.sql"));
      assertThat(overlaps.head().message()).isEqualTo(
          "Proposal ‘Second’ is already staged and also changes b.sql. "
              + "Promote or discard the staged batch before staging this proposal.");
    }

    @Test
    void removes_a_proposal_and_takes_the_rebuilt_commits_of_the_later_ones() {
      PromotionBatch after = batch.remove(ProposalId.of("first"), List.of(commit(20), commit(30))).get();
      assertThat(after.proposals()).containsExactly(second.withCommit(commit(20)), third.withCommit(commit(30)));
      assertThat(after.overlaps(List.of(RepoPath.of("a.sql")))).isEmpty();
      assertThat(after.lastCommit().get()).isEqualTo(commit(30));
    }

    @Test
    void removes_the_last_proposal_without_rebuilt_commits() {
      PromotionBatch after = batch.remove(ProposalId.of("third"), List.empty()).get();
      assertThat(after.proposals()).containsExactly(first, second);
      assertThat(after.lastCommit().get()).isEqualTo(commit(2));
    }

    @Test
    void refuses_a_removal_with_the_wrong_number_of_rebuilt_commits() {
      assertThat(batch.remove(ProposalId.of("first"), List.of(commit(20))).getLeft().message())
          .isEqualTo("2 proposal(s) follow first but 1 rebuilt commit(s) were given.");
      assertThat(batch.remove(ProposalId.of("absent"), List.empty()).getLeft())
          .isEqualTo(new BatchRefusal.NotInBatch(ProposalId.of("absent")));
      assertThat(batch.remove(ProposalId.of("absent"), List.empty()).getLeft().message())
          .isEqualTo("Proposal absent is not staged.");
    }
  }

  @Nested
  class Read_back_from_git {
    @Test
    void refuses_an_overlapping_batch() {
      StagedProposal later = staged("later", "Later change", commit(5), "zzz", "MODELS/ORDERS.SQL");
      assertThatThrownBy(() -> PromotionBatch.of(List.of(ORDERS, later)))
          .isInstanceOf(InvalidValueException.class)
          .hasMessage("Staged proposals ‘Add orders model’ and ‘Later change’ both change models/orders.sql.");
    }

    @Test
    void refuses_a_staged_proposal_changing_two_paths_that_differ_only_in_case() {
      StagedProposal twice = staged("twice", "Both spellings", commit(5), "models/a.sql", "Models/A.sql", "b.sql");
      assertThatThrownBy(() -> PromotionBatch.of(List.of(ORDERS, twice)))
          .isInstanceOf(InvalidValueException.class)
          .hasMessage("Staged proposal ‘Both spellings’ changes both ‘Models/A.sql’ and ‘models/a.sql’, "
              + "which differ only in letter case.");
    }

    @Test
    void refuses_an_id_staged_twice() {
      assertThatThrownBy(() -> PromotionBatch.of(List.of(ORDERS, staged("orders", "x", commit(5), "other"))))
          .isInstanceOf(InvalidValueException.class)
          .hasMessage("Proposal orders is staged twice.");
    }

    @Test
    void refuses_a_staged_proposal_without_files() {
      assertThatThrownBy(() -> new StagedProposal(ProposalId.of("p"), "t", TreeSet.empty(), commit(1)))
          .isInstanceOf(InvalidValueException.class)
          .hasMessage("Staged proposal p changes no file.");
      assertThatThrownBy(() -> new StagedProposal(ProposalId.of("p"), null, TreeSet.of(RepoPath.of("a")), commit(1)))
          .isInstanceOf(InvalidValueException.class)
          .hasMessage("A staged proposal needs an id, a title, its files and its commit.");
    }
  }
}
