package io.platinur.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platinur.domain.repository.CommitId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Webhook payloads as GitLab documents them ({@code src/test/resources/gitlab/hooks/*.json}, the
 * examples of the webhook events page), with the fields a test cares about set.
 */
final class GitLabHookExamples {
  static final ObjectMapper JSON = new ObjectMapper();

  private GitLabHookExamples() {}

  static ObjectNode example(String name) {
    try (InputStream in = GitLabHookExamples.class.getResourceAsStream("/gitlab/hooks/" + name + ".json")) {
      if (in == null) {
        throw new IllegalStateException("No test resource gitlab/hooks/" + name + ".json");
      }
      return (ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A {@code Merge Request Hook} with {@code action} on merge request {@code iid}. */
  static ObjectNode mergeRequest(long iid, String action, String source, String target, long sourceProject, long targetProject,
      CommitId merge) {
    ObjectNode body = example("merge-request");
    ObjectNode attributes = (ObjectNode) body.get("object_attributes");
    attributes.put("iid", iid).put("action", action).put("source_branch", source).put("target_branch", target)
        .put("source_project_id", sourceProject).put("target_project_id", targetProject)
        .put("state", action.equals("merge") ? "merged" : action.equals("close") ? "closed" : "opened");
    if (merge != null) {
      attributes.put("merge_commit_sha", merge.hex());
    } else {
      attributes.remove("oldrev");
    }
    return body;
  }

  /** A {@code Pipeline Hook} of a pipeline at {@code commit} in {@code status} on {@code ref}. */
  static ObjectNode pipeline(CommitId commit, String status, String ref) {
    ObjectNode body = example("pipeline");
    ((ObjectNode) body.get("object_attributes")).put("sha", commit.hex()).put("status", status).put("ref", ref);
    return body;
  }

  /** A {@code Deployment Hook} of {@code commit} to {@code environment} in {@code status}. */
  static ObjectNode deployment(String environment, CommitId commit, String status) {
    ObjectNode body = example("deployment");
    body.put("environment", environment).put("status", status).put("short_sha", commit.hex().substring(0, 8))
        .put("commit_url", "http://10.126.0.2:3000/root/test-deployment-webhooks/-/commit/" + commit.hex());
    return body;
  }

  static String text(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
