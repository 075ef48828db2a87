package io.platinur.github;

import io.platinur.domain.forge.WebhookEvent;
import io.platinur.domain.forge.WebhookRefusal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.domain.forge.WebhookRefusal.Reason;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Deliveries are GitHub's own webhook examples (src/test/resources/github/webhooks). */
class GitHubWebhooksTest {
  static final String SECRET = "whsec-platinur-test-0123456789";
  final GitHubWebhooks webhooks = GitHubWebhooks.withSecret(SECRET);

  static byte[] example(String name) {
    return GitHubExamples.resource("webhooks/" + name + ".json").getBytes(StandardCharsets.UTF_8);
  }

  static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  WebhookEvent accepted(String event, byte[] body) {
    return webhooks.receive(event, sign(SECRET, body), body).get();
  }

  static byte[] merged(byte[] closedUnmerged, String mergeCommit) throws Exception {
    // GitHub's examples hold no merged close; this is the unmerged one as GitHub sends it once merged
    ObjectNode payload = (ObjectNode) GitHubExamples.JSON.readTree(closedUnmerged);
    ObjectNode pr = (ObjectNode) payload.get("pull_request");
    pr.put("merged", true);
    if (mergeCommit == null) {
      pr.putNull("merge_commit_sha");
    } else {
      pr.put("merge_commit_sha", mergeCommit);
    }
    return GitHubExamples.JSON.writeValueAsBytes(payload);
  }

  @Nested
  class verifying_signatures {

    @Test
    void accepts_githubs_documented_example_signature() {
      GitHubWebhooks documented = GitHubWebhooks.withSecret("It's a Secret to Everybody");
      byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
      String signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

      // the signature holds; only then is the body found not to be JSON
      assertThat(documented.receive("ping", signature, body).getLeft().reason()).isEqualTo(Reason.MALFORMED_PAYLOAD);
      assertThat(webhooks.receive("ping", signature, body).getLeft().reason()).isEqualTo(Reason.WRONG_SIGNATURE);
    }

    @Test
    void refuses_a_delivery_without_signature() {
      WebhookRefusal refusal = webhooks.receive("ping", null, example("ping")).getLeft();

      assertThat(refusal.reason()).isEqualTo(Reason.MISSING_SIGNATURE);
      assertThat(refusal.reason().httpStatus()).isEqualTo(401);
    }

    @Test
    void refuses_the_old_sha1_signature_alone() {
      byte[] body = example("ping");
      String sha1Style = "sha1=" + sign(SECRET, body).substring("sha256=".length(), "sha256=".length() + 40);

      assertThat(webhooks.receive("ping", sha1Style, body).getLeft().reason()).isEqualTo(Reason.MISSING_SIGNATURE);
    }

    @Test
    void refuses_a_signature_made_with_another_secret_before_reading_the_body() {
      byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);

      WebhookRefusal refusal = webhooks.receive("pull_request", sign("another secret", garbage), garbage).getLeft();

      assertThat(refusal.reason()).isEqualTo(Reason.WRONG_SIGNATURE);
      assertThat(refusal.message()).doesNotContain(SECRET);
    }

    @Test
    void refuses_any_body_changed_after_signing() {
      byte[] body = example("pull_request.closed.unmerged");
      String signature = sign(SECRET, body);
      qt().withExamples(200).forAll(integers().between(0, body.length - 1), integers().between(1, 255))
          .checkAssert((index, flip) -> {
            byte[] tampered = body.clone();
            tampered[index] = (byte) (tampered[index] ^ flip);
            assertThat(webhooks.receive("pull_request", signature, tampered).getLeft().reason())
                .isEqualTo(Reason.WRONG_SIGNATURE);
          });
    }

    @Test
    void never_shows_the_secret() {
      assertThat(webhooks.toString()).doesNotContain(SECRET);
      assertThat(webhooks.forPromotionPrs(BranchName.of("staging"), BranchName.of("main")).toString())
          .doesNotContain(SECRET).contains("staging");
    }
  }

  @Nested
  class reading_pull_request_deliveries {

    @Test
    void a_closed_unmerged_pr_is_promotion_pr_closed() {
      assertThat(accepted("pull_request", example("pull_request.closed.unmerged")))
          .isEqualTo(new WebhookEvent.PromotionPrClosed(PullRequestNumber.of(2)));
    }

    @Test
    void a_merged_pr_is_promotion_pr_merged_with_its_merge_commit() throws Exception {
      byte[] body = merged(example("pull_request.closed.unmerged"), "c4295bd74fb0f4fda03689c3df3f2803b658fd85");

      assertThat(accepted("pull_request", body)).isEqualTo(new WebhookEvent.PromotionPrMerged(
          PullRequestNumber.of(2), CommitId.of("c4295bd74fb0f4fda03689c3df3f2803b658fd85")));
    }

    @Test
    void a_merge_without_a_merge_commit_is_refused_as_malformed() throws Exception {
      byte[] body = merged(example("pull_request.closed.unmerged"), null);

      assertThat(webhooks.receive("pull_request", sign(SECRET, body), body).getLeft().reason())
          .isEqualTo(Reason.MALFORMED_PAYLOAD);
    }

    @Test
    void an_opened_pr_is_ignored() {
      assertThat(accepted("pull_request", example("pull_request.opened"))).isInstanceOf(WebhookEvent.Ignored.class);
    }

    @Test
    void a_pr_between_other_branches_is_ignored_when_promotion_branches_are_set() {
      byte[] body = example("pull_request.closed.unmerged"); // from ‘changes’ into ‘master’
      GitHubWebhooks promotions = webhooks.forPromotionPrs(BranchName.of("staging"), BranchName.of("main"));
      GitHubWebhooks matching = webhooks.forPromotionPrs(BranchName.of("changes"), BranchName.of("master"));

      assertThat(promotions.receive("pull_request", sign(SECRET, body), body).get()).isInstanceOf(WebhookEvent.Ignored.class);
      assertThat(matching.receive("pull_request", sign(SECRET, body), body).get())
          .isEqualTo(new WebhookEvent.PromotionPrClosed(PullRequestNumber.of(2)));
    }
  }

  /** GitHub's closed-PR example as a fork sends it: the head branch, same name, in another repository. */
  static byte[] fromFork(byte[] body, boolean headRepoDeleted) throws Exception {
    ObjectNode payload = (ObjectNode) GitHubExamples.JSON.readTree(body);
    ObjectNode head = (ObjectNode) payload.get("pull_request").get("head");
    if (headRepoDeleted) {
      head.putNull("repo");
    } else {
      ObjectNode repo = (ObjectNode) head.get("repo");
      repo.put("id", 999999001).put("name", "Hello-World").put("full_name", "mallory/Hello-World");
      ((ObjectNode) repo.get("owner")).put("login", "mallory");
      head.put("label", "mallory:changes");
    }
    return GitHubExamples.JSON.writeValueAsBytes(payload);
  }

  @Nested
  class reading_pull_request_deliveries_from_forks {
    final GitHubWebhooks promotions = webhooks.forPromotionPrs(BranchName.of("changes"), BranchName.of("master"));

    @Test
    void a_merged_fork_pr_named_like_staging_is_ignored_not_promotion_pr_merged() throws Exception {
      byte[] body = fromFork(merged(example("pull_request.closed.unmerged"), "c4295bd74fb0f4fda03689c3df3f2803b658fd85"), false);

      WebhookEvent event = promotions.receive("pull_request", sign(SECRET, body), body).get();

      assertThat(event).isInstanceOf(WebhookEvent.Ignored.class);
      assertThat(((WebhookEvent.Ignored) event).why()).contains("another repository");
    }

    @Test
    void a_closed_fork_pr_is_ignored_with_or_without_promotion_branches_set() throws Exception {
      byte[] body = fromFork(example("pull_request.closed.unmerged"), false);

      assertThat(promotions.receive("pull_request", sign(SECRET, body), body).get()).isInstanceOf(WebhookEvent.Ignored.class);
      assertThat(accepted("pull_request", body)).isInstanceOf(WebhookEvent.Ignored.class);
    }

    @Test
    void a_pr_whose_fork_was_deleted_is_ignored() throws Exception {
      byte[] body = fromFork(example("pull_request.closed.unmerged"), true);

      assertThat(promotions.receive("pull_request", sign(SECRET, body), body).get()).isInstanceOf(WebhookEvent.Ignored.class);
    }
  }

  @Nested
  class reading_checks_and_deployments {

    @Test
    void a_completed_check_suite_is_checks_completed_at_its_head() {
      assertThat(accepted("check_suite", example("check_suite.completed")))
          .isEqualTo(new WebhookEvent.ChecksCompleted(CommitId.of("ec26c3e57ca3a959ca5aad62de7213c562f8c821")));
    }

    @Test
    void a_completed_check_run_is_checks_completed_at_its_head() {
      assertThat(accepted("check_run", example("check_run.completed")))
          .isEqualTo(new WebhookEvent.ChecksCompleted(CommitId.of("ec26c3e57ca3a959ca5aad62de7213c562f8c821")));
    }

    @Test
    void a_created_check_run_is_ignored() {
      assertThat(accepted("check_run", example("check_run.created"))).isInstanceOf(WebhookEvent.Ignored.class);
    }

    @Test
    void a_deployment_status_names_environment_commit_and_state() {
      assertThat(accepted("deployment_status", example("deployment_status.created")))
          .isEqualTo(new WebhookEvent.DeploymentStatusChanged("production",
              CommitId.of("f95f852bd8fca8fcc58a9a2d6c842781e32a215e"), DeploymentState.SUCCESS));
    }
  }

  @Nested
  class reading_hints_to_look_again {

    byte[] reactioned(String name, String action) throws Exception {
      ObjectNode payload = (ObjectNode) GitHubExamples.JSON.readTree(example(name));
      payload.put("action", action);
      if (action.equals("synchronize")) {
        payload.put("before", "0000000000000000000000000000000000000001").put("after", "ec26c3e57ca3a959ca5aad62de7213c562f8c821");
      }
      return GitHubExamples.JSON.writeValueAsBytes(payload);
    }

    @Test
    void a_settled_commit_status_is_checks_completed_at_its_commit() {
      assertThat(accepted("status", example("status")))
          .isEqualTo(new WebhookEvent.ChecksCompleted(CommitId.of("6113728f27ae82c7b1a177c8d03f9e96e0adf246")));
    }

    @Test
    void a_pending_status_and_the_gates_own_status_are_ignored() throws Exception {
      ObjectNode pending = (ObjectNode) GitHubExamples.JSON.readTree(example("status"));
      pending.put("state", "pending");
      ObjectNode gate = (ObjectNode) GitHubExamples.JSON.readTree(example("status"));
      gate.put("context", "platinur/promotion-gate").put("state", "failure");

      assertThat(accepted("status", GitHubExamples.JSON.writeValueAsBytes(pending))).isInstanceOf(WebhookEvent.Ignored.class);
      assertThat(accepted("status", GitHubExamples.JSON.writeValueAsBytes(gate))).isInstanceOf(WebhookEvent.Ignored.class);
    }

    @Test
    void a_new_head_or_a_reopening_of_the_promotion_pr_is_promotion_pr_updated() throws Exception {
      GitHubWebhooks promotions = webhooks.forPromotionPrs(BranchName.of("changes"), BranchName.of("master"));
      CommitId head = CommitId.of("ec26c3e57ca3a959ca5aad62de7213c562f8c821");
      for (String action : java.util.List.of("synchronize", "reopened")) {
        byte[] body = reactioned("pull_request.opened", action);

        assertThat(promotions.receive("pull_request", sign(SECRET, body), body).get())
            .isEqualTo(new WebhookEvent.PromotionPrUpdated(PullRequestNumber.of(2), head, action));
      }
    }

    @Test
    void a_new_head_pushed_to_a_fork_is_ignored() throws Exception {
      byte[] body = fromFork(reactioned("pull_request.opened", "synchronize"), false);

      assertThat(accepted("pull_request", body)).isInstanceOf(WebhookEvent.Ignored.class);
    }

    @Test
    void a_merge_group_is_a_merge_queue_change_with_its_reason() {
      CommitId head = CommitId.of("ec26c3e57ca3a959ca5aad62de7213c562f8c821");

      assertThat(accepted("merge_group", example("merge_group.checks_requested")))
          .isEqualTo(new WebhookEvent.MergeQueueChanged("checks_requested", io.vavr.control.Option.none(), head));
      assertThat(accepted("merge_group", example("merge_group.destroyed")))
          .isEqualTo(new WebhookEvent.MergeQueueChanged("destroyed", io.vavr.control.Option.some("dequeued"), head));
    }
  }

  @Nested
  class reading_other_events {

    @Test
    void ping_and_push_are_ignored_explicitly() {
      assertThat(accepted("ping", example("ping"))).isEqualTo(new WebhookEvent.Ignored("ping", "Platinur does not use this event"));
      assertThat(accepted("push", example("push"))).isEqualTo(new WebhookEvent.Ignored("push", "Platinur does not use this event"));
    }

    @Test
    void a_missing_event_name_is_refused() {
      byte[] body = example("ping");

      assertThat(webhooks.receive(null, sign(SECRET, body), body).getLeft().reason()).isEqualTo(Reason.MALFORMED_PAYLOAD);
    }

    @Test
    void a_fold_reaches_every_kind_of_event() {
      WebhookEvent event = accepted("check_suite", example("check_suite.completed"));

      String kind = event.fold(c -> "closed", m -> "merged", u -> "updated", c -> "checks", d -> "deployment",
          q -> "queue", i -> "ignored");

      assertThat(kind).isEqualTo("checks");
    }
  }
}
