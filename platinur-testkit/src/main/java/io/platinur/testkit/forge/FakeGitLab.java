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
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake GitLab (REST API v4) on a local HTTP server, whose project's branches are the branches of
 * a real bare Git repository ({@link ForgeRepository}). It answers in GitLab's documented shapes and
 * status codes the calls Platinur's GitLab adapter makes: the project, merge requests (open, list,
 * read, close, merge at an expected {@code sha}: {@code 409} when the head moved, {@code 405} when
 * not open, {@code 406} when the branch cannot be merged), their diff versions and notes
 * (approvals are system notes), merge trains, auto-merge, pipelines, commit statuses (GitLab
 * refuses to post a status in the state it already has), deployments and raw files. Error bodies
 * are GitLab's: {@code {"message": …}} as a string, a list or a map.
 *
 * <p>A test acts as people and pipelines do ({@link #openInWebInterface}, {@link #approve},
 * {@link #pipeline}, {@link #deployment}, …) and plays faults on the next matching request
 * ({@link #fail(ForgeFault)}): 5xx and connection resets before or after the change, 429 with
 * {@code Retry-After}; lists can be served in small pages ({@link #pageSize}) and merge request
 * lists can lag behind a write ({@link #staleListsAfterWrite}). Every request is recorded
 * ({@link #requests()}); one it does not model is answered 404 and kept in {@link #unhandled()}.
 *
 * <pre>{@code
 * try (ForgeRepository repository = ForgeRepository.create(dir, "main", "staging");
 *      FakeGitLab gitlab = FakeGitLab.start(repository, "acme/platform", "glpat-test-token")) {
 *   URI api = gitlab.apiEndpoint();   // http://localhost:<port>/api/v4
 * }
 * }</pre>
 */
public final class FakeGitLab implements ResponseDefinitionTransformerV2, AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  /** The project's numeric id. */
  public static final long PROJECT_ID = 42;
  private static final Pattern PROJECT = Pattern.compile("/api/v4/projects/([^/?]+)(/[^?]*)?");

  private final ForgeRepository repository;
  private final String projectPath;
  private final String token;
  private WireMockServer server;
  private String baseUrl = "http://localhost";
  private Instant now = Instant.parse("2026-11-24T10:00:00Z");
  private final TreeMap<Long, Mr> mergeRequests = new TreeMap<>();
  private final Map<String, List<ObjectNode>> statuses = new HashMap<>();
  private final Map<String, List<ObjectNode>> pipelines = new HashMap<>();
  private final TreeMap<Long, ObjectNode> deployments = new TreeMap<>();
  private final Deque<ForgeFault> faults = new ArrayDeque<>();
  private final List<String> requests = new ArrayList<>();
  private final List<String> unhandled = new ArrayList<>();
  private boolean mergeTrains;
  private boolean pipelineMustSucceed;
  private int pageSize = 100;
  private int staleLists;
  private long ids = 1000;
  private Runnable beforeNextMerge = () -> {};

  /** One merge request as GitLab keeps it; an open one's head is where its source branch points. */
  private static final class Mr {
    final long iid;
    final long id;
    final String source;
    final String target;
    final String title;
    final String description;
    final String author;
    final long sourceProjectId;
    final Instant createdAt;
    Instant updatedAt;
    String state = "opened";
    String mergeCommit;
    String closedHead;
    boolean autoMerge;
    boolean inTrain;
    final List<String> labels = new ArrayList<>();
    final List<ObjectNode> versions = new ArrayList<>();
    final List<ObjectNode> notes = new ArrayList<>();
    final List<ObjectNode> drafts = new ArrayList<>();

    Mr(long iid, long id, String source, String target, String title, String description, String author,
        long sourceProjectId, Instant at) {
      this.iid = iid;
      this.id = id;
      this.source = source;
      this.target = target;
      this.title = title;
      this.description = description;
      this.author = author;
      this.sourceProjectId = sourceProjectId;
      this.createdAt = at;
      this.updatedAt = at;
    }
  }

  private FakeGitLab(ForgeRepository repository, String projectPath, String token) {
    this.repository = repository;
    this.projectPath = projectPath;
    this.token = token;
  }

  /**
   * A fake GitLab serving project {@code projectPath} on {@code repository}, started on a free local
   * port, accepting requests that carry {@code token} in {@code PRIVATE-TOKEN}.
   */
  public static FakeGitLab start(ForgeRepository repository, String projectPath, String token) {
    FakeGitLab fake = new FakeGitLab(repository, projectPath, token);
    WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().extensions(fake));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse()));
    fake.server = server;
    fake.baseUrl = server.baseUrl();
    return fake;
  }

  /** Where the REST API answers: {@code http://localhost:<port>/api/v4}. */
  public URI apiEndpoint() {
    return URI.create(baseUrl + "/api/v4");
  }

  /** The repository the project's branches live in. */
  public ForgeRepository repository() {
    return repository;
  }

  // ---- what a test does -------------------------------------------------------------------------

  /** GitLab's clock: the time it stamps on what happens from now on. */
  public synchronized void at(Instant time) {
    this.now = time;
  }

  public synchronized void advance(Duration by) {
    this.now = now.plus(by);
  }

  public synchronized Instant now() {
    return now;
  }

  /** The project merges through a merge train (GitLab Premium's {@code merge_trains_enabled}). */
  public synchronized void enableMergeTrains() {
    this.mergeTrains = true;
  }

  /** The project allows merging only when the pipeline succeeded. */
  public synchronized void requirePipelineSuccess() {
    this.pipelineMustSucceed = true;
  }

  /** Lists are served at most {@code size} items a page, whatever {@code per_page} asks. */
  public synchronized void pageSize(int size) {
    this.pageSize = size;
  }

  /** The next {@code reads} merge request lists leave out the newest merge request, as a lagging replica would. */
  public synchronized void staleListsAfterWrite(int reads) {
    this.staleLists = reads;
  }

  /** Plays {@code fault} on the next request that matches it. */
  public synchronized void fail(ForgeFault fault) {
    faults.add(fault);
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

  /** Requests answered 404 because this fake does not model them. */
  public synchronized List<String> unhandled() {
    return List.copyOf(unhandled);
  }

  /** Someone opens a merge request in GitLab's web interface; returns its iid. */
  public synchronized long openInWebInterface(String source, String target, String title, String author) {
    return open(source, target, title, "", author, PROJECT_ID);
  }

  /** Someone opens a merge request from a fork whose branch is named {@code source}; returns its iid. */
  public synchronized long openFromFork(String source, String target, String title, String author) {
    return open(source, target, title, "", author, PROJECT_ID + 1000);
  }

  /** Puts {@code label} on merge request {@code iid}. */
  public synchronized void label(long iid, String label) {
    Mr mr = mergeRequests.get(iid);
    mr.labels.add(label);
    mr.updatedAt = now;
  }

  /** Someone merges with the button in GitLab's web interface; false when GitLab refuses. */
  public synchronized boolean mergeInWebInterface(long iid) {
    return merge(mergeRequests.get(iid)).isEmpty();
  }

  /** Someone closes the merge request in GitLab's web interface. */
  public synchronized void closeInWebInterface(long iid) {
    close(mergeRequests.get(iid));
  }

  /** A push to the source branch made GitLab record a new diff version with head {@code sha} at {@code at}. */
  public synchronized void newVersion(long iid, String sha, Instant at) {
    Mr mr = mergeRequests.get(iid);
    mr.versions.add(version(mr, sha, at));
  }

  /** {@code login} approves merge request {@code iid} at {@code at} (GitLab writes a system note). */
  public synchronized void approve(long iid, String login, Instant at) {
    note(iid, login, "approved this merge request", true, at);
  }

  /** {@code login} withdraws an approval. */
  public synchronized void unapprove(long iid, String login, Instant at) {
    note(iid, login, "unapproved this merge request", true, at);
  }

  /** {@code login} requests changes. */
  public synchronized void requestChanges(long iid, String login, Instant at) {
    note(iid, login, "requested changes", true, at);
  }

  /** {@code login} comments. */
  public synchronized void comment(long iid, String login, String text, Instant at) {
    note(iid, login, text, false, at);
  }

  /** {@code login} starts a review and does not submit it: a draft note, not a note. */
  public synchronized void draftNote(long iid, String login) {
    mergeRequests.get(iid).drafts.add(JSON.createObjectNode().put("id", ids++).put("author_id", 1).put("note", "draft by " + login));
  }

  /** A pipeline for {@code sha} ({@code source} {@code push}) in {@code status}; returns its id. */
  public synchronized long pipeline(String sha, String status) {
    return pipeline(sha, status, "push");
  }

  /** The pipeline {@code id} moves to {@code status}; a success merges what waits for it (auto-merge, merge train). */
  public synchronized void pipelineStatus(long id, String status) {
    for (List<ObjectNode> list : pipelines.values()) {
      for (ObjectNode pipeline : list) {
        if (pipeline.path("id").asLong() == id) {
          pipeline.put("status", status).put("updated_at", now.toString());
          if ("success".equals(status)) {
            mergeWaiting(pipeline.path("sha").asText());
          }
        }
      }
    }
  }

  /** A job (or an outside CI's status) {@code name} at {@code sha}, as the statuses list shows it. */
  public synchronized void job(String sha, String name, String status, boolean allowFailure) {
    addStatus(sha, name, status, null, allowFailure);
  }

  /** A deployment of {@code sha} to {@code environment} in {@code status} at {@code at}; returns its id. */
  public synchronized long deployment(String environment, String sha, String status, Instant at) {
    long id = ids++;
    ObjectNode deployment = JSON.createObjectNode().put("id", id).put("iid", deployments.size() + 1)
        .put("ref", "main").put("sha", sha).put("created_at", at.toString()).put("updated_at", at.toString()).put("status", status);
    if (finished(status)) {
      deployment.put("finished_at", at.toString());
    } else {
      deployment.putNull("finished_at");
    }
    deployment.putObject("user").put("id", 1).put("username", "deployer").put("name", "Deployer").put("state", "active");
    deployment.putObject("environment").put("id", Math.abs(environment.hashCode()) % 1000 + 1).put("name", environment)
        .putNull("external_url");
    deployment.putNull("deployable");
    deployments.put(id, deployment);
    return id;
  }

  /** Deployment {@code id} moves to {@code status} at {@code at}. */
  public synchronized void deploymentStatus(long id, String status, Instant at) {
    ObjectNode deployment = deployments.get(id);
    deployment.put("status", status).put("updated_at", at.toString());
    if (finished(status)) {
      deployment.put("finished_at", at.toString());
    }
  }

  /** The train's pipeline for merge request {@code iid} passed: GitLab merges it. */
  public synchronized boolean trainMerges(long iid) {
    Mr mr = mergeRequests.get(iid);
    mr.inTrain = false;
    return merge(mr).isEmpty();
  }

  /** Runs {@code action} when the next merge request arrives, before it is looked at: a race. */
  public synchronized void beforeNextMerge(Runnable action) {
    this.beforeNextMerge = action;
  }

  /** How many merge requests from {@code source} into {@code target} of the project itself are open. */
  public synchronized int openMergeRequests(String source, String target) {
    return (int) mergeRequests.values().stream()
        .filter(mr -> mr.state.equals("opened") && mr.source.equals(source) && mr.target.equals(target) && mr.sourceProjectId == PROJECT_ID)
        .count();
  }

  /** The state GitLab reports for merge request {@code iid}: {@code opened}, {@code closed} or {@code merged}. */
  public synchronized String state(long iid) {
    return mergeRequests.get(iid).state;
  }

  /** Whether merge request {@code iid} waits for its pipeline (auto-merge) or is on the merge train. */
  public synchronized boolean waitingToMerge(long iid) {
    Mr mr = mergeRequests.get(iid);
    return mr.autoMerge || mr.inTrain;
  }

  /** The latest status named {@code name} at {@code sha}: {@code state description}. */
  public synchronized Optional<String> status(String sha, String name) {
    return statuses.getOrDefault(sha, List.of()).stream().filter(s -> name.equals(s.path("name").asText()))
        .reduce((a, b) -> b).map(s -> s.path("status").asText() + " " + s.path("description").asText());
  }

  // ---- the server -------------------------------------------------------------------------------

  @Override
  public String getName() {
    return "fake-gitlab";
  }

  @Override
  public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    String method = request.getMethod().getName();
    String url = request.getUrl();
    String path = url.split("\\?")[0];
    requests.add(method + " " + url);
    Optional<ForgeFault> fault = nextFault(method, path);
    if (fault.isPresent()) {
      switch (fault.get().kind()) {
        case SERVER_ERROR_BEFORE:
          return error(fault.get().status(), "Bad Gateway");
        case RESET_BEFORE:
          return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        case RATE_LIMITED:
          return ResponseDefinitionBuilder.responseDefinition().withStatus(429)
              .withHeader("Content-Type", "application/json")
              .withHeader("Retry-After", String.valueOf(fault.get().retryAfterSeconds()))
              .withHeader("RateLimit-Limit", "600").withHeader("RateLimit-Remaining", "0")
              .withHeader("RateLimit-Reset", String.valueOf(now.plusSeconds(fault.get().retryAfterSeconds()).getEpochSecond()))
              .withBody("{\"message\":\"Retry later\"}")
              .build();
        default:
          break;
      }
    }
    if (!token.equals(request.getHeader("PRIVATE-TOKEN"))) {
      return error(401, "401 Unauthorized");
    }
    ResponseDefinition answer;
    try {
      answer = route(method, path, request);
    } catch (IOException | RuntimeException e) {
      answer = error(400, "400 Bad request - " + e.getClass().getSimpleName());
    }
    if (fault.isPresent() && fault.get().kind() == ForgeFault.Kind.SERVER_ERROR_AFTER) {
      return error(fault.get().status(), "Bad Gateway");
    }
    if (fault.isPresent() && fault.get().kind() == ForgeFault.Kind.RESET_AFTER) {
      return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
    }
    return answer;
  }

  private Optional<ForgeFault> nextFault(String method, String path) {
    for (Iterator<ForgeFault> it = faults.iterator(); it.hasNext(); ) {
      ForgeFault fault = it.next();
      if (fault.matches(method, path)) {
        it.remove();
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }

  private ResponseDefinition route(String method, String path, Request request) throws IOException {
    Matcher project = PROJECT.matcher(path);
    if (!project.matches()) {
      return unhandled(method, request);
    }
    String id = URLDecoder.decode(project.group(1), StandardCharsets.UTF_8);
    if (!id.equals(projectPath) && !id.equals(String.valueOf(PROJECT_ID))) {
      return error(404, "404 Project Not Found");
    }
    String rest = project.group(2) == null ? "" : project.group(2);
    Matcher m;
    if (rest.isEmpty() && method.equals("GET")) {
      return json(200, project());
    }
    if (rest.equals("/merge_requests")) {
      if (method.equals("POST")) {
        return create(JSON.readTree(request.getBodyAsString()));
      }
      if (method.equals("GET")) {
        return list(request);
      }
    }
    if ((m = Pattern.compile("/merge_requests/(\\d+)(/merge|/versions|/notes|/draft_notes)?").matcher(rest)).matches()) {
      Mr mr = mergeRequests.get(Long.parseLong(m.group(1)));
      if (mr == null) {
        return error(404, "404 Not found");
      }
      String what = m.group(2) == null ? "" : m.group(2);
      if (what.equals("/merge") && method.equals("PUT")) {
        Runnable race = beforeNextMerge;
        beforeNextMerge = () -> {};
        race.run();
        return mergeRequested(mr, JSON.readTree(request.getBodyAsString()));
      }
      if (what.isEmpty() && method.equals("PUT")) {
        JsonNode body = JSON.readTree(request.getBodyAsString());
        if ("close".equals(body.path("state_event").asText())) {
          close(mr);
        }
        return json(200, body(mr));
      }
      if (method.equals("GET")) {
        switch (what) {
          case "":
            return json(200, body(mr));
          case "/versions":
            return page(request, newestFirst(versions(mr)));
          case "/notes":
            return page(request, new ArrayList<>(mr.notes));
          default:
            return page(request, new ArrayList<>(mr.drafts));
        }
      }
    }
    if ((m = Pattern.compile("/merge_trains/merge_requests/(\\d+)").matcher(rest)).matches()) {
      Mr mr = mergeRequests.get(Long.parseLong(m.group(1)));
      if (!mergeTrains || mr == null) {
        return error(404, "404 Not found");
      }
      if (method.equals("GET")) {
        return mr.inTrain ? json(200, car(mr)) : error(404, "404 Merge Train Car Not Found");
      }
      if (method.equals("POST")) {
        return addToTrain(mr, JSON.readTree(request.getBodyAsString()));
      }
    }
    if ((m = Pattern.compile("/repository/commits/([0-9a-f]{40})/statuses").matcher(rest)).matches() && method.equals("GET")) {
      return page(request, latestStatuses(m.group(1), query(request, "name")));
    }
    if ((m = Pattern.compile("/statuses/([0-9a-f]{40})").matcher(rest)).matches() && method.equals("POST")) {
      return postStatus(m.group(1), JSON.readTree(request.getBodyAsString()));
    }
    if (rest.equals("/pipelines") && method.equals("GET")) {
      String sha = query(request, "sha").orElse("");
      return page(request, newestFirst(pipelines.getOrDefault(sha, List.of())));
    }
    if (rest.equals("/deployments") && method.equals("GET")) {
      Optional<String> environment = query(request, "environment");
      List<ObjectNode> list = new ArrayList<>();
      deployments.descendingMap().values().stream()
          .filter(d -> environment.map(e -> e.equals(d.path("environment").path("name").asText())).orElse(true))
          .forEach(list::add);
      return page(request, list);
    }
    if ((m = Pattern.compile("/repository/files/([^/]+)/raw").matcher(rest)).matches() && method.equals("GET")) {
      String file = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
      Optional<byte[]> bytes = repository.fileAt(query(request, "ref").orElse(""), file);
      return bytes.isEmpty()
          ? error(404, "404 File Not Found")
          : ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", "text/plain; charset=utf-8")
              .withBody(bytes.get()).build();
    }
    return unhandled(method, request);
  }

  private ResponseDefinition unhandled(String method, Request request) {
    unhandled.add(method + " " + request.getUrl());
    return error(404, "404 Not found");
  }

  private ResponseDefinition create(JsonNode body) {
    String source = body.path("source_branch").asText("");
    String target = body.path("target_branch").asText("");
    if (source.isEmpty() || target.isEmpty() || !body.path("title").isTextual()) {
      return error(400, "400 Bad request - source_branch, target_branch, title are missing");
    }
    for (Mr mr : mergeRequests.values()) {
      if (mr.state.equals("opened") && mr.source.equals(source) && mr.target.equals(target) && mr.sourceProjectId == PROJECT_ID) {
        return messages(409, "Another open merge request already exists for this source branch: !" + mr.iid);
      }
    }
    if (repository.head(source).isEmpty()) {
      return messages(422, "Source branch \"" + source + "\" does not exist");
    }
    if (repository.head(target).isEmpty()) {
      return messages(422, "Target branch \"" + target + "\" does not exist");
    }
    long iid = open(source, target, body.path("title").asText(), body.path("description").asText(""), "platinur-bot", PROJECT_ID);
    return json(201, body(mergeRequests.get(iid)));
  }

  private long open(String source, String target, String title, String description, String author, long sourceProject) {
    long iid = mergeRequests.isEmpty() ? 1 : mergeRequests.lastKey() + 1;
    Mr mr = new Mr(iid, ids++, source, target, title, description, author, sourceProject, now);
    mergeRequests.put(iid, mr);
    repository.head(source).ifPresent(head -> mr.versions.add(version(mr, head, now)));
    return iid;
  }

  private ResponseDefinition list(Request request) {
    Optional<String> state = query(request, "state").filter(s -> !s.equals("all"));
    Optional<String> source = query(request, "source_branch");
    Optional<String> target = query(request, "target_branch");
    long hidden = staleLists > 0 && !mergeRequests.isEmpty() ? mergeRequests.lastKey() : -1;
    if (staleLists > 0) {
      staleLists--;
    }
    List<ObjectNode> list = new ArrayList<>();
    for (Mr mr : mergeRequests.descendingMap().values()) {
      if (mr.iid != hidden && state.map(s -> s.equals(mr.state)).orElse(true)
          && source.map(s -> s.equals(mr.source)).orElse(true) && target.map(t -> t.equals(mr.target)).orElse(true)) {
        list.add(body(mr));
      }
    }
    return page(request, list);
  }

  private ResponseDefinition mergeRequested(Mr mr, JsonNode body) {
    if (!mr.state.equals("opened")) {
      return error(405, "405 Method Not Allowed");
    }
    String head = repository.head(mr.source).orElse("");
    if (body.hasNonNull("sha") && !body.get("sha").asText().equals(head)) {
      return error(409, "SHA does not match HEAD of source branch: " + head);
    }
    Optional<ObjectNode> pipeline = latestPipeline(head);
    boolean pipelineRunning = pipeline.map(p -> !finished(p.path("status").asText())).orElse(false);
    if (body.path("merge_when_pipeline_succeeds").asBoolean(false) || body.path("auto_merge").asBoolean(false)) {
      if (pipelineRunning) {
        mr.autoMerge = true;
        mr.updatedAt = now;
        return json(200, body(mr));
      }
    }
    if (pipelineMustSucceed && !pipeline.map(p -> "success".equals(p.path("status").asText())).orElse(false)) {
      return error(405, "405 Method Not Allowed");
    }
    Optional<ResponseDefinition> refused = merge(mr);
    return refused.orElseGet(() -> json(200, body(mr)));
  }

  /** Merges: empty when done, else GitLab's refusal. */
  private Optional<ResponseDefinition> merge(Mr mr) {
    if (!mr.state.equals("opened")) {
      return Optional.of(error(405, "405 Method Not Allowed"));
    }
    String head = repository.head(mr.source).orElse("");
    Optional<String> merge = repository.merge(mr.target, head, "Merge branch '" + mr.source + "' into '" + mr.target + "'\n\n"
        + mr.title + "\n\nSee merge request " + projectPath + "!" + mr.iid + "\n", now);
    if (merge.isEmpty()) {
      return Optional.of(error(406, "Branch cannot be merged"));
    }
    mr.state = "merged";
    mr.mergeCommit = merge.get();
    mr.closedHead = head;
    mr.autoMerge = false;
    mr.inTrain = false;
    mr.updatedAt = now;
    return Optional.empty();
  }

  private void mergeWaiting(String sha) {
    for (Mr mr : mergeRequests.values()) {
      if (mr.state.equals("opened") && mr.autoMerge && repository.head(mr.source).map(sha::equals).orElse(false)) {
        merge(mr);
      }
    }
  }

  private void close(Mr mr) {
    if (mr.state.equals("opened")) {
      mr.closedHead = repository.head(mr.source).orElse(null);
      mr.state = "closed";
      mr.autoMerge = false;
      mr.inTrain = false;
      mr.updatedAt = now;
    }
  }

  private ResponseDefinition addToTrain(Mr mr, JsonNode body) {
    if (!mr.state.equals("opened")) {
      return error(400, "Merge request is not open");
    }
    String head = repository.head(mr.source).orElse("");
    if (body.hasNonNull("sha") && !body.get("sha").asText().equals(head)) {
      return error(409, "SHA does not match HEAD of source branch: " + head);
    }
    if (mr.inTrain) {
      return error(400, "Merge request is already on a merge train");
    }
    mr.inTrain = true;
    mr.updatedAt = now;
    ArrayNode cars = JSON.createArrayNode();
    cars.add(car(mr));
    return json(201, cars);
  }

  private ObjectNode car(Mr mr) {
    ObjectNode car = JSON.createObjectNode().put("id", 500 + mr.iid);
    car.putObject("merge_request").put("id", mr.id).put("iid", mr.iid).put("project_id", PROJECT_ID).put("title", mr.title)
        .put("state", mr.state).put("web_url", web(mr));
    car.putObject("user").put("id", 1).put("username", "platinur-bot");
    car.putNull("pipeline");
    return car.put("created_at", now.toString()).put("updated_at", now.toString()).put("target_branch", mr.target)
        .put("status", mr.state.equals("merged") ? "merged" : "idle").putNull("merged_at").put("duration", 0);
  }

  private ResponseDefinition postStatus(String sha, JsonNode body) {
    String state = body.path("state").asText("");
    String name = body.path("name").asText(body.path("context").asText("default"));
    if (!List.of("pending", "running", "success", "failed", "canceled").contains(state)) {
      return error(400, "400 Bad request - state does not have a valid value");
    }
    Optional<ObjectNode> latest = statuses.getOrDefault(sha, List.of()).stream().filter(s -> name.equals(s.path("name").asText()))
        .reduce((a, b) -> b);
    if (latest.isPresent() && latest.get().path("status").asText().equals(state)) {
      String event = switch (state) {
        case "pending" -> "enqueue";
        case "running" -> "run";
        case "success" -> "success";
        case "failed" -> "drop";
        default -> "cancel";
      };
      return error(400, "Cannot transition status via :" + event + " from :" + state
          + " (Reason(s): Status cannot transition via \"" + event + "\")");
    }
    ObjectNode created = addStatus(sha, name, state, body.path("description").asText(null), false);
    // GitLab keeps posted statuses in an external pipeline of the commit
    Optional<ObjectNode> external = pipelines.getOrDefault(sha, List.of()).stream()
        .filter(p -> "external".equals(p.path("source").asText())).findFirst();
    if (external.isEmpty()) {
      pipeline(sha, state, "external");
    } else {
      external.get().put("status", state);
    }
    return json(201, created);
  }

  private ObjectNode addStatus(String sha, String name, String state, String description, boolean allowFailure) {
    ObjectNode status = JSON.createObjectNode().put("id", ids++).put("sha", sha).put("ref", "main").put("status", state)
        .put("name", name).putNull("target_url").put("description", description)
        .put("created_at", now.toString()).put("started_at", now.toString())
        .put("allow_failure", allowFailure).putNull("coverage");
    if (finished(state)) {
      status.put("finished_at", now.toString());
    } else {
      status.putNull("finished_at");
    }
    status.putObject("author").put("id", 1).put("username", "platinur-bot").put("name", "Platinur").put("state", "active");
    statuses.computeIfAbsent(sha, k -> new ArrayList<>()).add(status);
    return status;
  }

  /** The latest status per name, newest first (GitLab's default, {@code all=false}). */
  private List<ObjectNode> latestStatuses(String sha, Optional<String> name) {
    Map<String, ObjectNode> latest = new LinkedHashMap<>();
    for (ObjectNode status : statuses.getOrDefault(sha, List.of())) {
      if (name.map(n -> n.equals(status.path("name").asText())).orElse(true)) {
        latest.put(status.path("name").asText(), status);
      }
    }
    return newestFirst(new ArrayList<>(latest.values()));
  }

  private long pipeline(String sha, String status, String source) {
    long id = ids++;
    ObjectNode pipeline = JSON.createObjectNode().put("id", id).put("iid", id).put("project_id", PROJECT_ID).put("sha", sha)
        .put("ref", "main").put("status", status).put("source", source)
        .put("created_at", now.toString()).put("updated_at", now.toString())
        .put("web_url", "https://gitlab.example.com/" + projectPath + "/-/pipelines/" + id);
    pipelines.computeIfAbsent(sha, k -> new ArrayList<>()).add(pipeline);
    return id;
  }

  private Optional<ObjectNode> latestPipeline(String sha) {
    return pipelines.getOrDefault(sha, List.of()).stream()
        .filter(p -> !"external".equals(p.path("source").asText()))
        .reduce((a, b) -> b);
  }

  private void note(long iid, String login, String text, boolean system, Instant at) {
    Mr mr = mergeRequests.get(iid);
    ObjectNode note = JSON.createObjectNode().put("id", ids++).putNull("type").put("body", text).putNull("attachment");
    note.putObject("author").put("id", Math.abs(login.hashCode()) % 100000).put("username", login).put("name", login)
        .put("state", "active").putNull("avatar_url").put("web_url", "https://gitlab.example.com/" + login);
    note.put("created_at", at.toString()).put("updated_at", at.toString()).put("system", system)
        .put("noteable_id", mr.id).put("noteable_type", "MergeRequest").put("project_id", PROJECT_ID)
        .put("noteable_iid", iid).put("resolvable", false).put("confidential", false).put("internal", false);
    mr.notes.add(note);
    mr.notes.sort((a, b) -> a.path("created_at").asText().compareTo(b.path("created_at").asText()));
  }

  private List<ObjectNode> versions(Mr mr) {
    if (mr.state.equals("opened")) {
      String head = repository.head(mr.source).orElse(null);
      String last = mr.versions.isEmpty() ? null : mr.versions.get(mr.versions.size() - 1).path("head_commit_sha").asText();
      if (head != null && !head.equals(last) && repository.isAncestor(last == null ? head : last, head)) {
        mr.versions.add(version(mr, head, now));
      }
    }
    return new ArrayList<>(mr.versions);
  }

  private ObjectNode version(Mr mr, String head, Instant at) {
    String base = repository.head(mr.target).orElse(head);
    return JSON.createObjectNode().put("id", ids++).put("head_commit_sha", head).put("base_commit_sha", base)
        .put("start_commit_sha", base).put("created_at", at.toString()).put("merge_request_id", mr.id)
        .put("state", "collected").put("real_size", "1");
  }

  private ObjectNode project() {
    return JSON.createObjectNode().put("id", PROJECT_ID).put("name", projectPath.substring(projectPath.lastIndexOf('/') + 1))
        .put("path", projectPath.substring(projectPath.lastIndexOf('/') + 1)).put("path_with_namespace", projectPath)
        .put("default_branch", "main").put("web_url", "https://gitlab.example.com/" + projectPath)
        .put("merge_method", "merge").put("merge_trains_enabled", mergeTrains)
        .put("only_allow_merge_if_pipeline_succeeds", pipelineMustSucceed);
  }

  /** GitLab's merge request, as {@code GET /projects/:id/merge_requests/:iid} describes it. */
  private ObjectNode body(Mr mr) {
    boolean open = mr.state.equals("opened");
    String head = open ? repository.head(mr.source).orElse(null) : mr.closedHead;
    boolean conflicts = open && head != null && repository.head(mr.target).map(base -> !repository.isAncestor(base, head)).orElse(false);
    ObjectNode node = JSON.createObjectNode().put("id", mr.id).put("iid", mr.iid).put("project_id", PROJECT_ID)
        .put("title", mr.title).put("description", mr.description).put("state", mr.state)
        .put("created_at", mr.createdAt.toString()).put("updated_at", mr.updatedAt.toString());
    if (mr.state.equals("merged")) {
      node.put("merged_at", mr.updatedAt.toString());
    } else {
      node.putNull("merged_at");
    }
    if (mr.state.equals("closed")) {
      node.put("closed_at", mr.updatedAt.toString());
    } else {
      node.putNull("closed_at");
    }
    node.put("target_branch", mr.target).put("source_branch", mr.source).put("upvotes", 0).put("downvotes", 0);
    node.putObject("author").put("id", Math.abs(mr.author.hashCode()) % 100000).put("username", mr.author).put("name", mr.author)
        .put("state", "active").putNull("avatar_url").put("web_url", "https://gitlab.example.com/" + mr.author);
    node.put("source_project_id", mr.sourceProjectId).put("target_project_id", PROJECT_ID);
    ArrayNode labels = node.putArray("labels");
    mr.labels.forEach(labels::add);
    node.put("draft", false).put("work_in_progress", false).putNull("milestone")
        .put("merge_when_pipeline_succeeds", mr.autoMerge)
        .put("merge_status", conflicts ? "cannot_be_merged" : "can_be_merged")
        .put("detailed_merge_status", !open ? "not_open" : conflicts ? "conflict" : "mergeable")
        .put("sha", head).put("merge_commit_sha", mr.mergeCommit).putNull("squash_commit_sha")
        .put("user_notes_count", mr.notes.size()).putNull("discussion_locked")
        .put("should_remove_source_branch", false).put("force_remove_source_branch", false)
        .put("web_url", web(mr)).put("squash", false).put("has_conflicts", conflicts)
        .put("blocking_discussions_resolved", true);
    node.putObject("references").put("short", "!" + mr.iid).put("relative", "!" + mr.iid).put("full", projectPath + "!" + mr.iid);
    return node;
  }

  private String web(Mr mr) {
    return "https://gitlab.example.com/" + projectPath + "/-/merge_requests/" + mr.iid;
  }

  private static List<ObjectNode> newestFirst(List<ObjectNode> list) {
    List<ObjectNode> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private static boolean finished(String status) {
    return List.of("success", "failed", "canceled", "skipped").contains(status);
  }

  /** One page of {@code list}, with GitLab's pagination headers. */
  private ResponseDefinition page(Request request, List<ObjectNode> list) {
    int perPage = Math.max(1, Math.min(pageSize, query(request, "per_page").map(Integer::parseInt).orElse(20)));
    int page = Math.max(1, query(request, "page").map(Integer::parseInt).orElse(1));
    int pages = Math.max(1, (list.size() + perPage - 1) / perPage);
    ArrayNode body = JSON.createArrayNode();
    list.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(body::add);
    ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.responseDefinition().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withHeader("X-Page", String.valueOf(page)).withHeader("X-Per-Page", String.valueOf(perPage))
        .withHeader("X-Total", String.valueOf(list.size())).withHeader("X-Total-Pages", String.valueOf(pages))
        .withHeader("X-Next-Page", page < pages ? String.valueOf(page + 1) : "")
        .withHeader("X-Prev-Page", page > 1 ? String.valueOf(page - 1) : "");
    return answer.withBody(text(body)).build();
  }

  private static ResponseDefinition json(int status, JsonNode body) {
    return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(text(body)).build();
  }

  /** GitLab's error body for most refusals: {@code {"message": "…"}}. */
  private static ResponseDefinition error(int status, String message) {
    return json(status, JSON.createObjectNode().put("message", message));
  }

  /** GitLab's error body for a refused merge request: {@code {"message": ["…"]}}. */
  private static ResponseDefinition messages(int status, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("message").add(message);
    return json(status, body);
  }

  private static Optional<String> query(Request request, String key) {
    return request.queryParameter(key).isPresent() ? Optional.of(request.queryParameter(key).firstValue()) : Optional.empty();
  }

  private static String text(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop();
    }
  }
}
