package io.platinur.domain.lane;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/** Every lane event says what happened in a sentence for a person, never its type name. */
class LaneEventWordsTest {
  private static final CommitId HEAD = CommitId.of("4f2a9c1d00000000000000000000000000000000");
  private static final CommitId REBUILT = CommitId.of("5e3b0d2e00000000000000000000000000000000");
  private static final PullRequestNumber PR = PullRequestNumber.of(1);

  @Test
  void each_event_in_words() {
    assertThat(new LaneEvent.PromotionPrMerged(PR, HEAD).words()).isEqualTo("Merged promotion PR #1 as 4f2a9c1.");
    assertThat(new LaneEvent.PromotionPrOpened(PR, HEAD).words()).isEqualTo("Opened promotion PR #1 at 4f2a9c1; Staging is locked.");
    assertThat(new LaneEvent.PromotionPrClosed(PR).words())
        .isEqualTo("Promotion PR #1 was closed without merging; Staging is unlocked and keeps its batch.");
    assertThat(new LaneEvent.PromotionFinalized(PR, List.of(ProposalId.of("p-1"), ProposalId.of("p-2")), HEAD).words())
        .isEqualTo("Finalized promotion PR #1: deployed p-1, p-2; Staging reset to 4f2a9c1 and unlocked.");
    assertThat(new LaneEvent.BatchDiscarded(List.of(ProposalId.of("p-1"))).words())
        .isEqualTo("Discarded the staged batch (p-1); Staging is back at its base.");
    assertThat(new LaneEvent.ProposalUnstaged(ProposalId.of("p-1"), List.empty()).words()).isEqualTo("Unapplied p-1 from Staging.");
    assertThat(new LaneEvent.ProposalUnstaged(ProposalId.of("p-1"), List.of(REBUILT)).words())
        .isEqualTo("Unapplied p-1 from Staging; rebuilt the 1 proposal(s) staged after it.");
  }

  @Test
  void an_applied_proposal_is_said_by_its_title_first() {
    StagedProposal staged = new StagedProposal(ProposalId.of("p-1"), "Add orders model", io.vavr.collection.TreeSet.of(RepoPath.of("models/orders.sql")), HEAD);
    assertThat(new LaneEvent.ProposalStaged(staged).words()).isEqualTo("Applied ‘Add orders model’ to Staging as 4f2a9c1 (p-1).");
  }
}
