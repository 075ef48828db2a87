package io.platinur.domain.batch;

import static io.platinur.domain.Examples.commit;
import static io.platinur.domain.Examples.staged;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.proposal.RepoPath;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

class OverlapCheckerTest {
  private static final StagedProposal FIRST = staged("first", "First", commit(1), "a.sql", "b.sql", "c.sql");
  private static final StagedProposal SECOND = staged("second", "Second", commit(2), "d.sql");
  private static final OverlapChecker CHECKER = PromotionBatch.of(List.of(FIRST, SECOND)).overlapChecker();

  private static List<RepoPath> paths(String... paths) {
    return List.of(paths).map(RepoPath::of);
  }

  @Test
  void finds_nothing_in_an_empty_batch_or_for_disjoint_files() {
    assertThat(OverlapChecker.empty().firstOverlap(paths("a.sql"))).isEmpty();
    assertThat(CHECKER.overlaps(paths("e.sql", "f.sql"))).isEmpty();
  }

  @Test
  void names_the_first_path_in_sorted_order_and_counts_the_others() {
    Overlap overlap = CHECKER.firstOverlap(paths("c.sql", "A.SQL", "b.sql")).get();
    assertThat(overlap.paths().map(RepoPath::value)).containsExactly("a.sql", "b.sql", "c.sql");
    assertThat(OverlapChecker.message(overlap)).isEqualTo(
        "Proposal ‘First’ is already staged and also changes a.sql and 2 more file(s). "
            + "Promote or discard the staged batch before staging this proposal.");
  }

  @Test
  void leaves_out_the_count_when_one_file_overlaps() {
    assertThat(CHECKER.firstOverlap(paths("d.sql")).get().message()).isEqualTo(
        "Proposal ‘Second’ is already staged and also changes d.sql. "
            + "Promote or discard the staged batch before staging this proposal.");
  }

  @Test
  void names_the_earliest_staged_proposal_where_several_overlap() {
    assertThat(CHECKER.overlaps(paths("d.sql", "c.sql")).map(Overlap::staged)).containsExactly(FIRST, SECOND);
    assertThat(CHECKER.firstOverlap(paths("d.sql", "c.sql")).get().staged()).isEqualTo(FIRST);
  }
}
