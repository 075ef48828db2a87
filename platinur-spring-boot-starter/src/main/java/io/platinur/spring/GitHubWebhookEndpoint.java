package io.platinur.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platinur.domain.forge.PullRequestActivity;
import io.platinur.domain.forge.RecentDeliveries;
import io.platinur.domain.forge.WebhookEvent;
import io.platinur.domain.forge.WebhookRefusal;
import io.platinur.github.GitHubWebhooks;
import io.platinur.spring.PlatinurSyncs.Kind;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * GitHub's webhook deliveries, at {@code platinur.webhook.path}: the signature is verified before
 * anything in the delivery is read (the GitHub adapter's {@link GitHubWebhooks}), a delivery id seen
 * before is answered without acting again, and the syncs the event concerns are asked for and run
 * after the answer ({@link PlatinurSyncs}), so GitHub hears back well within its 10 seconds.
 *
 * <p>Answers: 401 for a missing or wrong signature and 400 for a malformed payload (nothing acted
 * on), 413 for a body larger than GitHub sends, 202 for a delivery whose syncs were asked for, 200
 * for one that concerns nothing here or was received before. Every answer is one line of text.
 */
final class GitHubWebhookEndpoint {
  /** GitHub caps payloads at 25 MB; anything larger is not from GitHub. */
  static final int MAX_BODY = 25 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GitHubWebhooks webhooks;
  private final Option<GitHubWebhooks> promotionPrs;
  private final PlatinurSyncs syncs;
  private final RecentDeliveries deliveries = new RecentDeliveries(4096);

  /**
   * @param webhooks verifies and reads every delivery
   * @param promotionPrs the same receiver narrowed to the lane's promotion PRs (none without a lane)
   */
  GitHubWebhookEndpoint(GitHubWebhooks webhooks, Option<GitHubWebhooks> promotionPrs, PlatinurSyncs syncs) {
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
    this.promotionPrs = Objects.requireNonNull(promotionPrs, "promotionPrs");
    this.syncs = Objects.requireNonNull(syncs, "syncs");
  }

  ServerResponse handle(ServerRequest request) throws IOException {
    byte[] body;
    try (InputStream in = request.servletRequest().getInputStream()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      return answer(HttpStatus.PAYLOAD_TOO_LARGE, "The delivery is larger than GitHub sends.");
    }
    String event = request.headers().firstHeader("X-GitHub-Event");
    String signature = request.headers().firstHeader("X-Hub-Signature-256");
    Either<WebhookRefusal, WebhookEvent> received = webhooks.receive(event, signature, body);
    if (received.isLeft()) {
      return answer(HttpStatus.valueOf(received.getLeft().reason().httpStatus()), received.getLeft().message());
    }
    // only a verified delivery's id is remembered, so an unsigned one cannot shadow a real one
    String delivery = request.headers().firstHeader("X-GitHub-Delivery");
    if (delivery != null && !delivery.isBlank() && !deliveries.firstTime(delivery)) {
      return answer(HttpStatus.OK, "Delivery " + printable(delivery) + " was already received; nothing done again.");
    }
    Set<Kind> asked = syncs.request(concerns(received.get(), isPromotionPr(event, signature, body), activity(event, body)));
    if (asked.isEmpty()) {
      return answer(HttpStatus.OK, "Nothing here depends on it: " + words(received.get()) + ".");
    }
    return answer(HttpStatus.ACCEPTED, "Accepted: " + words(received.get()) + "; "
        + asked.stream().map(Kind::words).collect(Collectors.joining(", ")) + " asked for.");
  }

  /**
   * Which syncs an event concerns: a promotion PR's close, merge or new head, and a merge queue,
   * the lane's Sync Promotions; any pull request's, a check's or a deployment's, the digest
   * promotions' sync (promotion PRs merge on green CI, soak counts from deployments); a pull
   * request's activity and a finished check (a build), the preview reconcile.
   */
  static Set<Kind> concerns(WebhookEvent event, boolean promotionPr, Option<PullRequestActivity> activity) {
    Set<Kind> kinds = EnumSet.noneOf(Kind.class);
    event.fold(
        closed -> add(kinds, promotionPr, Kind.DIGESTS, Kind.PREVIEWS),
        merged -> add(kinds, promotionPr, Kind.DIGESTS, Kind.PREVIEWS),
        updated -> add(kinds, promotionPr, Kind.DIGESTS, Kind.PREVIEWS),
        checks -> add(kinds, false, Kind.DIGESTS, Kind.PREVIEWS),
        deployment -> add(kinds, false, Kind.DIGESTS),
        queue -> add(kinds, true, Kind.DIGESTS),
        ignored -> activity.filter(PullRequestActivity::mayChangePreviews).isDefined() ? add(kinds, false, Kind.PREVIEWS) : kinds);
    return kinds;
  }

  private static Set<Kind> add(Set<Kind> kinds, boolean lane, Kind... more) {
    if (lane) {
      kinds.add(Kind.LANE);
    }
    kinds.addAll(java.util.List.of(more));
    return kinds;
  }

  private boolean isPromotionPr(String event, String signature, byte[] body) {
    return "pull_request".equals(event) && promotionPrs
        .map(narrowed -> narrowed.receive(event, signature, body).exists(e -> !(e instanceof WebhookEvent.Ignored)))
        .getOrElse(false);
  }

  /** A verified {@code pull_request} delivery's action; none for other events. */
  private static Option<PullRequestActivity> activity(String event, byte[] body) {
    if (!"pull_request".equals(event)) {
      return Option.none();
    }
    try {
      JsonNode payload = JSON.readTree(body);
      return Option.of(PullRequestActivity.ofWebhookAction(payload.path("action").asText("")));
    } catch (IOException e) {
      return Option.none();
    }
  }

  private static String words(WebhookEvent event) {
    return event.fold(
        closed -> "PR " + closed.number() + " closed",
        merged -> "PR " + merged.number() + " merged",
        updated -> "PR " + updated.number() + " " + updated.action(),
        checks -> "checks completed at " + checks.sha().abbreviated(),
        deployment -> "deployment to " + deployment.environment() + " is " + deployment.state().words(),
        queue -> "merge queue " + queue.action(),
        ignored -> ignored.eventName() + " (" + ignored.why() + ")");
  }

  private static String printable(String text) {
    String cut = text.length() > 60 ? text.substring(0, 60) + "…" : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  private static ServerResponse answer(HttpStatus status, String text) {
    return ServerResponse.status(status).contentType(new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8))
        .body(text + "\n");
  }
}
