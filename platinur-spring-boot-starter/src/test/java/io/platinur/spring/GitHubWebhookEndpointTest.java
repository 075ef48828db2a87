package io.platinur.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.forge.PullRequestActivity;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.WebhookEvent;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.CommitId;
import io.platinur.spring.PlatinurSyncs.Kind;
import io.vavr.control.Option;
import java.util.EnumSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Which syncs each event concerns, and the delivery ids kept. */
class GitHubWebhookEndpointTest {
  static final CommitId SHA = CommitId.of("0123456789012345678901234567890123456789");
  static final PullRequestNumber PR = PullRequestNumber.of(7);

  @Nested
  class Concerns {
    @Test
    void a_promotion_prs_merge_close_or_new_head_asks_for_sync_promotions_too() {
      for (WebhookEvent event : new WebhookEvent[] {new WebhookEvent.PromotionPrMerged(PR, SHA), new WebhookEvent.PromotionPrClosed(PR),
          new WebhookEvent.PromotionPrUpdated(PR, SHA, "synchronize")}) {
        assertThat(GitHubWebhookEndpoint.concerns(event, true, Option.none())).as(event.toString())
            .isEqualTo(EnumSet.of(Kind.LANE, Kind.DIGESTS, Kind.PREVIEWS));
        assertThat(GitHubWebhookEndpoint.concerns(event, false, Option.none())).as(event.toString())
            .isEqualTo(EnumSet.of(Kind.DIGESTS, Kind.PREVIEWS));
      }
    }

    @Test
    void checks_ask_for_digests_and_previews_a_deployment_for_digests_a_merge_queue_for_the_lane_and_digests() {
      assertThat(GitHubWebhookEndpoint.concerns(new WebhookEvent.ChecksCompleted(SHA), false, Option.none()))
          .isEqualTo(EnumSet.of(Kind.DIGESTS, Kind.PREVIEWS));
      assertThat(GitHubWebhookEndpoint.concerns(new WebhookEvent.DeploymentStatusChanged("prod", SHA, DeploymentState.SUCCESS), false,
          Option.none())).isEqualTo(EnumSet.of(Kind.DIGESTS));
      assertThat(GitHubWebhookEndpoint.concerns(new WebhookEvent.MergeQueueChanged("destroyed", Option.none(), SHA), false,
          Option.none())).isEqualTo(EnumSet.of(Kind.LANE, Kind.DIGESTS));
    }

    @Test
    void an_ignored_event_asks_for_previews_only_when_a_pull_requests_activity_may_change_them() {
      WebhookEvent.Ignored ignored = new WebhookEvent.Ignored("pull_request", "action ‘opened’ is not a close");
      assertThat(GitHubWebhookEndpoint.concerns(ignored, false, Option.some(PullRequestActivity.OPENED))).isEqualTo(EnumSet.of(Kind.PREVIEWS));
      assertThat(GitHubWebhookEndpoint.concerns(ignored, false, Option.some(PullRequestActivity.OTHER))).isEmpty();
      assertThat(GitHubWebhookEndpoint.concerns(new WebhookEvent.Ignored("ping", "Platinur does not use this event"), false, Option.none()))
          .isEmpty();
    }
  }
}
