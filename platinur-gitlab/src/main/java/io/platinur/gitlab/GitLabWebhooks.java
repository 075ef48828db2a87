package io.platinur.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import io.platinur.domain.InvalidValueException;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.RecentDeliveries;
import io.platinur.domain.forge.WebhookDelivery;
import io.platinur.domain.forge.WebhookEvent;
import io.platinur.domain.forge.WebhookRefusal.Reason;
import io.platinur.domain.forge.WebhookRefusal;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.WebhookReceiver;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Receives GitLab webhook deliveries: checks {@code X-Gitlab-Token} against the webhook's secret
 * token (compared in constant time, as digests, so neither its content nor its length shows in the
 * time taken) <em>before</em> reading anything in the body, then turns merge request, pipeline, job
 * and deployment events into the same {@link WebhookEvent}s GitHub's deliveries become.
 *
 * <pre>{@code
 * GitLabWebhooks webhooks = GitLabWebhooks.withSecretToken(secret)
 *     .forPromotionPrs(BranchName.of("staging"), BranchName.of("main"));
 * Either<WebhookRefusal, WebhookEvent> received = webhooks.receive(WebhookDelivery.of(headers, rawBody));
 * }</pre>
 *
 * <ul>
 *   <li>{@code Merge Request Hook}: {@code close} → {@link WebhookEvent.PromotionPrClosed},
 *       {@code merge} → {@link WebhookEvent.PromotionPrMerged}, {@code reopen} and {@code update}
 *       with new commits → {@link WebhookEvent.PromotionPrUpdated}; only for promotion merge
 *       requests (source staging, target production, not from a fork).
 *   <li>{@code Pipeline Hook} and {@code Job Hook} that finished → {@link WebhookEvent.ChecksCompleted};
 *       a merge train's pipeline → {@link WebhookEvent.MergeQueueChanged}.
 *   <li>{@code Deployment Hook} → {@link WebhookEvent.DeploymentStatusChanged}.
 *   <li>Everything else, and a delivery whose {@code Idempotency-Key} (else {@code X-Gitlab-Event-UUID})
 *       was already received → {@link WebhookEvent.Ignored}.
 * </ul>
 *
 * <p>Webhooks are a fast path only; polling with sync remains the truth. Thread-safe.
 * {@link #toString()} never shows the secret token.
 */
public final class GitLabWebhooks implements WebhookReceiver {
  private static final int DELIVERIES_KEPT = 4096;
  private static final Pattern TRAIN_REF = Pattern.compile("refs/merge-requests/(\\d+)/train");
  private static final Pattern FULL_SHA = Pattern.compile("/([0-9a-f]{40}|[0-9a-f]{64})/?$");
  private static final Set<String> FINISHED = Set.of("success", "failed", "canceled", "skipped");

  private final byte[] tokenDigest;
  private final Secrets secrets;
  private final Option<BranchName> promotionSource;
  private final Option<BranchName> promotionTarget;
  private final RecentDeliveries deliveries = new RecentDeliveries(DELIVERIES_KEPT);

  private GitLabWebhooks(byte[] tokenDigest, Secrets secrets, Option<BranchName> source, Option<BranchName> target) {
    this.tokenDigest = tokenDigest;
    this.secrets = secrets;
    this.promotionSource = source;
    this.promotionTarget = target;
  }

  /** A receiver for deliveries carrying {@code secretToken} (the webhook's secret token in GitLab). */
  public static GitLabWebhooks withSecretToken(String secretToken) {
    return withSecretToken(secretToken, null);
  }

  static GitLabWebhooks withSecretToken(String secretToken, Secrets platformSecrets) {
    if (secretToken == null || secretToken.isEmpty()) {
      throw new InvalidValueException("A webhook secret token is required: deliveries without one are never accepted.");
    }
    Secrets secrets = platformSecrets != null ? platformSecrets : Secrets.of(java.util.List.of(secretToken));
    return new GitLabWebhooks(digest(secretToken), secrets, Option.none(), Option.none());
  }

  /**
   * The same receiver, reporting merge request events only for merge requests from {@code source}
   * (staging) into {@code target} (production); others become {@link WebhookEvent.Ignored}.
   */
  public GitLabWebhooks forPromotionPrs(BranchName source, BranchName target) {
    return new GitLabWebhooks(tokenDigest, secrets, Option.some(Objects.requireNonNull(source)),
        Option.some(Objects.requireNonNull(target)));
  }

  @Override
  public Either<WebhookRefusal, WebhookEvent> receive(WebhookDelivery delivery) {
    Objects.requireNonNull(delivery, "delivery");
    Option<String> token = delivery.header("X-Gitlab-Token");
    if (token.isEmpty() || token.get().isEmpty()) {
      return refuse(Reason.MISSING_SIGNATURE, "The delivery has no X-Gitlab-Token header.");
    }
    if (!MessageDigest.isEqual(tokenDigest, digest(token.get()))) {
      return refuse(Reason.WRONG_SIGNATURE, "The delivery's X-Gitlab-Token is not the webhook's secret token.");
    }
    String eventName = delivery.header("X-Gitlab-Event").getOrElse("");
    if (eventName.isBlank()) {
      return refuse(Reason.MALFORMED_PAYLOAD, "The delivery has no X-Gitlab-Event header.");
    }
    JsonNode payload;
    try {
      payload = GitLabHttp.JSON.readTree(delivery.body());
    } catch (IOException e) {
      return refuse(Reason.MALFORMED_PAYLOAD, "The ‘" + printable(eventName) + "’ delivery is not JSON.");
    }
    if (payload == null || !payload.isObject()) {
      return refuse(Reason.MALFORMED_PAYLOAD, "The ‘" + printable(eventName) + "’ delivery is not a JSON object.");
    }
    Either<WebhookRefusal, WebhookEvent> read;
    try {
      read = switch (eventName) {
        case "Merge Request Hook" -> mergeRequest(payload);
        case "Pipeline Hook" -> pipeline(payload);
        case "Job Hook" -> job(payload);
        case "Deployment Hook" -> deployment(payload);
        default -> ignore(printable(eventName), "Platinur does not use this event");
      };
    } catch (InvalidValueException e) {
      return refuse(Reason.MALFORMED_PAYLOAD, "The ‘" + printable(eventName) + "’ delivery carries an invalid value: " + e.getMessage());
    }
    Option<String> id = delivery.header("Idempotency-Key").orElse(() -> delivery.header("X-Gitlab-Event-UUID"))
        .filter(text -> !text.isBlank());
    if (read.isLeft() || id.isEmpty() || deliveries.firstTime(id.get())) {
      return read;
    }
    return ignore(printable(eventName), "delivery " + printable(id.get()) + " was already received");
  }

  private Either<WebhookRefusal, WebhookEvent> mergeRequest(JsonNode payload) {
    JsonNode mr = payload.path("object_attributes");
    String action = mr.path("action").asText("");
    long iid = mr.path("iid").asLong(0);
    String source = mr.path("source_branch").asText(null);
    String target = mr.path("target_branch").asText(null);
    if (!mr.isObject() || iid <= 0 || source == null || target == null) {
      return refuse(Reason.MALFORMED_PAYLOAD, "The ‘Merge Request Hook’ delivery lacks its iid or branches.");
    }
    boolean newHead = action.equals("update") && mr.path("oldrev").isTextual();
    if (!action.equals("close") && !action.equals("merge") && !action.equals("reopen") && !newHead) {
      return ignore("Merge Request Hook", "action ‘" + printable(action) + "’ is not a close, a merge, a new head or a reopening");
    }
    if (promotionSource.isDefined() && !(promotionSource.get().name().equals(source) && promotionTarget.get().name().equals(target))) {
      return ignore("Merge Request Hook", "not a promotion merge request (" + printable(source) + " into " + printable(target) + ")");
    }
    JsonNode sourceProject = mr.path("source_project_id");
    JsonNode targetProject = mr.path("target_project_id");
    if (!sourceProject.isIntegralNumber() || !targetProject.isIntegralNumber() || sourceProject.asLong() != targetProject.asLong()) {
      return ignore("Merge Request Hook", "not a promotion merge request: its source " + printable(source) + " is in another project");
    }
    PullRequestNumber number = PullRequestNumber.of(iid);
    JsonNode head = mr.path("last_commit").path("id");
    switch (action) {
      case "close":
        return accept(new WebhookEvent.PromotionPrClosed(number));
      case "merge":
        JsonNode merge = mr.path("merge_commit_sha").isTextual() ? mr.path("merge_commit_sha") : head;
        if (!merge.isTextual()) {
          return refuse(Reason.MALFORMED_PAYLOAD, "The ‘Merge Request Hook’ delivery reports a merge without a merge commit.");
        }
        return accept(new WebhookEvent.PromotionPrMerged(number, CommitId.of(merge.asText())));
      default:
        if (!head.isTextual()) {
          return refuse(Reason.MALFORMED_PAYLOAD, "The ‘Merge Request Hook’ delivery lacks its last commit.");
        }
        return accept(new WebhookEvent.PromotionPrUpdated(number, CommitId.of(head.asText()), action));
    }
  }

  private Either<WebhookRefusal, WebhookEvent> pipeline(JsonNode payload) {
    JsonNode pipeline = payload.path("object_attributes");
    String status = pipeline.path("status").asText("");
    JsonNode sha = pipeline.path("sha");
    if (!sha.isTextual() || status.isEmpty()) {
      return refuse(Reason.MALFORMED_PAYLOAD, "The ‘Pipeline Hook’ delivery lacks its commit or status.");
    }
    Matcher train = TRAIN_REF.matcher(pipeline.path("ref").asText(""));
    if (train.matches()) {
      return accept(new WebhookEvent.MergeQueueChanged(printable(status), Option.some("merge train of !" + train.group(1)),
          CommitId.of(sha.asText())));
    }
    if (!FINISHED.contains(status)) {
      return ignore("Pipeline Hook", "a " + printable(status) + " pipeline settles nothing");
    }
    return accept(new WebhookEvent.ChecksCompleted(CommitId.of(sha.asText())));
  }

  private Either<WebhookRefusal, WebhookEvent> job(JsonNode payload) {
    String status = payload.path("build_status").asText("");
    JsonNode sha = payload.path("sha");
    if (!sha.isTextual() || status.isEmpty()) {
      return refuse(Reason.MALFORMED_PAYLOAD, "The ‘Job Hook’ delivery lacks its commit or status.");
    }
    if (!FINISHED.contains(status)) {
      return ignore("Job Hook", "a " + printable(status) + " job settles nothing");
    }
    return accept(new WebhookEvent.ChecksCompleted(CommitId.of(sha.asText())));
  }

  private Either<WebhookRefusal, WebhookEvent> deployment(JsonNode payload) {
    String environment = payload.path("environment").asText("");
    Option<DeploymentState> state = switch (payload.path("status").asText("")) {
      case "created" -> Option.some(DeploymentState.PENDING);
      case "running" -> Option.some(DeploymentState.IN_PROGRESS);
      case "success" -> Option.some(DeploymentState.SUCCESS);
      case "failed" -> Option.some(DeploymentState.FAILURE);
      case "canceled" -> Option.some(DeploymentState.ERROR);
      default -> Option.none();
    };
    // the payload names the commit by its short sha and by its web address, which ends in the full one
    Matcher sha = FULL_SHA.matcher(payload.path("commit_url").asText(""));
    if (state.isEmpty() || environment.isEmpty() || !sha.find()) {
      return refuse(Reason.MALFORMED_PAYLOAD, "The ‘Deployment Hook’ delivery lacks a known status, its environment or its commit.");
    }
    return accept(new WebhookEvent.DeploymentStatusChanged(environment, CommitId.of(sha.group(1)), state.get()));
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this Java runtime.");
    }
  }

  private String printable(String text) {
    text = secrets.scrub(text); // before cutting, so no part of a secret survives
    String cut = text.length() > 60 ? text.substring(0, 60) + "…" : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  private static Either<WebhookRefusal, WebhookEvent> accept(WebhookEvent event) {
    return Either.right(event);
  }

  private Either<WebhookRefusal, WebhookEvent> ignore(String eventName, String why) {
    return Either.right(new WebhookEvent.Ignored(secrets.scrub(eventName), secrets.scrub(why)));
  }

  private Either<WebhookRefusal, WebhookEvent> refuse(Reason reason, String message) {
    return Either.left(new WebhookRefusal(reason, secrets.scrub(message)));
  }

  @Override
  public String toString() {
    return "GitLabWebhooks[secret token hidden"
        + promotionSource.map(s -> ", promotion merge requests " + s + " into " + promotionTarget.get()).getOrElse("") + "]";
  }
}
