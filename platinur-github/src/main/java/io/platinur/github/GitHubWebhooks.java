package io.platinur.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Receives GitHub webhook deliveries: verifies {@code X-Hub-Signature-256} (HMAC-SHA256 of the raw
 * body with the shared secret, compared in constant time) <em>before</em> reading anything in the
 * body, then turns the events Platinur cares about into {@link WebhookEvent}s.
 *
 * <pre>{@code
 * GitHubWebhooks webhooks = GitHubWebhooks.withSecret(secret)
 *     .forPromotionPrs(BranchName.of("staging"), BranchName.of("main"));
 * Either<WebhookRefusal, WebhookEvent> received = webhooks.receive(
 *     request.header("X-GitHub-Event"), request.header("X-Hub-Signature-256"), request.rawBody());
 * }</pre>
 *
 * <p>Pass the body exactly as received (bytes, before any JSON parsing or re-encoding): the
 * signature covers those bytes. Webhooks are a fast path only; polling with sync remains the truth
 * (see {@link WebhookEvent}). Payloads are read as plain JSON trees on purpose: github-api's payload
 * objects may call the GitHub API lazily from their getters, which a webhook receiver must never do.
 *
 * <p>{@link #receive(WebhookDelivery)} reads the headers itself and also remembers the latest
 * delivery ids ({@code X-GitHub-Delivery}): a delivery GitHub sends again is
 * {@link WebhookEvent.Ignored}.
 *
 * <p>Thread-safe. {@link #toString()} never shows the secret.
 */
public final class GitHubWebhooks implements WebhookReceiver {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "sha256=";
  private static final int DELIVERIES_KEPT = 4096;

  private final SecretKeySpec key;
  private final Secrets secrets;
  private final Option<BranchName> promotionHead;
  private final Option<BranchName> promotionBase;
  private final RecentDeliveries deliveries = new RecentDeliveries(DELIVERIES_KEPT);

  private GitHubWebhooks(SecretKeySpec key, Secrets secrets, Option<BranchName> head, Option<BranchName> base) {
    this.key = key;
    this.secrets = secrets;
    this.promotionHead = head;
    this.promotionBase = base;
  }

  /** A receiver for deliveries signed with {@code secret} (the webhook's secret in GitHub). */
  public static GitHubWebhooks withSecret(String secret) {
    return withSecret(secret, null);
  }

  /** As {@link #withSecret(String)}, hiding {@code platformSecrets} as well from every message. */
  static GitHubWebhooks withSecret(String secret, Secrets platformSecrets) {
    if (secret == null || secret.isEmpty()) {
      throw new InvalidValueException("A webhook secret is required: unsigned deliveries are never accepted.");
    }
    Secrets secrets = platformSecrets != null ? platformSecrets : Secrets.of(null, java.util.List.of(secret));
    return new GitHubWebhooks(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
        secrets, Option.none(), Option.none());
  }

  /**
   * The same receiver, reporting pull-request events only for PRs from {@code head} (staging) into
   * {@code base} (production); others become {@link WebhookEvent.Ignored}.
   */
  public GitHubWebhooks forPromotionPrs(BranchName head, BranchName base) {
    return new GitHubWebhooks(key, secrets, Option.some(Objects.requireNonNull(head)), Option.some(Objects.requireNonNull(base)));
  }

  /**
   * Verifies and reads one delivery from its headers ({@code X-GitHub-Event},
   * {@code X-Hub-Signature-256}, {@code X-GitHub-Delivery}) and raw body. A verified delivery whose
   * {@code X-GitHub-Delivery} id was already received is {@link WebhookEvent.Ignored}.
   */
  @Override
  public Either<WebhookRefusal, WebhookEvent> receive(WebhookDelivery delivery) {
    Objects.requireNonNull(delivery, "delivery");
    Either<WebhookRefusal, WebhookEvent> read = receive(delivery.header("X-GitHub-Event").getOrNull(),
        delivery.header("X-Hub-Signature-256").getOrNull(), delivery.body());
    Option<String> id = delivery.header("X-GitHub-Delivery").filter(text -> !text.isBlank());
    if (read.isLeft() || id.isEmpty() || deliveries.firstTime(id.get())) {
      return read;
    }
    return ignore(printable(delivery.header("X-GitHub-Event").getOrElse("")),
        "delivery " + printable(id.get()) + " was already received");
  }

  /**
   * Verifies and reads one delivery.
   *
   * @param eventName the {@code X-GitHub-Event} header
   * @param signature the {@code X-Hub-Signature-256} header ({@code sha256=<hex>}); null if absent
   * @param body the raw request body
   */
  public Either<WebhookRefusal, WebhookEvent> receive(String eventName, String signature, byte[] body) {
    if (signature == null || !signature.startsWith(PREFIX) || signature.length() != PREFIX.length() + 64) {
      return refuse(Reason.MISSING_SIGNATURE, "The delivery has no X-Hub-Signature-256 signature (sha256=<hex>).");
    }
    byte[] claimed;
    try {
      claimed = HexFormat.of().parseHex(signature.substring(PREFIX.length()).toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return refuse(Reason.MISSING_SIGNATURE, "The delivery's X-Hub-Signature-256 is not sha256=<hex>.");
    }
    if (body == null || !MessageDigest.isEqual(claimed, hmac(body))) {
      return refuse(Reason.WRONG_SIGNATURE, "The delivery's signature does not match its body and the webhook secret.");
    }
    if (eventName == null || eventName.isBlank()) {
      return refuse(Reason.MALFORMED_PAYLOAD, "The delivery has no X-GitHub-Event header.");
    }
    JsonNode payload;
    try {
      payload = JSON.readTree(body);
    } catch (IOException e) {
      return refuse(Reason.MALFORMED_PAYLOAD, "The ‘" + printable(eventName) + "’ delivery is not JSON.");
    }
    if (payload == null || !payload.isObject()) {
      return refuse(Reason.MALFORMED_PAYLOAD, "The ‘" + printable(eventName) + "’ delivery is not a JSON object.");
    }
    try {
      switch (eventName) {
        case "pull_request":
          return pullRequest(payload);
        case "check_suite":
          return completed(eventName, payload, "check_suite");
        case "check_run":
          return completed(eventName, payload, "check_run");
        case "deployment_status":
          return deploymentStatus(payload);
        case "status":
          return status(payload);
        case "merge_group":
          return mergeGroup(payload);
        default:
          return ignore(printable(eventName), "Platinur does not use this event");
      }
    } catch (InvalidValueException e) {
      return refuse(Reason.MALFORMED_PAYLOAD, "The ‘" + eventName + "’ delivery carries an invalid value: " + e.getMessage());
    }
  }

  private Either<WebhookRefusal, WebhookEvent> pullRequest(JsonNode payload) {
    String action = payload.path("action").asText("");
    if (!action.equals("closed") && !action.equals("synchronize") && !action.equals("reopened")) {
      return ignore("pull_request", "action ‘" + printable(action) + "’ is not a close, a new head or a reopening");
    }
    JsonNode pr = payload.path("pull_request");
    JsonNode merged = pr.path("merged");
    long number = payload.path("number").asLong(pr.path("number").asLong(0));
    String head = pr.path("head").path("ref").asText(null);
    String base = pr.path("base").path("ref").asText(null);
    if (!pr.isObject() || !merged.isBoolean() || number <= 0 || head == null || base == null) {
      return refuse(Reason.MALFORMED_PAYLOAD, "The ‘pull_request’ delivery lacks its number, branches or merged flag.");
    }
    if (promotionHead.isDefined()
        && !(promotionHead.get().name().equals(head) && promotionBase.get().name().equals(base))) {
      return ignore("pull_request", "not a promotion PR (" + printable(head) + " into " + printable(base) + ")");
    }
    if (!headInBaseRepository(pr)) {
      // a fork's branch may carry the staging branch's name; a promotion PR's head is in the base repository
      return ignore("pull_request", "not a promotion PR: its head " + printable(head) + " is in another repository");
    }
    if (!action.equals("closed")) {
      JsonNode headSha = pr.path("head").path("sha");
      if (!headSha.isTextual()) {
        return refuse(Reason.MALFORMED_PAYLOAD, "The ‘pull_request’ delivery lacks its head commit.");
      }
      return accept(new WebhookEvent.PromotionPrUpdated(PullRequestNumber.of(number), CommitId.of(headSha.asText()), action));
    }
    if (!merged.booleanValue()) {
      return accept(new WebhookEvent.PromotionPrClosed(PullRequestNumber.of(number)));
    }
    JsonNode mergeCommit = pr.path("merge_commit_sha");
    if (!mergeCommit.isTextual()) {
      return refuse(Reason.MALFORMED_PAYLOAD, "The ‘pull_request’ delivery reports a merge without a merge commit.");
    }
    return accept(new WebhookEvent.PromotionPrMerged(PullRequestNumber.of(number), CommitId.of(mergeCommit.asText())));
  }

  /**
   * Whether the PR's head branch lives in its base repository (same repository id, or, without
   * ids, the same full name). A head repository that is gone (a deleted fork) is not the base.
   */
  static boolean headInBaseRepository(JsonNode pr) {
    JsonNode headRepo = pr.path("head").path("repo");
    JsonNode baseRepo = pr.path("base").path("repo");
    if (!headRepo.isObject() || !baseRepo.isObject()) {
      return false;
    }
    if (headRepo.path("id").isIntegralNumber() && baseRepo.path("id").isIntegralNumber()) {
      return headRepo.path("id").asLong() == baseRepo.path("id").asLong();
    }
    String headName = headRepo.path("full_name").asText("");
    return !headName.isEmpty() && headName.equalsIgnoreCase(baseRepo.path("full_name").asText(""));
  }

  private Either<WebhookRefusal, WebhookEvent> completed(String eventName, JsonNode payload, String field) {
    String action = payload.path("action").asText("");
    if (!action.equals("completed")) {
      return ignore(eventName, "action ‘" + printable(action) + "’ is not a completion");
    }
    JsonNode sha = payload.path(field).path("head_sha");
    if (!sha.isTextual()) {
      return refuse(Reason.MALFORMED_PAYLOAD, "The ‘" + eventName + "’ delivery lacks its head_sha.");
    }
    return accept(new WebhookEvent.ChecksCompleted(CommitId.of(sha.asText())));
  }

  /** A commit status (CI that reports only statuses): settled ones are a reason to look at CI again. */
  private Either<WebhookRefusal, WebhookEvent> status(JsonNode payload) {
    String state = payload.path("state").asText("");
    JsonNode sha = payload.path("sha");
    if (!sha.isTextual() || state.isEmpty()) {
      return refuse(Reason.MALFORMED_PAYLOAD, "The ‘status’ delivery lacks its commit or state.");
    }
    if (GitHubGatePublisher.CONTEXT.equals(payload.path("context").asText(""))) {
      return ignore("status", "it is the promotion gate's own status");
    }
    if (state.equals("pending")) {
      return ignore("status", "a pending status settles nothing");
    }
    return accept(new WebhookEvent.ChecksCompleted(CommitId.of(sha.asText())));
  }

  /** A merge queue group: a reason to sync (the queue may have merged or dequeued the promotion PR). */
  private Either<WebhookRefusal, WebhookEvent> mergeGroup(JsonNode payload) {
    String action = payload.path("action").asText("");
    JsonNode head = payload.path("merge_group").path("head_sha");
    if (action.isEmpty() || !head.isTextual()) {
      return refuse(Reason.MALFORMED_PAYLOAD, "The ‘merge_group’ delivery lacks its action or head commit.");
    }
    Option<String> reason = payload.path("reason").isTextual()
        ? Option.some(printable(payload.path("reason").asText()))
        : Option.none();
    return accept(new WebhookEvent.MergeQueueChanged(printable(action), reason, CommitId.of(head.asText())));
  }

  private Either<WebhookRefusal, WebhookEvent> deploymentStatus(JsonNode payload) {
    JsonNode status = payload.path("deployment_status");
    JsonNode deployment = payload.path("deployment");
    String state = status.path("state").asText("");
    String environment = deployment.path("environment").asText(status.path("environment").asText(""));
    JsonNode sha = deployment.path("sha");
    Option<DeploymentState> known = deploymentState(state);
    if (known.isEmpty() || environment.isEmpty() || !sha.isTextual()) {
      return refuse(Reason.MALFORMED_PAYLOAD,
          "The ‘deployment_status’ delivery lacks a known state, its environment or its commit.");
    }
    return accept(new WebhookEvent.DeploymentStatusChanged(environment, CommitId.of(sha.asText()), known.get()));
  }

  private static Option<DeploymentState> deploymentState(String state) {
    switch (state) {
      case "success":
        return Option.some(DeploymentState.SUCCESS);
      case "failure":
        return Option.some(DeploymentState.FAILURE);
      case "error":
        return Option.some(DeploymentState.ERROR);
      case "in_progress":
        return Option.some(DeploymentState.IN_PROGRESS);
      case "queued":
        return Option.some(DeploymentState.QUEUED);
      case "pending":
        return Option.some(DeploymentState.PENDING);
      case "inactive":
        return Option.some(DeploymentState.INACTIVE);
      default:
        return Option.none();
    }
  }

  private byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this Java runtime.");
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

  /** Every text of a delivery may echo a secret: it is scrubbed before it leaves. */
  private Either<WebhookRefusal, WebhookEvent> ignore(String eventName, String why) {
    return Either.right(new WebhookEvent.Ignored(secrets.scrub(eventName), secrets.scrub(why)));
  }

  private Either<WebhookRefusal, WebhookEvent> refuse(Reason reason, String message) {
    return Either.left(new WebhookRefusal(reason, secrets.scrub(message)));
  }

  @Override
  public String toString() {
    return "GitHubWebhooks[secret hidden"
        + promotionHead.map(h -> ", promotion PRs " + h + " into " + promotionBase.get()).getOrElse("") + "]";
  }
}
