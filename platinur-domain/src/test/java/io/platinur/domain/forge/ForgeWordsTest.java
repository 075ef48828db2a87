package io.platinur.domain.forge;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.card.CardStatus;
import io.platinur.domain.lock.ReleaseLock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ForgeWordsTest {

  @Nested
  class on_github {
    @Test
    void the_words_are_the_seeds_byte_for_byte() {
      assertThat(ForgeWords.GITHUB.promotionPrOpenMessage()).isEqualTo(ReleaseLock.PROMOTION_PR_OPEN_MESSAGE)
          .isEqualTo("A promotion PR is open. Merge or close it in GitHub before applying more staging changes.");
      assertThat(ForgeWords.GITHUB.awaitingMainSyncMessage()).isEqualTo(ReleaseLock.AWAITING_MAIN_SYNC_MESSAGE)
          .isEqualTo("A merged promotion is being finalized from GitHub main. Sync Promotions before applying another staging change.");
      assertThat(ForgeWords.GITHUB.waitingForOpenPr()).isEqualTo(CardStatus.WAITING_FOR_OPEN_PR.label());
    }

    @Test
    void say_changes_nothing() {
      assertThat(ForgeWords.GITHUB.say(ReleaseLock.PROMOTION_PR_OPEN_MESSAGE)).isEqualTo(ReleaseLock.PROMOTION_PR_OPEN_MESSAGE);
      assertThat(ForgeWords.GITHUB.say("Opened PR #12 promoting api to staging")).isEqualTo("Opened PR #12 promoting api to staging");
    }
  }

  @Nested
  class on_gitlab {
    @Test
    void the_seeds_messages_name_gitlab_and_merge_requests_byte_for_byte() {
      assertThat(ForgeWords.GITLAB.say(ReleaseLock.PROMOTION_PR_OPEN_MESSAGE))
          .isEqualTo("A promotion merge request is open. Merge or close it in GitLab before applying more staging changes.");
      assertThat(ForgeWords.GITLAB.say(ReleaseLock.AWAITING_MAIN_SYNC_MESSAGE))
          .isEqualTo("A merged promotion is being finalized from GitLab main. Sync Promotions before applying another staging change.");
      assertThat(ForgeWords.GITLAB.say(CardStatus.WAITING_FOR_OPEN_PR.label())).isEqualTo("Waiting for open merge request");
    }

    @Test
    void a_message_that_holds_one_keeps_every_other_byte() {
      String line = "p-3  Waiting for open PR  " + ReleaseLock.PROMOTION_PR_OPEN_MESSAGE;
      assertThat(ForgeWords.GITLAB.say(line)).isEqualTo("p-3  Waiting for open merge request  "
          + "A promotion merge request is open. Merge or close it in GitLab before applying more staging changes.");
      assertThat(ForgeWords.GITLAB.say("Proposal ‘Add orders model’ is already deployed."))
          .isEqualTo("Proposal ‘Add orders model’ is already deployed.");
      assertThat(ForgeWords.GITLAB.say(CardStatus.WAITING_FOR_MAIN_SYNC.label())).isEqualTo("Waiting for main sync");
    }

    @Test
    void a_promotion_by_digest_names_merge_requests_as_gitlab_references_them() {
      assertThat(ForgeWords.GITLAB.say("Opened PR #12 promoting api to staging: platinur/promote/api/staging"))
          .isEqualTo("Opened merge request !12 promoting api to staging: platinur/promote/api/staging");
      assertThat(ForgeWords.GITLAB.say("api → prod: PR #3 open; rolling back (canary failed): PR #4 open"))
          .isEqualTo("api → prod: merge request !3 open; rolling back (canary failed): merge request !4 open");
      assertThat(ForgeWords.GITLAB.say("CI reported at 1a2b3c4, not at 5d6e7f8, the PR's head."))
          .isEqualTo("CI reported at 1a2b3c4, not at 5d6e7f8, the merge request's head.");
      assertThat(ForgeWords.GITLAB.say("The promotion of api to prod has no PR yet. Sync Promotions to open it."))
          .isEqualTo("The promotion of api to prod has no merge request yet. Sync Promotions to open it.");
    }

    @Test
    void letters_p_r_inside_a_word_or_a_name_are_kept() {
      for (String kept : java.util.List.of("PRs", "APR", "PR_42", "platinur/promote/api/PRod", "#5 is an issue")) {
        assertThat(ForgeWords.GITLAB.say(kept)).isEqualTo(kept);
      }
    }
  }
}
