package io.platinur.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.gate.PromotionGateService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.metrics.DeliveryMetricsService;
import io.platinur.application.preview.PreviewEnvironmentService;
import io.platinur.console.ConsoleSessions.Answer;
import io.platinur.console.ConsoleSessions.Session;
import io.platinur.domain.forge.PullRequestNumber;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.Properties;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * The Promotions console: one page that shows a staging lane as the seed describes it and lets a
 * person apply, unapply and discard proposals, open the promotion PR, merge or close it on the
 * offline host, and Sync Promotions; given them, also the digest board of a GitOps repository
 * (promote, complete and roll back per service and environment), the preview environments and the
 * delivery metrics' charts — or those alone, without a lane ({@link #builder(DigestPromotionService)}).
 * Every answer is shown as the library words it; a rejection in the seed's exact words; a button
 * that cannot act now is disabled with the reason the action would be refused with.
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
 * reach it through DNS rebinding), takes every change as a POST from its own page (the session's
 * CSRF token, and an {@code Origin} or {@code Sec-Fetch-Site} from another site refused), keeps
 * each console's session in a cookie of its own, escapes everything it shows, and refuses a bad
 * request with a 4xx and a clear message, changing nothing. The page asks whether the lane changed
 * with a conditional request (answered {@code 304 Not Modified} while nothing did) and reloads only
 * when it did. It runs on the JDK's own HTTP server: no web framework to keep up to date for one
 * page.
 */
public final class PromotionsConsole implements AutoCloseable {
  static final int MAX_FORM_BYTES = 64 * 1024;
  private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
      + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  private static final Map<String, Asset> ASSETS = Map.of(
      "/console.js", Asset.load("console.js", "text/javascript; charset=utf-8"),
      "/console.css", Asset.load("console.css", "text/css; charset=utf-8"),
      "/favicon.svg", Asset.load("favicon.svg", "image/svg+xml"),
      // browsers ask for it whatever the page names: the same icon
      "/favicon.ico", Asset.load("favicon.svg", "image/svg+xml"),
      // the charts of the delivery metrics: uPlot from its WebJar, and the page's own script that draws them
      "/uplot.iife.min.js", Asset.webJar("uplot", "dist/uPlot.iife.min.js", "text/javascript; charset=utf-8"),
      "/uplot.min.css", Asset.webJar("uplot", "dist/uPlot.min.css", "text/css; charset=utf-8"),
      "/metrics.js", Asset.load("metrics.js", "text/javascript; charset=utf-8"));
  /** Smaller answers are sent as they are: compressing them would save less than it costs. */
  private static final int COMPRESS_FROM_BYTES = 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final ConsoleSessions sessions;
  private final PromotionsPage page;
  private final Option<Set<String>> allowedHosts;
  private final Map<String, Function<Map<String, String>, Answer>> actions;

  private PromotionsConsole(Builder builder, HttpServer server) {
    this.server = server;
    int port = server.getAddress().getPort();
    this.sessions = new ConsoleSessions(port);
    this.page = new PromotionsPage(builder.lane, builder.catalog, builder.gate, builder.reported.isDefined(), builder.previews,
        builder.digests, builder.metrics, builder.offlineHost.isDefined(), builder.pullRequestLinks, builder.pollMillis, builder.clock);
    Map<String, Function<Map<String, String>, Answer>> all = new HashMap<>(new ProductActions(builder.previews, builder.digests,
        builder.authorName).byPath());
    builder.lane.forEach(lane -> all.putAll(new ConsoleActions(lane, builder.catalog, builder.offlineHost, builder.reported,
        builder.authorName, builder.authorEmail, builder.clock).byPath()));
    this.actions = Map.copyOf(all);
    this.allowedHosts = builder.allowRemote ? Option.none()
        : Option.some(Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port));
    this.executor = Executors.newFixedThreadPool(4, runnable -> {
      Thread thread = new Thread(runnable, "platinur-console");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** A console for this lane and these proposals; see the builder's options. */
  public static Builder builder(StagingLaneService lane, ProposalCatalog catalog) {
    return new Builder(Option.some(Objects.requireNonNull(lane, "lane")), Objects.requireNonNull(catalog, "catalog"));
  }

  /**
   * A console of digest promotions without a staging lane: the digest board with promote,
   * complete and rollback, the digest promotions' history, and whatever else the builder is given
   * (previews, metrics). A lane's options ({@code offlineHost}, {@code gate}, {@code
   * reportedEvidence}) are refused by {@link Builder#start()}.
   */
  public static Builder builder(DigestPromotionService digestPromotions) {
    return new Builder(Option.none(), ProposalCatalog.inMemory(java.util.List.of())).digestBoard(digestPromotions);
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
      fromOwnPage(exchange, host);
      Session session = sessions.find(exchange.getRequestHeaders().getFirst("Cookie"))
          .getOrElseThrow(() -> new BadRequest(403, "This browser has no console session. Open " + url() + " and use the page's buttons."));
      Map<String, String> form = form(exchange);
      if (!session.accepts(form.get("csrf"))) {
        throw new BadRequest(403, "The form's CSRF token is missing or wrong, so nothing was changed. Reload the page and try again.");
      }
      Answer answer;
      try {
        answer = action.apply(form);
      } finally {
        page.changed();
      }
      // The answer belongs to this request: the page it is redirected to shows it, once.
      exchange.getResponseHeaders().set("Location", "/?answer=" + session.answer(answer));
      exchange.sendResponseHeaders(303, -1);
      return;
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw new BadRequest(405, path + " is read with a GET.");
    }
    if (path.equals("/")) {
      Session session = sessions.find(exchange.getRequestHeaders().getFirst("Cookie")).getOrElse(() -> {
        Session created = sessions.create();
        exchange.getResponseHeaders().add("Set-Cookie", sessions.setCookie(created));
        return created;
      });
      Option<Answer> answer = query(exchange, "answer").flatMap(session::takeAnswer);
      send(exchange, 200, "text/html; charset=utf-8", page.page(session, answer).getBytes(StandardCharsets.UTF_8), Option.none());
    } else if (path.equals("/version")) {
      String version = page.version();
      sendConditional(exchange, "text/plain; charset=utf-8", version.getBytes(StandardCharsets.UTF_8), "\"" + version + "\"");
    } else if (path.equals("/metrics.json") && page.metricsJson().isDefined()) {
      send(exchange, 200, "application/json; charset=utf-8", page.metricsJson().get().getBytes(StandardCharsets.UTF_8), Option.none());
    } else if (ASSETS.containsKey(path)) {
      Asset asset = ASSETS.get(path);
      sendConditional(exchange, asset.type(), asset.bytes(), asset.etag());
    } else {
      throw new BadRequest(404, "There is no page at " + path + ". The console is at " + url() + ".");
    }
  }

  /**
   * A second defence beside the CSRF token: a browser says where a POST comes from, and one from
   * another site (another port is another origin) is refused even with a valid token.
   */
  private void fromOwnPage(HttpExchange exchange, String host) {
    String site = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      throw new BadRequest(403, "This console takes changes only from its own page at " + url() + "; this request came from "
          + "another page (Sec-Fetch-Site: " + site + "), so nothing was changed.");
    }
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin != null && (host == null || !origin.equalsIgnoreCase("http://" + host))) {
      throw new BadRequest(403, "This console takes changes only from its own page at " + url() + "; this request came from ‘"
          + origin + "’, so nothing was changed.");
    }
  }

  // ---- HTTP -----------------------------------------------------------------------------------

  private static Option<String> query(HttpExchange exchange, String name) {
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null) {
      return Option.none();
    }
    for (String pair : raw.split("&")) {
      if (pair.startsWith(name + "=")) {
        return Option.some(pair.substring(name.length() + 1));
      }
    }
    return Option.none();
  }

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
    String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status + " · Promotions</title>"
        + "<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\"><link rel=\"stylesheet\" href=\"/console.css\"></head>"
        + "<body><main><h1>" + status + "</h1><p id=\"error\">" + Html.escape(message) + "</p><p><a href=\"/\">Back to Promotions</a></p>"
        + "</main></body></html>\n";
    send(exchange, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Option.none());
  }

  /** Answers {@code 304 Not Modified} when the browser already has this version. */
  private static void sendConditional(HttpExchange exchange, String type, byte[] body, String etag) throws IOException {
    String known = exchange.getRequestHeaders().getFirst("If-None-Match");
    if (known != null && (known.equals(etag) || known.equals("W/" + etag))) {
      headers(exchange, type, Option.some(etag));
      exchange.sendResponseHeaders(304, -1);
      return;
    }
    send(exchange, 200, type, body, Option.some(etag));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body, Option<String> etag) throws IOException {
    headers(exchange, type, etag);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    byte[] sent = body;
    if (body.length >= COMPRESS_FROM_BYTES && acceptsGzip(exchange)) {
      sent = gzip(body);
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
    exchange.sendResponseHeaders(status, head ? -1 : sent.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(sent);
      }
    }
  }

  private static boolean acceptsGzip(HttpExchange exchange) {
    return exchange.getRequestHeaders().getOrDefault("Accept-Encoding", java.util.List.of()).stream()
        .flatMap(header -> java.util.Arrays.stream(header.split(",")))
        .map(coding -> coding.strip().toLowerCase(Locale.ROOT))
        .anyMatch(coding -> coding.equals("gzip") || coding.startsWith("gzip;") && !coding.replace(" ", "").endsWith("q=0"));
  }

  private static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
      out.write(body);
    }
    return compressed.toByteArray();
  }

  private static void headers(HttpExchange exchange, String type, Option<String> etag) {
    exchange.getResponseHeaders().set("Content-Type", type);
    // A page holds the session's token: never kept. Versioned answers are kept, but asked about every time.
    exchange.getResponseHeaders().set("Cache-Control", etag.isDefined() ? "no-cache" : "no-store");
    etag.forEach(tag -> exchange.getResponseHeaders().set("ETag", tag));
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    // Not "no-referrer": with it a browser sends its own page's POSTs with "Origin: null", which
    // fromOwnPage refuses. A link away from the console (a PR on GitHub) still carries no referrer.
    exchange.getResponseHeaders().set("Referrer-Policy", "same-origin");
    exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  }

  /** A file the page loads: read once from the jar, named by a digest of its bytes. */
  private record Asset(byte[] bytes, String type, String etag) {
    static Asset load(String name, String type) {
      return read(name, PromotionsConsole.class.getResourceAsStream(name), type);
    }

    /** A file of a WebJar on the class path, found at the version its jar names. */
    static Asset webJar(String artifact, String file, String type) {
      Properties about = new Properties();
      try (InputStream in = PromotionsConsole.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
        if (in == null) {
          throw new IllegalStateException("The WebJar " + artifact + " is missing from the class path.");
        }
        about.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String name = "/META-INF/resources/webjars/" + artifact + "/" + about.getProperty("version") + "/" + file;
      return read(name, PromotionsConsole.class.getResourceAsStream(name), type);
    }

    private static Asset read(String name, InputStream resource, String type) {
      try (InputStream in = resource) {
        if (in == null) {
          throw new IllegalStateException("The console's " + name + " is missing from the jar.");
        }
        byte[] bytes = in.readAllBytes();
        return new Asset(bytes, type, "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12) + "\"");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("Every Java runtime has SHA-256.", e);
      }
    }
  }

  /** Options of a console: the lane and its proposals, or the digest promotions, and what else it shows. */
  public static final class Builder {
    private final Option<StagingLaneService> lane;
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
    private Option<DeliveryMetricsService> metrics = Option.none();
    private Function<PullRequestNumber, Option<URI>> pullRequestLinks = pr -> Option.none();
    private int pollMillis = 1000;

    private Builder(Option<StagingLaneService> lane, ProposalCatalog catalog) {
      this.lane = lane;
      this.catalog = catalog;
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

    /** Where the time of a commit the console writes comes from (the system's UTC clock by default). */
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

    /**
     * Shows the digest board — every environment's pins and platform version, each target's
     * promotion and what its next step waits for, drift between environments — with Promote,
     * Complete and Roll back for each target (each disabled with the refusal its command would
     * give), and the digest promotions' history.
     */
    public Builder digestBoard(DigestPromotionService digestPromotions) {
      this.digests = Option.some(Objects.requireNonNull(digestPromotions, "digestPromotions"));
      return this;
    }

    /**
     * Shows the delivery metrics of the last 30 days: the totals in words and charts of lead time,
     * deployments, failures and restores per day, drawn in the browser with uPlot.
     */
    public Builder metrics(DeliveryMetricsService deliveryMetrics) {
      this.metrics = Option.some(Objects.requireNonNull(deliveryMetrics, "deliveryMetrics"));
      return this;
    }

    /** Where a person can see a promotion PR (for example on GitHub); none by default. */
    public Builder pullRequestLinks(Function<PullRequestNumber, Option<URI>> links) {
      this.pullRequestLinks = Objects.requireNonNull(links, "links");
      return this;
    }

    /**
     * How often an open page asks whether the lane changed (default 1000 ms; 0: never). The
     * question costs one conditional request, answered {@code 304} with no body while nothing
     * changed; a page in a tab nobody looks at does not ask.
     */
    public Builder pollMillis(int millis) {
      if (millis < 0) {
        throw new IllegalArgumentException("The poll interval cannot be negative: " + millis + " ms.");
      }
      this.pollMillis = millis;
      return this;
    }

    /**
     * Starts listening; refuses an address other than loopback unless {@link #allowRemote()} was
     * called.
     *
     * @throws BindException when something else listens on the port already; the message names
     *     the port and the address
     */
    public PromotionsConsole start() throws IOException {
      if (lane.isEmpty() && (offlineHost.isDefined() || gate.isDefined() || reported.isDefined())) {
        throw new IllegalStateException("An offline host, a gate and reported gate evidence belong to a staging lane; this console has none.");
      }
      if (!allowRemote && !address.getAddress().isLoopbackAddress()) {
        throw new IllegalArgumentException("The console listens on the loopback interface only; "
            + address.getAddress().getHostAddress() + " is not loopback. Allow other addresses explicitly if you mean it.");
      }
      HttpServer server;
      try {
        server = HttpServer.create(address, 0);
      } catch (BindException e) {
        BindException named = new BindException("Port " + address.getPort() + " on " + address.getAddress().getHostAddress()
            + " is already in use.");
        named.initCause(e);
        throw named;
      }
      PromotionsConsole console = new PromotionsConsole(this, server);
      // the first page is read and rendered now, while a browser opens, not when it asks
      console.page.version();
      server.createContext("/", console::handle);
      server.setExecutor(console.executor);
      server.start();
      return console;
    }
  }
}
