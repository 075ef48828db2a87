package io.platinur.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake GitHub that keeps pull request and branch state, as a WireMock extension: pull requests
 * between two branches of one repository, answered in GitHub's shapes with GitHub's status codes
 * (422 for a duplicate, 405 not mergeable, 409 head modified) and ETags with 304 answers, so the
 * adapter's conditional requests are exercised against changing state too.
 */
final class StatefulFakeGitHub implements ResponseDefinitionTransformerV2 {
  private static final Pattern PULL = Pattern.compile("/repos/acme/platform/pulls/(\\d+)(/merge)?");

  private final Map<String, List<String>> parents = new HashMap<>();
  private final Map<String, String> branches = new HashMap<>();
  private final TreeMap<Long, Pr> prs = new TreeMap<>();
  private GitHubExamples examples;
  private int commits;

  private static final class Pr {
    final long number;
    final String head;
    final String base;
    String state = "open";
    boolean merged;
    String mergeCommit;
    String closedHead;

    Pr(long number, String head, String base) {
      this.number = number;
      this.head = head;
      this.base = base;
    }
  }

  synchronized void reset(String baseUrl, String staging, String production) {
    examples = new GitHubExamples(baseUrl);
    parents.clear();
    branches.clear();
    prs.clear();
    commits = 0;
    String root = newCommit(List.of(), "root");
    branches.put(staging, root);
    branches.put(production, root);
  }

  synchronized String advance(String branch, String fileName) {
    String commit = newCommit(List.of(branches.get(branch)), fileName);
    branches.put(branch, commit);
    return commit;
  }

  synchronized String head(String branch) {
    return branches.get(branch);
  }

  synchronized boolean contains(String branch, String commit) {
    List<String> todo = new ArrayList<>(List.of(branches.get(branch)));
    while (!todo.isEmpty()) {
      String next = todo.remove(todo.size() - 1);
      if (next.equals(commit)) {
        return true;
      }
      todo.addAll(parents.get(next));
    }
    return false;
  }

  private String newCommit(List<String> parentCommits, String what) {
    String sha = sha1("commit " + (++commits) + " " + what);
    parents.put(sha, parentCommits);
    return sha;
  }

  @Override
  public String getName() {
    return "stateful-fake-github";
  }

  @Override
  public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    String method = request.getMethod().getName();
    String path = request.getUrl().split("\\?")[0];
    try {
      if (method.equals("GET") && path.equals("/repos/acme/platform")) {
        return json(200, examples.repository(), request);
      }
      if (path.equals("/repos/acme/platform/pulls")) {
        return method.equals("POST") ? create(GitHubExamples.JSON.readTree(request.getBodyAsString())) : list(request);
      }
      Matcher pull = PULL.matcher(path);
      if (pull.matches()) {
        Pr pr = prs.get(Long.parseLong(pull.group(1)));
        if (pr == null) {
          return error(404, "Not Found");
        }
        if (pull.group(2) != null && method.equals("PUT")) {
          return merge(pr, GitHubExamples.JSON.readTree(request.getBodyAsString()));
        }
        if (method.equals("PATCH")) {
          if ("closed".equals(GitHubExamples.JSON.readTree(request.getBodyAsString()).path("state").asText()) && pr.state.equals("open")) {
            pr.closedHead = branches.get(pr.head);
            pr.state = "closed";
          }
          return json(200, body(pr), request);
        }
        if (method.equals("GET") && pull.group(2) == null) {
          return json(200, body(pr), request);
        }
      }
      return error(404, "Not Found");
    } catch (IOException e) {
      return error(400, "Problems parsing JSON");
    }
  }

  private ResponseDefinition create(JsonNode body) {
    String head = body.path("head").asText();
    String base = body.path("base").asText();
    for (Pr pr : prs.values()) {
      if (pr.state.equals("open") && pr.head.equals(head) && pr.base.equals(base)) {
        return validation("A pull request already exists for acme:" + head + ".");
      }
    }
    if (!branches.containsKey(head) || !branches.containsKey(base)) {
      return validation("Invalid head or base");
    }
    if (contains(base, branches.get(head))) {
      return validation("No commits between " + base + " and " + head);
    }
    long number = prs.isEmpty() ? 1 : prs.lastKey() + 1;
    Pr pr = new Pr(number, head, base);
    prs.put(number, pr);
    return json(201, body(pr), null);
  }

  private ResponseDefinition list(Request request) {
    String state = request.queryParameter("state").isPresent() ? request.queryParameter("state").firstValue() : "open";
    String head = request.queryParameter("head").isPresent() ? request.queryParameter("head").firstValue() : null;
    String base = request.queryParameter("base").isPresent() ? request.queryParameter("base").firstValue() : null;
    ArrayNode list = GitHubExamples.JSON.createArrayNode();
    for (Pr pr : prs.values()) {
      if ((state.equals("all") || pr.state.equals(state))
          && (head == null || head.equals("acme:" + pr.head))
          && (base == null || base.equals(pr.base))) {
        list.add(body(pr));
      }
    }
    return json(200, list, request);
  }

  private ResponseDefinition merge(Pr pr, JsonNode body) {
    if (!pr.state.equals("open")) {
      return error(405, "Pull Request is not mergeable");
    }
    String head = branches.get(pr.head);
    if (body.hasNonNull("sha") && !body.get("sha").asText().equals(head)) {
      return error(409, "Head branch was modified. Review and try the merge again.");
    }
    String merge = newCommit(List.of(branches.get(pr.base), head), "merge #" + pr.number);
    branches.put(pr.base, merge);
    pr.state = "closed";
    pr.merged = true;
    pr.mergeCommit = merge;
    pr.closedHead = head;
    return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody("{\"sha\":\"" + merge + "\",\"merged\":true,\"message\":\"Pull Request successfully merged\"}")
        .build();
  }

  private JsonNode body(Pr pr) {
    boolean open = pr.state.equals("open");
    return examples.pullRequest(pr.number, pr.head, pr.base, open ? branches.get(pr.head) : pr.closedHead,
        pr.state, pr.merged, pr.merged ? pr.mergeCommit : null, pr.merged ? "unknown" : "clean");
  }

  /** 200 with an ETag over the body; 304 when the request already holds that ETag. */
  private static ResponseDefinition json(int status, JsonNode body, Request conditional) {
    String text = GitHubExamples.text(body);
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
}
