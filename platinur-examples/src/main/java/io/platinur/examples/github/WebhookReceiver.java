package io.platinur.examples.github;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.lane.SyncResult;
import io.platinur.domain.Actor;
import io.platinur.github.GitHubWebhooks;
import io.platinur.domain.forge.WebhookEvent;
import io.platinur.domain.forge.WebhookRefusal;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A GitHub webhook endpoint on the JDK's HTTP server: every delivery's signature is verified
 * before anything in it is read, and a promotion PR that was merged or closed triggers Sync
 * Promotions, so the lane unlocks moments after the click in GitHub instead of at the next poll.
 *
 * <pre>{@code
 * GitHubWebhooks webhooks = GitHubWebhooks.withSecret(System.getenv("WEBHOOK_SECRET"))
 *     .forPromotionPrs(BranchName.of("staging"), BranchName.of("main"));
 * try (WebhookReceiver receiver = WebhookReceiver.start(new InetSocketAddress(8080), webhooks, lane, "github-webhook")) {
 *   // point the repository's webhook at http://<host>:8080/webhook (content type application/json)
 * }
 * }</pre>
 *
 * <p>Answers: 401 for a missing or wrong signature and 400 for a malformed payload (nothing acted
 * on), 202 for an accepted delivery, 503 when the sync it triggered could not reach Git or GitHub
 * (GitHub shows the failed delivery; the next sync, by poll or delivery, catches up). Deliveries
 * are handled one at a time, so syncs never pile up.
 */
public final class WebhookReceiver implements AutoCloseable {
  /** GitHub caps payloads at 25 MB; anything larger is not from GitHub. */
  static final int MAX_BODY = 25 * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final GitHubWebhooks webhooks;
  private final StagingLaneService lane;
  private final Actor actor;

  private WebhookReceiver(HttpServer server, GitHubWebhooks webhooks, StagingLaneService lane, Actor actor) {
    this.server = server;
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
    this.lane = Objects.requireNonNull(lane, "lane");
    this.actor = Objects.requireNonNull(actor, "actor");
    this.executor = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "platinur-webhooks");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Listens on {@code address} at {@code /webhook}. */
  public static WebhookReceiver start(InetSocketAddress address, GitHubWebhooks webhooks, StagingLaneService lane, Actor actor)
      throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    WebhookReceiver receiver = new WebhookReceiver(server, webhooks, lane, actor);
    server.createContext("/webhook", receiver::handle);
    server.setExecutor(receiver.executor);
    server.start();
    return receiver;
  }

  /** The port it listens on (useful when started on port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        answer(exchange, 405, "POST a GitHub webhook delivery here.");
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        answer(exchange, 413, "The delivery is larger than GitHub sends.");
        return;
      }
      Either<WebhookRefusal, WebhookEvent> received = webhooks.receive(
          exchange.getRequestHeaders().getFirst("X-GitHub-Event"),
          exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"),
          body);
      if (received.isLeft()) {
        answer(exchange, received.getLeft().reason().httpStatus(), received.getLeft().message());
        return;
      }
      Either<UseCaseFailure<NoRefusal>, String> outcome = received.get().fold(
          closed -> sync("promotion PR " + closed.number() + " closed"),
          merged -> sync("promotion PR " + merged.number() + " merged"),
          updated -> sync("promotion PR " + updated.number() + " " + updated.action()),
          checks -> Either.right("noted: checks completed at " + checks.sha().abbreviated()),
          deployment -> Either.right("noted: deployment to " + deployment.environment() + " is " + deployment.state().words()),
          queue -> sync("merge queue " + queue.action() + queue.reason().map(r -> " (" + r + ")").getOrElse("")),
          ignored -> Either.right("ignored: " + ignored.why()));
      if (outcome.isLeft()) {
        answer(exchange, 503, "Sync Promotions could not finish: " + outcome.getLeft().message());
      } else {
        answer(exchange, 202, outcome.get());
      }
    }
  }

  private Either<UseCaseFailure<NoRefusal>, String> sync(String why) {
    Either<UseCaseFailure<NoRefusal>, SyncResult> synced = lane.syncPromotions(actor);
    return synced.map(result -> why + "; synced, Staging is " + (result.lane().lock().isLocked() ? "locked" : "unlocked"));
  }

  private static void answer(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
