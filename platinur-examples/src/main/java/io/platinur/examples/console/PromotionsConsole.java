package io.platinur.examples.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.gate.PromotionGateService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.lane.SyncResult;
import io.platinur.application.preview.PreviewEnvironmentService;
import io.platinur.application.preview.PreviewReport;
import io.platinur.domain.Actor;
import io.platinur.domain.InvalidValueException;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.gate.SmokeOutcome;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.examples.console.ConsoleSessions.Answer;
import io.platinur.examples.console.ConsoleSessions.Session;
import io.platinur.port.PortFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The Promotions console: one page that shows a staging lane as the seed describes it and lets a
 * person apply, unapply and discard proposals, open the promotion PR, merge or close it on the
 * offline host, and Sync Promotions. Every answer is shown as the library words it; a rejection in
 * the seed's exact words.
 *
 * <pre>{@code
 * try (PromotionsConsole console = PromotionsConsole.builder(lane, ProposalCatalog.inMemory(proposals))
 *     .author("Ana", "ana@example.com")
 *     .start()) {
 *   System.out.println("Promotions: " + console.url());
 * }
 * }</pre>
 *
 * <p>Safe by default: it listens on the loopback interface only (another address needs {@link
 * Builder#allowRemote()}), answers only requests addressed to that host name (so a web page cannot
 * reach it through DNS rebinding), takes every change as a POST carrying the session's CSRF token,
 * escapes everything it shows, and refuses a bad request with a 4xx and a clear message, changing
 * nothing. It runs on the JDK's own HTTP server: no web framework to keep up to date for one page.
 */
public final class PromotionsConsole implements AutoCloseable {
  static final int MAX_FORM_BYTES = 64 * 1024;
  private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
      + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final HttpServer server;
  private final ExecutorService executor;
  private final StagingLaneService lane;
  private final ProposalCatalog catalog;
  private final Option<OfflineHost> offlineHost;
  private final Option<ReportedGateEvidence> reported;
  private final Option<PreviewEnvironmentService> previews;
  private final String authorName;
  private final String authorEmail;
  private final Clock clock;
  private final ConsoleSessions sessions = new ConsoleSessions();
  private final PromotionsPage page;
  private final Option<Set<String>> allowedHosts;
  private final Map<String, Function<Map<String, String>, Answer>> actions;

  private PromotionsConsole(Builder builder, HttpServer server) {
    this.server = server;
    this.lane = builder.lane;
    this.catalog = builder.catalog;
    this.offlineHost = builder.offlineHost;
    this.reported = builder.reported;
    this.authorName = builder.authorName;
    this.authorEmail = builder.authorEmail;
    this.clock = builder.clock;
    this.previews = builder.previews;
    this.page = new PromotionsPage(lane, catalog, builder.gate, reported, previews, builder.digests, offlineHost.isDefined(),
        builder.pullRequestLinks, builder.pollMillis);
    int port = server.getAddress().getPort();
    this.allowedHosts = builder.allowRemote ? Option.none()
        : Option.some(Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port));
    this.executor = Executors.newFixedThreadPool(4, runnable -> {
      Thread thread = new Thread(runnable, "platinur-console");
      thread.setDaemon(true);
      return thread;
    });
    this.actions = actions();
  }

  /** A console for this lane and these proposals; see the builder's options. */
  public static Builder builder(StagingLaneService lane, ProposalCatalog catalog) {
    return new Builder(lane, catalog);
  }

  /** The address to open in a browser. */
  public URI url() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- requests -------------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        route(exchange);
      } catch (BadRequest bad) {
        error(exchange, bad.status, bad.getMessage());
      } catch (RuntimeException e) {
        error(exchange, 500, "The console failed: " + e.getClass().getSimpleName() + ". Nothing more was changed; reload the page.");
      }
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (allowedHosts.isDefined() && (host == null || !allowedHosts.get().contains(host.toLowerCase(Locale.ROOT)))) {
      throw new BadRequest(421, "This console answers only at " + url() + " (the request was addressed to "
          + (host == null ? "no host" : "‘" + host + "’") + ").");
    }
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod();
    Function<Map<String, String>, Answer> action = actions.get(path);
    if (action != null) {
      if (!method.equals("POST")) {
        throw new BadRequest(405, path + " changes the lane, so it takes a POST from the page's form, not a " + method + ".");
      }
      Session session = sessions.find(exchange.getRequestHeaders().getFirst("Cookie"))
          .getOrElseThrow(() -> new BadRequest(403, "This browser has no console session. Open " + url() + " and use the page's buttons."));
      Map<String, String> form = form(exchange);
      if (!session.accepts(form.get("csrf"))) {
        throw new BadRequest(403, "The form's CSRF token is missing or wrong, so nothing was changed. Reload the page and try again.");
      }
      session.answer(action.apply(form));
      exchange.getResponseHeaders().set("Location", "/");
      exchange.sendResponseHeaders(303, -1);
      return;
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw new BadRequest(405, path + " is read with a GET.");
    }
    switch (path) {
      case "/" -> {
        Session session = sessions.find(exchange.getRequestHeaders().getFirst("Cookie")).getOrElse(() -> {
          Session created = sessions.create();
          exchange.getResponseHeaders().add("Set-Cookie", ConsoleSessions.setCookie(created));
          return created;
        });
        send(exchange, 200, "text/html; charset=utf-8", page.page(session));
      }
      case "/version" -> send(exchange, 200, "text/plain; charset=utf-8", page.version());
      case "/console.js" -> send(exchange, 200, "text/javascript; charset=utf-8", resource("console.js"));
      case "/console.css" -> send(exchange, 200, "text/css; charset=utf-8", resource("console.css"));
      default -> throw new BadRequest(404, "There is no page at " + path + ". The console is at " + url() + ".");
    }
  }

  private Map<String, Function<Map<String, String>, Answer>> actions() {
    Map<String, Function<Map<String, String>, Answer>> actions = new HashMap<>();
    actions.put("/apply", this::apply);
    actions.put("/unapply", this::unapply);
    actions.put("/discard", form -> answer(lane.discardBatch(actor()), discarded -> "Discarded the staged batch; Staging is back at its base."));
    actions.put("/open-pr", form -> openPromotionPr());
    actions.put("/sync", form -> sync());
    actions.put("/proposals", this::propose);
    offlineHost.forEach(host -> {
      actions.put("/merge", form -> merge(host));
      actions.put("/close", form -> answer(lane.closePromotionPr(actor()), synced -> "Closed the promotion PR without merging. " + synced(synced)));
    });
    reported.forEach(evidence -> actions.put("/gate-evidence", form -> report(evidence, form)));
    previews.forEach(service -> actions.put("/reconcile-previews", form -> reconcilePreviews(service)));
    return actions;
  }

  // ---- actions --------------------------------------------------------------------------------

  private Answer apply(Map<String, String> form) {
    Proposal proposal = proposal(form);
    return answer(lane.apply(proposal, author()), staged -> "Applied ‘" + staged.title() + "’ to Staging as commit "
        + staged.commit().abbreviated() + ".");
  }

  private Answer unapply(Map<String, String> form) {
    ProposalId id = proposalId(form);
    return answer(lane.unapply(id, author()), after -> "Unapplied " + id + " from Staging.");
  }

  private Answer openPromotionPr() {
    Either<PortFailure, Boolean> published = offlineHost.map(OfflineHost::publishStaging).getOrElse(Either.right(false));
    if (published.isLeft()) {
      return new Answer("failed", published.getLeft().message());
    }
    return answer(lane.openPromotionPr(actor()), pr -> "Opened promotion PR " + pr.number() + "; Staging is locked until the release completes.");
  }

  /**
   * Merges the open promotion PR on the offline host at the staging head the lane recorded, then
   * syncs, so the lane records the merge and waits for its production branch. Without an open PR
   * the lane's own merge answers (a rejection while unlocked).
   */
  private Answer merge(OfflineHost host) {
    Either<UseCaseFailure<NoRefusal>, StagingLane> current = lane.lane();
    if (current.isLeft()) {
      return answer(current, ignored -> "");
    }
    if (!(current.get().lock() instanceof ReleaseLock.PromotionPrOpen open)) {
      return answer(lane.mergePromotionPr(actor()), PromotionsConsole::synced);
    }
    Either<PortFailure, CommitId> merged = host.merge(open.pr(), current.get().stagingHead());
    if (merged.isLeft()) {
      return new Answer("failed", merged.getLeft().message());
    }
    return answer(lane.syncPromotions(actor()), synced -> "Merged promotion PR " + open.pr() + " on the offline host as "
        + merged.get().abbreviated() + ". " + synced(synced));
  }

  private Answer sync() {
    Either<PortFailure, Boolean> fetched = offlineHost.map(OfflineHost::fetchProduction).getOrElse(Either.right(false));
    if (fetched.isLeft()) {
      return new Answer("failed", fetched.getLeft().message());
    }
    return answer(lane.syncPromotions(actor()), PromotionsConsole::synced);
  }

  private static String synced(SyncResult result) {
    StringBuilder text = new StringBuilder("Sync Promotions: ");
    Option<LaneEvent.PromotionFinalized> finalized = result.events().find(e -> e instanceof LaneEvent.PromotionFinalized)
        .map(e -> (LaneEvent.PromotionFinalized) e);
    if (finalized.isDefined()) {
      text.append("promotion PR ").append(finalized.get().pr()).append(" finalized; deployed ")
          .append(finalized.get().deployed().size()).append(" proposal(s); Staging reset to ")
          .append(finalized.get().productionHead().abbreviated()).append(" and unlocked.");
    } else {
      text.append("Staging is ").append(result.lane().lock().isLocked() ? "locked." : "unlocked.");
    }
    result.notes().forEach(note -> text.append(' ').append(note));
    return text.toString();
  }

  private Answer propose(Map<String, String> form) {
    String title = required(form, "title");
    String path = required(form, "path");
    Validation<io.vavr.collection.Seq<String>, Proposal> added = catalog.add(title, path, form.getOrDefault("content", ""));
    if (added.isInvalid()) {
      throw new BadRequest(422, "The proposal was not added: " + added.getError().mkString(" "));
    }
    return new Answer("done", "Added proposal " + added.get().id() + ", ‘" + added.get().title() + "’.");
  }

  private Answer report(ReportedGateEvidence evidence, Map<String, String> form) {
    Option<Integer> exit = Option.of(form.get("deploy-exit")).map(String::strip).filter(s -> !s.isEmpty()).map(text -> {
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new BadRequest(400, "The deploy exit code must be a whole number, not ‘" + text + "’.");
      }
    });
    DeploymentState deployment = choice(DeploymentState.class, form, "deployment");
    Option<SmokeOutcome> smoke = Option.of(form.get("smoke")).filter(s -> !s.isEmpty()).map(s -> choice(SmokeOutcome.class, form, "smoke"));
    CiState ci = choice(CiState.class, form, "ci");
    Either<UseCaseFailure<NoRefusal>, CommitId> head = lane.lane().map(current -> current.stagingHead());
    if (head.isLeft()) {
      return new Answer("failed", head.getLeft().message());
    }
    evidence.report(new ReportedGateEvidence.Report(head.get(), exit, deployment, smoke, ci));
    return new Answer("done", "Reported gate evidence for " + head.get().abbreviated() + ".");
  }

  private static Answer reconcilePreviews(PreviewEnvironmentService service) {
    Either<UseCaseFailure<NoRefusal>, PreviewReport> reconciled = service.reconcile();
    if (reconciled.isLeft()) {
      return new Answer("failed", reconciled.getLeft().message());
    }
    PreviewReport report = reconciled.get();
    StringBuilder text = new StringBuilder(report.plan().actions().isEmpty() ? "Previews reconciled: nothing to change." : "Previews reconciled:");
    report.plan().actions().forEach(action -> text.append(' ').append(action.message()));
    report.cleanupFailures().forEach(failure -> text.append(' ').append(failure.message()));
    return new Answer(report.cleanupFailures().isEmpty() ? "done" : "failed", text.toString());
  }

  private <T> Answer answer(Either<? extends UseCaseFailure<?>, T> outcome, Function<T, String> done) {
    return outcome.fold(
        failure -> failure.fold(rejected -> new Answer("rejected", rejected.message()), unavailable -> new Answer("failed", unavailable.message())),
        result -> new Answer("done", done.apply(result)));
  }

  private CommitAuthor author() {
    return new CommitAuthor(actor(), authorEmail, clock.instant());
  }

  private Actor actor() {
    return Actor.of(authorName);
  }

  private Proposal proposal(Map<String, String> form) {
    ProposalId id = proposalId(form);
    return catalog.find(id).getOrElseThrow(() -> new BadRequest(404, "There is no proposal ‘" + id + "’ in this console."));
  }

  private static ProposalId proposalId(Map<String, String> form) {
    String id = required(form, "id");
    try {
      return ProposalId.of(id);
    } catch (InvalidValueException e) {
      throw new BadRequest(400, e.getMessage());
    }
  }

  private static String required(Map<String, String> form, String name) {
    String value = form.get(name);
    if (value == null || value.isBlank()) {
      throw new BadRequest(400, "The form field ‘" + name + "’ is missing.");
    }
    return value;
  }

  private static <E extends Enum<E>> E choice(Class<E> type, Map<String, String> form, String name) {
    String value = required(form, name);
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(400, "‘" + value + "’ is not a choice for " + name + ".");
    }
  }

  // ---- HTTP -----------------------------------------------------------------------------------

  private static Map<String, String> form(HttpExchange exchange) throws IOException {
    String type = Option.of(exchange.getRequestHeaders().getFirst("Content-Type")).getOrElse("");
    if (!type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw new BadRequest(415, "Send the page's form (application/x-www-form-urlencoded), not ‘" + type + "’.");
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_FORM_BYTES + 1);
    }
    if (body.length > MAX_FORM_BYTES) {
      throw new BadRequest(413, "The form is larger than " + MAX_FORM_BYTES / 1024 + " KiB.");
    }
    Map<String, String> fields = new HashMap<>();
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      return fields;
    }
    for (String pair : text.split("&")) {
      int equals = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
        String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        if (fields.putIfAbsent(name, value) != null) {
          throw new BadRequest(400, "The form field ‘" + name + "’ was sent twice.");
        }
      } catch (IllegalArgumentException e) {
        throw new BadRequest(400, "The form is not properly encoded.");
      }
    }
    return fields;
  }

  private static void error(HttpExchange exchange, int status, String message) throws IOException {
    send(exchange, status, "text/html; charset=utf-8", "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + status + " · Promotions</title><link rel=\"stylesheet\" href=\"console.css\"></head><body><h1>" + status + "</h1><p id=\"error\">"
        + Html.escape(message) + "</p><p><a href=\"/\">Back to Promotions</a></p></body></html>\n");
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static String resource(String name) {
    try (InputStream in = PromotionsConsole.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("The console's " + name + " is missing from the jar.");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request the console refuses with a 4xx status and a message, having changed nothing. */
  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequest(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** Options of a console; only the lane and the proposals are required. */
  public static final class Builder {
    private final StagingLaneService lane;
    private final ProposalCatalog catalog;
    private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private boolean allowRemote;
    private String authorName = "Platinur console";
    private String authorEmail = "console@platinur.invalid";
    private Clock clock = Clock.systemUTC();
    private Option<OfflineHost> offlineHost = Option.none();
    private Option<PromotionGateService> gate = Option.none();
    private Option<ReportedGateEvidence> reported = Option.none();
    private Option<PreviewEnvironmentService> previews = Option.none();
    private Option<DigestPromotionService> digests = Option.none();
    private Function<PullRequestNumber, Option<URI>> pullRequestLinks = pr -> Option.none();
    private int pollMillis = 1000;

    private Builder(StagingLaneService lane, ProposalCatalog catalog) {
      this.lane = Objects.requireNonNull(lane, "lane");
      this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** Where to listen; the loopback interface on a free port unless said otherwise. */
    public Builder address(InetSocketAddress listenOn) {
      this.address = Objects.requireNonNull(listenOn, "listenOn");
      return this;
    }

    /** Allows an address other than loopback: anyone who reaches it can act on the lane. */
    public Builder allowRemote() {
      this.allowRemote = true;
      return this;
    }

    /** Who the console's changes are recorded as: the commit author and the history's actor. */
    public Builder author(String name, String email) {
      this.authorName = Objects.requireNonNull(name, "name");
      this.authorEmail = Objects.requireNonNull(email, "email");
      return this;
    }

    public Builder clock(Clock time) {
      this.clock = Objects.requireNonNull(time, "time");
      return this;
    }

    /** The lane's promotion PRs live on this offline host: the page offers merge and close. */
    public Builder offlineHost(OfflineHost host) {
      this.offlineHost = Option.some(Objects.requireNonNull(host, "host"));
      return this;
    }

    /** Shows this gate's decision at the staging head, condition by condition. */
    public Builder gate(PromotionGateService promotionGate) {
      this.gate = Option.some(Objects.requireNonNull(promotionGate, "promotionGate"));
      return this;
    }

    /** Offers a form to report gate evidence by hand (for a gate wired to these reports). */
    public Builder reportedEvidence(ReportedGateEvidence evidence) {
      this.reported = Option.some(Objects.requireNonNull(evidence, "evidence"));
      return this;
    }

    /** Shows these preview environments, what the next reconcile would do, and offers to reconcile. */
    public Builder previews(PreviewEnvironmentService previewEnvironments) {
      this.previews = Option.some(Objects.requireNonNull(previewEnvironments, "previewEnvironments"));
      return this;
    }

    /** Shows the digest board: every environment's pins, the promotions, and what each next step waits for. */
    public Builder digestBoard(DigestPromotionService digestPromotions) {
      this.digests = Option.some(Objects.requireNonNull(digestPromotions, "digestPromotions"));
      return this;
    }

    /** Where a person can see a promotion PR (for example on GitHub); none by default. */
    public Builder pullRequestLinks(Function<PullRequestNumber, Option<URI>> links) {
      this.pullRequestLinks = Objects.requireNonNull(links, "links");
      return this;
    }

    /** How often the page asks whether the lane changed (default 1000 ms; 0: never). */
    public Builder pollMillis(int millis) {
      if (millis < 0) {
        throw new IllegalArgumentException("The poll interval cannot be negative: " + millis + " ms.");
      }
      this.pollMillis = millis;
      return this;
    }

    /** Starts listening; refuses an address other than loopback unless {@link #allowRemote()} was called. */
    public PromotionsConsole start() throws IOException {
      if (!allowRemote && !address.getAddress().isLoopbackAddress()) {
        throw new IllegalArgumentException("The console listens on the loopback interface only; "
            + address.getAddress().getHostAddress() + " is not loopback. Allow other addresses explicitly if you mean it.");
      }
      HttpServer server = HttpServer.create(address, 0);
      PromotionsConsole console = new PromotionsConsole(this, server);
      server.createContext("/", console::handle);
      server.setExecutor(console.executor);
      server.start();
      return console;
    }
  }
}
