package io.platinur.testkit.forge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A fake GitHub, as a WireMock extension, whose branches are the branches of a real bare Git
 * repository: the repository GitHub would host. It answers, in GitHub's REST shapes and status
 * codes, the calls the adapter makes for promotion PRs: read the repository, list, create and read
 * pull requests, merge one at an expected head ({@code 409} when the head moved), and close one.
 *
 * <p>A pull request's head commit is whatever the head branch points at in the repository now.
 * Merging writes a real merge commit with JGit (parents: the base branch's head, then the PR's
 * head; tree: the PR head's tree, which is right because the base must be an ancestor of the head,
 * as the staging lane guarantees) and moves the base branch by compare-and-swap, exactly as far as
 * it read it. GET answers carry an ETag and are answered {@code 304} when it still matches, so the
 * adapter's conditional requests meet changing state.
 *
 * <p>For promote by digest it also keeps reviews (each made on the head the PR had then), the
 * author of the PRs opened through the API, and deployments whose payload names a service and a
 * digest, each with its statuses and their times, as a CD pipeline creates them.
 *
 * <p>A test can also act as a person in GitHub's web interface (open, merge or close a pull
 * request), lose the answer to the next create (the pull request is created, the connection is
 * reset), or slip a change in just before the next merge request is handled (a race). Faults are
 * played on the next matching request ({@link #fail(ForgeFault)}: 5xx and resets before or after the
 * change, 429 with {@code retry-after}); lists can be served in small pages with GitHub's
 * {@code Link} header ({@link #pageSize}); pull request lists can lag behind a write
 * ({@link #staleListsAfterWrite}). Every request is recorded ({@link #requests()}).
 *
 * <p>Requests it does not know are answered {@code 404} and kept in {@link #unhandled()}, so a test
 * can insist the adapter asked for nothing this fake does not model. This is the one fake GitHub of
 * the build: the GitHub adapter's tests, the lifecycle tests and the command's tests all use it.
 */
public final class FakeGitHub implements ResponseDefinitionTransformerV2, AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant MERGE_TIME = Instant.parse("2026-11-24T12:00:00Z");

  private final String owner;
  private final String name;
  private final String prefix;
  private final Pattern pull;
  private final Repository git;
  private final TreeMap<Long, Pr> prs = new TreeMap<>();
  private final List<String> unhandled = new ArrayList<>();
  private String baseUrl = "http://localhost";
  private Runnable beforeNextMerge = () -> {};
  private boolean loseNextCreateAnswer;
  // CI and deployments per commit, as CI services and the deploy pipeline would have reported them
  private final java.util.Map<String, ArrayNode> statuses = new java.util.HashMap<>();
  private final java.util.Map<String, ArrayNode> checkRuns = new java.util.HashMap<>();
  private long ids = 100;
  private final java.util.Map<Long, ArrayNode> reviews = new java.util.HashMap<>();
  private final java.util.Map<Long, ObjectNode> digestDeployments = new java.util.TreeMap<>();
  private final java.util.Map<Long, ArrayNode> digestDeploymentStatuses = new java.util.HashMap<>();
  private String author = "octocat";
  private final java.util.Deque<ForgeFault> faults = new java.util.ArrayDeque<>();
  private final List<String> requests = new ArrayList<>();
  private int pageSize = 100;
  private int rateLimitRemaining = 4999;
  private int staleLists;
  private WireMockServer server;

  /** What GitHub reports about one pull request. */
  public record PullRequestView(long number, String head, String base, String state, boolean merged, Optional<String> mergeCommit) {}

  /** One pull request as GitHub keeps it; the head sha of an open one is read from the branch. */
  static final class Pr {
    final long number;
    final String head;
    final String base;
    final String title;
    final String body;
    String state = "open";
    boolean merged;
    String mergeCommit;
    String closedHead;

    Pr(long number, String head, String base, String title, String body) {
      this.number = number;
      this.head = head;
      this.base = base;
      this.title = title;
      this.body = body;
    }
  }

  public FakeGitHub(Path bareRepository, String owner, String name) throws IOException {
    this.owner = owner;
    this.name = name;
    this.prefix = "/repos/" + owner + "/" + name;
    this.pull = Pattern.compile(Pattern.quote(prefix) + "/pulls/(\\d+)(/merge)?");
    this.git = new FileRepositoryBuilder().setGitDir(bareRepository.toFile()).setMustExist(true).build();
  }

  /**
   * A fake GitHub serving {@code owner/name} on the bare repository at {@code bareRepository},
   * started on a free local port; its API root is {@link #apiEndpoint()}.
   */
  public static FakeGitHub start(Path bareRepository, String owner, String name) throws IOException {
    FakeGitHub fake = new FakeGitHub(bareRepository, owner, name);
    WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().extensions(fake));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse()));
    fake.server = server;
    fake.serveAt(server.baseUrl());
    return fake;
  }

  /** The REST API root of a fake made with {@link #start}. */
  public synchronized java.net.URI apiEndpoint() {
    return java.net.URI.create(baseUrl);
  }

  /** Plays {@code fault} on the next request that matches it. */
  public synchronized void fail(ForgeFault fault) {
    faults.add(fault);
  }

  /** Lists are served at most {@code size} items a page, whatever {@code per_page} asks, with a {@code Link} to the next. */
  public synchronized void pageSize(int size) {
    this.pageSize = size;
  }

  /** The next {@code reads} pull request lists leave out the newest pull request, as a lagging replica would. */
  public synchronized void staleListsAfterWrite(int reads) {
    this.staleLists = reads;
  }

  /** Every request received, as {@code METHOD path?query}, oldest first. */
  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  /** How many {@code method} requests had a path matching {@code pathRegex}. */
  public synchronized long count(String method, String pathRegex) {
    Pattern pattern = Pattern.compile(pathRegex);
    return requests.stream().filter(r -> r.startsWith(method + " ") && pattern.matcher(r.substring(method.length() + 1)).find()).count();
  }

  /** How many pull requests from {@code head} into {@code base} are open. */
  public synchronized int openPullRequests(String head, String base) {
    return (int) prs.values().stream().filter(pr -> pr.state.equals("open") && pr.head.equals(head) && pr.base.equals(base)).count();
  }

  /** Pull request {@code number} as GitHub reports it, if it exists. */
  public synchronized Optional<PullRequestView> pullRequest(long number) {
    return Optional.ofNullable(prs.get(number)).map(pr -> new PullRequestView(pr.number, pr.head, pr.base, pr.state, pr.merged,
        Optional.ofNullable(pr.mergeCommit)));
  }

  /** Where the server answers, so the addresses in bodies point back at it. */
  public synchronized void serveAt(String url) {
    this.baseUrl = url;
  }

  /** Requests answered 404 because this fake does not model them, as {@code METHOD path}. */
  public synchronized List<String> unhandled() {
    return List.copyOf(unhandled);
  }

  /** CI reports a completed check run {@code name} with {@code conclusion} at {@code sha}. */
  public synchronized void checkRunCompleted(String sha, String name, String conclusion) {
    ObjectNode run = JSON.createObjectNode().put("id", ids++).put("name", name).put("head_sha", sha)
        .put("status", "completed").put("conclusion", conclusion)
        .put("started_at", "2026-11-24T10:00:00Z").put("completed_at", "2026-11-24T10:05:00Z");
    run.putObject("output").put("title", name).put("summary", name + " " + conclusion);
    checkRuns.computeIfAbsent(sha, k -> JSON.createArrayNode()).add(run);
  }

  /** What {@code GET /rate_limit} reports left of the core limit of 5000 requests an hour (4999 unless set). */
  public synchronized void rateLimitRemaining(int remaining) {
    this.rateLimitRemaining = remaining;
  }

  /** GitHub's {@code GET /rate_limit}: the core limit as set, the other families untouched. */
  private ResponseDefinition rateLimit() {
    long reset = MERGE_TIME.plusSeconds(3600).getEpochSecond();
    ObjectNode body = JSON.createObjectNode();
    ObjectNode resources = body.putObject("resources");
    ObjectNode core = resources.putObject("core").put("limit", 5000).put("used", 5000 - rateLimitRemaining)
        .put("remaining", rateLimitRemaining).put("reset", reset);
    for (String family : new String[] {"search", "graphql", "integration_manifest"}) {
      int limit = family.equals("search") ? 30 : 5000;
      resources.putObject(family).put("limit", limit).put("used", 0).put("remaining", limit).put("reset", reset);
    }
    body.set("rate", core.deepCopy());
    return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body.toString()).build();
  }

  /** Who GitHub says opened the pull requests (the token's user); GitHub's example's {@code octocat} by default. */
  public synchronized void pullRequestsOpenedBy(String login) {
    this.author = login;
  }

  /**
   * {@code login} submits a review of PR {@code number} ({@code APPROVED}, {@code CHANGES_REQUESTED},
   * {@code COMMENTED}) on the head the PR has now, at {@code at}.
   */
  public synchronized void review(long number, String login, String state, Instant at) throws IOException {
    ObjectNode review = (ObjectNode) example("pull-request-review-items").get(0).deepCopy();
    ((ObjectNode) review.get("user")).put("login", login).put("url", baseUrl + "/users/" + login);
    review.put("id", ids++).put("state", state).put("commit_id", branch(prs.get(number).head).name())
        .put("submitted_at", at.toString()).put("pull_request_url", baseUrl + prefix + "/pulls/" + number);
    reviews.computeIfAbsent(number, k -> JSON.createArrayNode()).add(review);
  }

  /**
   * The CD pipeline deployed {@code digest} of {@code service} to {@code environment}: a deployment
   * whose payload names both, with one status {@code state} created at {@code at}.
   */
  public synchronized void digestDeployed(String environment, String service, String digest, String state, Instant at) {
    long id = 1000 + digestDeployments.size();
    digestDeployment(id, environment, "0000000000000000000000000000000000000000", at);
    digestDeployments.get(id).putObject("payload").put("service", service).put("digest", digest);
    addDeploymentStatus(id, environment, state, at);
  }

  private void digestDeployment(long id, String environment, String sha, Instant at) {
    ObjectNode deployment = (ObjectNode) example("deployment-items").get(0).deepCopy();
    deployment.put("id", id).put("environment", environment).put("sha", sha).put("ref", "main")
        .put("url", baseUrl + prefix + "/deployments/" + id).put("statuses_url", baseUrl + prefix + "/deployments/" + id + "/statuses")
        .put("repository_url", baseUrl + prefix).put("created_at", at.toString()).put("updated_at", at.toString());
    deployment.putObject("payload");
    digestDeployments.put(id, deployment);
  }

  /** Deployment {@code id} gets a new status {@code state} at {@code at}. */
  public synchronized void addDeploymentStatus(long id, String environment, String state, Instant at) {
    ObjectNode status = (ObjectNode) example("deployment-status-items").get(0).deepCopy();
    status.put("id", ids++).put("state", state).put("environment", environment)
        .put("url", baseUrl + prefix + "/deployments/" + id + "/statuses/" + status.get("id").asLong())
        .put("deployment_url", baseUrl + prefix + "/deployments/" + id).put("repository_url", baseUrl + prefix)
        .put("created_at", at.toString()).put("updated_at", at.toString());
    digestDeploymentStatuses.computeIfAbsent(id, k -> JSON.createArrayNode()).insert(0, status);
  }

  /** The deploy pipeline deployed {@code sha} to {@code environment} and reported {@code state}; returns the deployment's id. */
  public synchronized long deployed(String sha, String environment, String state) {
    long id = 1000 + digestDeployments.size();
    Instant at = Instant.parse("2026-11-24T10:00:00Z").plusSeconds(id);
    digestDeployment(id, environment, sha, at);
    addDeploymentStatus(id, environment, state, at);
    return id;
  }

  /** A CI service posts the commit status {@code context} in {@code state} at {@code sha}. */
  public synchronized void commitStatus(String sha, String context, String state) {
    ObjectNode created = JSON.createObjectNode().put("id", ids++).put("state", state)
        .put("description", context + " " + state).put("context", context)
        .put("url", baseUrl + prefix + "/statuses/" + sha)
        .put("created_at", "2026-11-24T10:10:00Z").put("updated_at", "2026-11-24T10:10:00Z");
    created.putNull("target_url");
    statuses.computeIfAbsent(sha, k -> JSON.createArrayNode()).insert(0, created);
  }

  /** Commit statuses at {@code sha}, newest first, as GitHub lists them. */
  public synchronized List<JsonNode> statusesAt(String sha) {
    List<JsonNode> all = new ArrayList<>();
    statuses.getOrDefault(sha, JSON.createArrayNode()).forEach(all::add);
    return all;
  }

  private ResponseDefinition ciAndDeployments(String method, String path, Request request) throws IOException {
    Matcher status = Pattern.compile(Pattern.quote(prefix) + "/statuses/([0-9a-f]{40})").matcher(path);
    if (status.matches()) {
      String sha = status.group(1);
      if (method.equals("GET")) {
        return json(200, statuses.getOrDefault(sha, JSON.createArrayNode()), request);
      }
      if (method.equals("POST")) {
        JsonNode sent = JSON.readTree(request.getBodyAsString());
        ObjectNode created = JSON.createObjectNode().put("id", ids++).put("state", sent.path("state").asText())
            .put("description", sent.path("description").asText(null)).put("context", sent.path("context").asText("default"))
            .put("url", baseUrl + prefix + "/statuses/" + sha)
            .put("created_at", "2026-11-24T10:10:00Z").put("updated_at", "2026-11-24T10:10:00Z");
        created.putNull("target_url");
        ArrayNode list = statuses.computeIfAbsent(sha, k -> JSON.createArrayNode());
        list.insert(0, created);
        return json(201, created, null);
      }
    }
    Matcher runs = Pattern.compile(Pattern.quote(prefix) + "/commits/([0-9a-f]{40})/check-runs").matcher(path);
    if (runs.matches() && method.equals("GET")) {
      ArrayNode list = checkRuns.getOrDefault(runs.group(1), JSON.createArrayNode());
      ObjectNode page = JSON.createObjectNode().put("total_count", list.size());
      page.set("check_runs", list);
      return json(200, page, request);
    }
    if (path.equals(prefix + "/deployments") && method.equals("GET")) {
      Optional<String> sha = query(request, "sha");
      String environment = query(request, "environment").orElse("");
      // newest first, as GitHub lists them
      List<ObjectNode> newestFirst = new ArrayList<>(digestDeployments.values());
      java.util.Collections.reverse(newestFirst);
      ArrayNode list = JSON.createArrayNode();
      newestFirst.stream()
          .filter(d -> d.path("environment").asText().equals(environment))
          .filter(d -> sha.map(wanted -> wanted.equals(d.path("sha").asText())).orElse(true))
          .forEach(list::add);
      return json(200, list, request);
    }
    Matcher deploymentStatuses = Pattern.compile(Pattern.quote(prefix) + "/deployments/(\\d+)/statuses").matcher(path);
    if (deploymentStatuses.matches() && method.equals("GET") && digestDeployments.containsKey(Long.parseLong(deploymentStatuses.group(1)))) {
      return json(200, digestDeploymentStatuses.getOrDefault(Long.parseLong(deploymentStatuses.group(1)), JSON.createArrayNode()), request);
    }
    return null;
  }

  /** Someone closes the PR in GitHub's web interface. */
  public synchronized void closeInWebInterface(long number) throws IOException {
    close(prs.get(number));
  }

  /** Someone merges the PR with the button in GitHub's web interface; false when GitHub refuses. */
  public synchronized boolean mergeInWebInterface(long number) throws IOException {
    return merge(prs.get(number), null).getStatus() == 200;
  }

  /** Someone opens a pull request in GitHub's web interface; returns its number. */
  public synchronized long openInWebInterface(String head, String base, String title) {
    long number = prs.isEmpty() ? 1 : prs.lastKey() + 1;
    prs.put(number, new Pr(number, head, base, title, ""));
    return number;
  }

  /** The next pull request created through the API is created, but its answer is lost (connection reset). */
  public synchronized void loseNextCreateAnswer() {
    this.loseNextCreateAnswer = true;
  }

  /** Runs {@code action} when the next merge request arrives, before it is looked at: a race. */
  public synchronized void beforeNextMerge(Runnable action) {
    this.beforeNextMerge = action;
  }

  @Override
  public String getName() {
    return "git-backed-fake-github";
  }

  @Override
  public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    String method = request.getMethod().getName();
    String path = request.getUrl().split("\\?")[0];
    requests.add(method + " " + request.getUrl());
    Optional<ForgeFault> fault = nextFault(method, path);
    if (fault.isPresent()) {
      switch (fault.get().kind()) {
        case SERVER_ERROR_BEFORE:
          return error(fault.get().status(), "Server Error");
        case RESET_BEFORE:
          return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        case RATE_LIMITED:
          return ResponseDefinitionBuilder.responseDefinition().withStatus(429)
              .withHeader("Content-Type", "application/json; charset=utf-8")
              .withHeader("retry-after", String.valueOf(fault.get().retryAfterSeconds()))
              .withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\","
                  + "\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\",\"status\":\"429\"}")
              .build();
        default:
          break;
      }
    }
    ResponseDefinition answer = route(method, path, request);
    if (fault.isPresent() && fault.get().kind() == ForgeFault.Kind.SERVER_ERROR_AFTER) {
      return error(fault.get().status(), "Server Error");
    }
    if (fault.isPresent() && fault.get().kind() == ForgeFault.Kind.RESET_AFTER) {
      return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
    }
    return answer;
  }

  private Optional<ForgeFault> nextFault(String method, String path) {
    for (java.util.Iterator<ForgeFault> it = faults.iterator(); it.hasNext(); ) {
      ForgeFault fault = it.next();
      if (fault.matches(method, path)) {
        it.remove();
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }

  private ResponseDefinition route(String method, String path, Request request) {
    try {
      if (method.equals("GET") && path.equals(prefix)) {
        return json(200, repository(), request);
      }
      if (method.equals("GET") && path.equals("/rate_limit")) {
        return rateLimit();
      }
      if (path.equals(prefix + "/pulls")) {
        if (method.equals("POST")) {
          return create(JSON.readTree(request.getBodyAsString()));
        }
        if (method.equals("GET")) {
          return list(request);
        }
      }
      Matcher reviewed = Pattern.compile(Pattern.quote(prefix) + "/pulls/(\\d+)/reviews").matcher(path);
      if (reviewed.matches() && method.equals("GET") && prs.containsKey(Long.parseLong(reviewed.group(1)))) {
        return json(200, reviews.getOrDefault(Long.parseLong(reviewed.group(1)), JSON.createArrayNode()), request);
      }
      Matcher user = Pattern.compile("/users/([A-Za-z0-9-]+)").matcher(path);
      if (user.matches() && method.equals("GET")) {
        ObjectNode body = (ObjectNode) example("pull-request-review-items").get(0).get("user").deepCopy();
        return json(200, body.put("login", user.group(1)).put("url", baseUrl + "/users/" + user.group(1)), request);
      }
      Matcher matched = pull.matcher(path);
      if (matched.matches()) {
        Pr pr = prs.get(Long.parseLong(matched.group(1)));
        if (pr == null) {
          return error(404, "Not Found");
        }
        if (matched.group(2) != null && method.equals("PUT")) {
          Runnable race = beforeNextMerge;
          beforeNextMerge = () -> {};
          race.run();
          JsonNode sha = JSON.readTree(request.getBodyAsString()).get("sha");
          return merge(pr, sha == null || sha.isNull() ? null : sha.asText());
        }
        if (matched.group(2) == null && method.equals("PATCH")) {
          if ("closed".equals(JSON.readTree(request.getBodyAsString()).path("state").asText())) {
            close(pr);
          }
          return json(200, body(pr), null);
        }
        if (matched.group(2) == null && method.equals("GET")) {
          return json(200, body(pr), request);
        }
      }
      ResponseDefinition ci = ciAndDeployments(method, path, request);
      if (ci != null) {
        return ci;
      }
      unhandled.add(method + " " + request.getUrl());
      return error(404, "Not Found");
    } catch (IOException e) {
      return error(400, "Problems parsing JSON");
    }
  }

  private ResponseDefinition create(JsonNode request) throws IOException {
    String head = request.path("head").asText();
    String base = request.path("base").asText();
    for (Pr pr : prs.values()) {
      if (pr.state.equals("open") && pr.head.equals(head) && pr.base.equals(base)) {
        return validation("A pull request already exists for " + owner + ":" + head + ".");
      }
    }
    ObjectId headId = branch(head);
    ObjectId baseId = branch(base);
    if (headId == null || baseId == null) {
      return validation("Invalid head or base");
    }
    if (isAncestor(headId, baseId)) {
      return validation("No commits between " + base + " and " + head);
    }
    long number = prs.isEmpty() ? 1 : prs.lastKey() + 1;
    Pr pr = new Pr(number, head, base, request.path("title").asText(), request.path("body").asText(""));
    prs.put(number, pr);
    if (loseNextCreateAnswer) {
      loseNextCreateAnswer = false;
      return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
    }
    return json(201, body(pr), null);
  }

  private ResponseDefinition list(Request request) throws IOException {
    String state = query(request, "state").orElse("open");
    Optional<String> head = query(request, "head");
    Optional<String> base = query(request, "base");
    long hidden = staleLists > 0 && !prs.isEmpty() ? prs.lastKey() : -1;
    if (staleLists > 0) {
      staleLists--;
    }
    ArrayNode list = JSON.createArrayNode();
    for (Pr pr : prs.values()) {
      if (pr.number != hidden && (state.equals("all") || pr.state.equals(state))
          && head.map(h -> h.equals(owner + ":" + pr.head)).orElse(true)
          && base.map(b -> b.equals(pr.base)).orElse(true)) {
        list.add(body(pr));
      }
    }
    return page(list, request);
  }

  /** One page of {@code list}, with GitHub's {@code Link} header to the next and last pages. */
  private ResponseDefinition page(ArrayNode list, Request request) throws IOException {
    int perPage = Math.max(1, Math.min(pageSize, query(request, "per_page").map(Integer::parseInt).orElse(30)));
    int page = Math.max(1, query(request, "page").map(Integer::parseInt).orElse(1));
    int pages = Math.max(1, (list.size() + perPage - 1) / perPage);
    if (pages == 1) {
      return json(200, list, request);
    }
    ArrayNode slice = JSON.createArrayNode();
    for (int i = (page - 1) * perPage; i < Math.min(list.size(), page * perPage); i++) {
      slice.add(list.get(i));
    }
    String url = baseUrl + request.getUrl().replaceAll("([?&])page=\\d+&?", "$1").replaceAll("[?&]$", "");
    String join = url.contains("?") ? "&" : "?";
    StringBuilder link = new StringBuilder();
    if (page < pages) {
      link.append('<').append(url).append(join).append("page=").append(page + 1).append(">; rel=\"next\", ");
    }
    link.append('<').append(url).append(join).append("page=").append(pages).append(">; rel=\"last\"");
    return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader("Link", link.toString())
        .withBody(JSON.writeValueAsString(slice))
        .build();
  }

  /**
   * GitHub's merge: refused unless open (405), refused when {@code sha} is not the head (409),
   * refused when the base is not in the head's history (405; a real GitHub would try a content
   * merge, which this fake does not model); otherwise a merge commit whose tree is the head's.
   */
  private ResponseDefinition merge(Pr pr, String expectedSha) throws IOException {
    if (!pr.state.equals("open")) {
      return error(405, "Pull Request is not mergeable");
    }
    ObjectId head = branch(pr.head);
    ObjectId base = branch(pr.base);
    if (expectedSha != null && !expectedSha.equals(head.name())) {
      return error(409, "Head branch was modified. Review and try the merge again.");
    }
    if (!isAncestor(base, head)) {
      return error(405, "Pull Request is not mergeable");
    }
    ObjectId merge;
    try (RevWalk walk = new RevWalk(git); ObjectInserter inserter = git.newObjectInserter()) {
      RevCommit headCommit = walk.parseCommit(head);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(headCommit.getTree());
      commit.setParentIds(base, head);
      commit.setAuthor(new PersonIdent("Octo Cat", "octocat@example.com", MERGE_TIME.plusSeconds(pr.number), ZoneOffset.UTC));
      commit.setCommitter(new PersonIdent("GitHub", "noreply@github.com", MERGE_TIME.plusSeconds(pr.number), ZoneOffset.UTC));
      commit.setEncoding(StandardCharsets.UTF_8);
      commit.setMessage("Merge pull request #" + pr.number + " from " + owner + "/" + pr.head + "\n\n" + pr.title + "\n");
      merge = inserter.insert(commit);
      inserter.flush();
    }
    RefUpdate update = git.updateRef(Constants.R_HEADS + pr.base);
    update.setExpectedOldObjectId(base);
    update.setNewObjectId(merge);
    update.setRefLogIdent(new PersonIdent("GitHub", "noreply@github.com", MERGE_TIME, ZoneOffset.UTC));
    update.setRefLogMessage("merge pull request #" + pr.number, false);
    RefUpdate.Result result = update.update();
    if (result != RefUpdate.Result.FAST_FORWARD) {
      return error(409, "Base branch was modified. Review and try the merge again.");
    }
    pr.state = "closed";
    pr.merged = true;
    pr.mergeCommit = merge.name();
    pr.closedHead = head.name();
    return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody("{\"sha\":\"" + merge.name() + "\",\"merged\":true,\"message\":\"Pull Request successfully merged\"}")
        .build();
  }

  private void close(Pr pr) throws IOException {
    if (pr.state.equals("open")) {
      pr.closedHead = branch(pr.head).name();
      pr.state = "closed";
    }
  }

  private ObjectId branch(String branch) throws IOException {
    Ref ref = git.exactRef(Constants.R_HEADS + branch);
    return ref == null ? null : ref.getObjectId();
  }

  private boolean isAncestor(ObjectId ancestor, ObjectId of) throws IOException {
    try (RevWalk walk = new RevWalk(git)) {
      return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(of));
    }
  }

  private ObjectNode repository() {
    ObjectNode repo = (ObjectNode) example("full-repository");
    repo.put("name", name);
    repo.put("full_name", owner + "/" + name);
    ((ObjectNode) repo.get("owner")).put("login", owner);
    return repo;
  }

  /** GitHub's pull request example, carrying this PR's number, branches, head, state and merge. */
  private ObjectNode body(Pr pr) throws IOException {
    boolean open = pr.state.equals("open");
    String headSha = open ? branch(pr.head).name() : pr.closedHead;
    boolean clean = !open || isAncestor(branch(pr.base), branch(pr.head));
    ObjectNode node = (ObjectNode) example("pull-request");
    node.put("number", pr.number);
    ((ObjectNode) node.get("user")).put("login", author);
    node.put("url", baseUrl + prefix + "/pulls/" + pr.number);
    node.put("html_url", "https://github.com/" + owner + "/" + name + "/pull/" + pr.number);
    node.put("title", pr.title);
    node.put("body", pr.body);
    node.put("state", pr.state);
    node.put("locked", false);
    node.put("merged", pr.merged);
    node.put("merge_commit_sha", pr.mergeCommit);
    node.put("mergeable", clean);
    node.put("mergeable_state", pr.merged ? "unknown" : clean ? "clean" : "dirty");
    if (open) {
      node.putNull("closed_at");
    }
    if (!pr.merged) {
      node.putNull("merged_at");
    }
    ((ObjectNode) node.get("head")).put("ref", pr.head).put("sha", headSha).put("label", owner + ":" + pr.head);
    ((ObjectNode) node.get("base")).put("ref", pr.base).put("sha", branch(pr.base).name()).put("label", owner + ":" + pr.base);
    ((ObjectNode) node.get("head").get("repo")).put("name", name).put("full_name", owner + "/" + name);
    ((ObjectNode) node.get("base").get("repo")).put("name", name).put("full_name", owner + "/" + name);
    return node;
  }

  /** A body from GitHub's published REST description, re-addressed to this fake and repository. */
  private JsonNode example(String example) {
    try (InputStream in = FakeGitHub.class.getResourceAsStream("github/" + example + ".json")) {
      if (in == null) {
        throw new IllegalStateException("No resource io/platinur/testkit/forge/github/" + example + ".json");
      }
      return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("https://api.github.com", baseUrl)
          .replace("octocat/Hello-World", owner + "/" + name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<String> query(Request request, String key) {
    return request.queryParameter(key).isPresent() ? Optional.of(request.queryParameter(key).firstValue()) : Optional.empty();
  }

  /** 200 with an ETag over the body; 304 when the request already holds that ETag. */
  private static ResponseDefinition json(int status, JsonNode body, Request conditional) throws IOException {
    String text = JSON.writeValueAsString(body);
    String etag = "W/\"" + sha1(text) + "\"";
    if (conditional != null && etag.equals(conditional.getHeader("If-None-Match"))) {
      return ResponseDefinitionBuilder.responseDefinition().withStatus(304).withHeader("ETag", etag).build();
    }
    return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader("ETag", etag)
        .withBody(text)
        .build();
  }

  private static ResponseDefinition validation(String message) {
    return ResponseDefinitionBuilder.responseDefinition().withStatus(422)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody("{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"PullRequest\",\"code\":\"custom\","
            + "\"message\":\"" + message + "\"}],\"status\":\"422\"}")
        .build();
  }

  private static ResponseDefinition error(int status, String message) {
    return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody("{\"message\":\"" + message + "\",\"status\":\"" + status + "\"}")
        .build();
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop();
    }
    git.close();
  }
}
