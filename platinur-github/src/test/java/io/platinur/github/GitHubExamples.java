package io.platinur.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Bodies shaped exactly like GitHub's, from the examples in GitHub's published REST description
 * (src/test/resources/github/rest) and webhook examples (github/webhooks). Only the values a test
 * is about are changed; addresses are pointed at the fake server and the example repository
 * {@code octocat/Hello-World} becomes {@code acme/platform}.
 */
final class GitHubExamples {
  static final String OWNER = "acme";
  static final String REPO = "platform";
  static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;

  GitHubExamples(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  static String resource(String path) {
    try (InputStream in = GitHubExamples.class.getResourceAsStream("/github/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("No test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A REST example, re-addressed, as a tree to adjust. */
  JsonNode rest(String name) {
    String text = resource("rest/" + name + ".json")
        .replace("https://api.github.com", baseUrl)
        .replace("octocat/Hello-World", OWNER + "/" + REPO)
        .replace("octocat/example", OWNER + "/" + REPO);
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ObjectNode object(String name, Consumer<ObjectNode> change) {
    ObjectNode node = (ObjectNode) rest(name);
    change.accept(node);
    return node;
  }

  /** The first element of an example list, changed, as a one-element list. */
  ArrayNode listOf(String name, Consumer<ObjectNode> change) {
    ArrayNode list = JSON.createArrayNode();
    ObjectNode first = (ObjectNode) rest(name).get(0).deepCopy();
    change.accept(first);
    list.add(first);
    return list;
  }

  ObjectNode repository() {
    return object("full-repository", repo -> {
      repo.put("name", REPO);
      repo.put("full_name", OWNER + "/" + REPO);
      ((ObjectNode) repo.get("owner")).put("login", OWNER);
    });
  }

  /** GitHub's pull request example with the given number, branches, head, state and merge result. */
  ObjectNode pullRequest(long number, String head, String base, String headSha, String state, boolean merged,
      String mergeCommitSha, String mergeableState) {
    return object("pull-request", pr -> {
      pr.put("number", number);
      pr.put("url", baseUrl + "/repos/" + OWNER + "/" + REPO + "/pulls/" + number);
      pr.put("html_url", "https://github.com/" + OWNER + "/" + REPO + "/pull/" + number);
      pr.put("state", state);
      pr.put("merged", merged);
      pr.put("merge_commit_sha", mergeCommitSha);
      pr.put("mergeable_state", mergeableState);
      if ("unknown".equals(mergeableState)) {
        pr.putNull("mergeable");
      }
      ((ObjectNode) pr.get("head")).put("ref", head).put("sha", headSha).put("label", OWNER + ":" + head);
      ((ObjectNode) pr.get("base")).put("ref", base).put("label", OWNER + ":" + base);
      ((ObjectNode) pr.get("head").get("repo")).put("name", REPO).put("full_name", OWNER + "/" + REPO);
      ((ObjectNode) pr.get("base").get("repo")).put("name", REPO).put("full_name", OWNER + "/" + REPO);
    });
  }

  static String text(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
