package io.platinur.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.WebhookDelivery;
import io.platinur.domain.forge.WebhookEvent;
import io.platinur.domain.forge.WebhookRefusal;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.WebhookReceiver;
import io.vavr.control.Either;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WebhookReceiver} must do, whichever forge sends the deliveries: refuse a
 * delivery without proof of origin or with a wrong one (401, before reading the body); map the
 * forge's merge, close, new head, finished CI and deployment deliveries to the same
 * {@link WebhookEvent} values; ignore pull requests that are not promotion PRs (other branches,
 * forks); and wake the host once per delivery, however often the forge sends it again. A delivery
 * that is dropped is simply never received: polling with sync stays the truth.
 */
public abstract class WebhookReceiverContract {

  /** Promotion PRs run from {@code staging} into {@code main}. */
  public interface World {
    /** The receiver for promotion PRs from {@code staging} into {@code main}, knowing the webhook's secret. */
    WebhookReceiver receiver();

    /** Promotion PR {@code number} was merged as {@code merge}: the forge's delivery, with proof of origin and delivery id {@code id}. */
    WebhookDelivery merged(PullRequestNumber number, CommitId merge, String id);

    /** Promotion PR {@code number} was closed without merging. */
    WebhookDelivery closed(PullRequestNumber number, String id);

    /** Promotion PR {@code number} got the new head {@code head}. */
    WebhookDelivery newHead(PullRequestNumber number, CommitId head, String id);

    /** A pull request from a fork whose branch is named staging was merged. */
    WebhookDelivery forkMerged(PullRequestNumber number, CommitId merge, String id);

    /** A pull request from {@code feature} into {@code main} was merged. */
    WebhookDelivery otherBranchMerged(PullRequestNumber number, CommitId merge, String id);

    /** CI finished at {@code commit} (a check suite, a pipeline). */
    WebhookDelivery ciFinished(CommitId commit, String id);

    /** A deployment of {@code commit} to {@code environment} succeeded. */
    WebhookDelivery deploymentSucceeded(String environment, CommitId commit, String id);

    /** {@code delivery} without its proof of origin (signature or token header). */
    WebhookDelivery withoutProof(WebhookDelivery delivery);

    /** {@code delivery} with a proof made with another secret. */
    WebhookDelivery withWrongProof(WebhookDelivery delivery);
  }

  protected abstract World newWorld();

  protected static final PullRequestNumber PR = PullRequestNumber.of(7);
  protected static final CommitId MERGE = CommitId.of("9e3c1f5a0b7d2c4e6f8a1b3c5d7e9f0a2b4c6d8e");
  protected static final CommitId HEAD = CommitId.of("6dcb09b5b57875f334f61aebed695e2e4193db5e");

  protected World world;

  @BeforeEach
  void startWorld() {
    world = newWorld();
  }

  private WebhookEvent accepted(WebhookDelivery delivery) {
    Either<WebhookRefusal, WebhookEvent> received = world.receiver().receive(delivery);
    assertThat(received.isRight()).as("refused: %s", received).isTrue();
    return received.get();
  }

  @Test
  void a_merged_promotion_pr_is_promotion_pr_merged_with_its_merge_commit() {
    assertThat(accepted(world.merged(PR, MERGE, "d-1"))).isEqualTo(new WebhookEvent.PromotionPrMerged(PR, MERGE));
  }

  @Test
  void a_closed_promotion_pr_is_promotion_pr_closed() {
    assertThat(accepted(world.closed(PR, "d-1"))).isEqualTo(new WebhookEvent.PromotionPrClosed(PR));
  }

  @Test
  void a_new_head_is_promotion_pr_updated_at_that_head() {
    WebhookEvent event = accepted(world.newHead(PR, HEAD, "d-1"));
    assertThat(event).isInstanceOf(WebhookEvent.PromotionPrUpdated.class);
    assertThat(((WebhookEvent.PromotionPrUpdated) event).head()).isEqualTo(HEAD);
    assertThat(((WebhookEvent.PromotionPrUpdated) event).number()).isEqualTo(PR);
  }

  @Test
  void finished_ci_is_checks_completed_at_its_commit() {
    assertThat(accepted(world.ciFinished(HEAD, "d-1"))).isEqualTo(new WebhookEvent.ChecksCompleted(HEAD));
  }

  @Test
  void a_deployment_is_deployment_status_changed() {
    assertThat(accepted(world.deploymentSucceeded("staging", HEAD, "d-1")))
        .isEqualTo(new WebhookEvent.DeploymentStatusChanged("staging", HEAD, DeploymentState.SUCCESS));
  }

  @Test
  void pull_requests_that_are_not_promotion_prs_are_ignored() {
    assertThat(accepted(world.forkMerged(PR, MERGE, "d-1"))).isInstanceOf(WebhookEvent.Ignored.class);
    assertThat(accepted(world.otherBranchMerged(PR, MERGE, "d-2"))).isInstanceOf(WebhookEvent.Ignored.class);
  }

  @Test
  void a_delivery_without_proof_of_origin_is_refused_with_401() {
    Either<WebhookRefusal, WebhookEvent> received = world.receiver().receive(world.withoutProof(world.merged(PR, MERGE, "d-1")));
    assertThat(received.getLeft().reason()).isEqualTo(WebhookRefusal.Reason.MISSING_SIGNATURE);
    assertThat(received.getLeft().reason().httpStatus()).isEqualTo(401);
  }

  @Test
  void a_delivery_with_a_wrong_proof_is_refused_with_401() {
    Either<WebhookRefusal, WebhookEvent> received = world.receiver().receive(world.withWrongProof(world.merged(PR, MERGE, "d-1")));
    assertThat(received.getLeft().reason()).isEqualTo(WebhookRefusal.Reason.WRONG_SIGNATURE);
    assertThat(received.getLeft().reason().httpStatus()).isEqualTo(401);
  }

  @Test
  void a_repeated_delivery_wakes_the_host_once() {
    WebhookReceiver receiver = world.receiver();
    WebhookDelivery delivery = world.merged(PR, MERGE, "d-42");

    assertThat(receiver.receive(delivery).get()).isEqualTo(new WebhookEvent.PromotionPrMerged(PR, MERGE));
    assertThat(receiver.receive(delivery).get()).isInstanceOf(WebhookEvent.Ignored.class);
    assertThat(((WebhookEvent.Ignored) receiver.receive(delivery).get()).why()).contains("d-42").contains("already received");
  }

  @Test
  void another_delivery_of_the_same_event_is_a_new_delivery() {
    WebhookReceiver receiver = world.receiver();
    receiver.receive(world.merged(PR, MERGE, "d-1"));
    assertThat(receiver.receive(world.merged(PR, MERGE, "d-2")).get()).isEqualTo(new WebhookEvent.PromotionPrMerged(PR, MERGE));
  }

  @Test
  void a_refused_delivery_does_not_use_up_its_delivery_id() {
    WebhookReceiver receiver = world.receiver();
    WebhookDelivery genuine = world.merged(PR, MERGE, "d-9");
    receiver.receive(world.withWrongProof(genuine));
    assertThat(receiver.receive(genuine).get()).isEqualTo(new WebhookEvent.PromotionPrMerged(PR, MERGE));
  }
}
