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
  }
}
