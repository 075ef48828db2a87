package io.platinur.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.platinur.domain.repository.BranchName;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What the production branch's own rules demand, read from both places GitHub keeps them: the
 * rules of every active ruleset that applies to the branch ({@code GET /repos/{owner}/{repo}/rules/branches/{branch}},
 * repository and organization level alike) and classic branch protection (the {@code protection}
 * of {@code GET /repos/{owner}/{repo}/branches/{branch}}, readable without admin rights). Both are
 * conditional requests: unchanged rules cost a {@code 304}.
 */
final class BranchRules {
  private final RestCalls rest;
  private final String repoPath;
  private final BranchName branch;

  /** The rules found: the status checks required, and whether merges go through a merge queue. */
  record Found(Set<String> requiredChecks, boolean mergeQueue) {}

  BranchRules(RestCalls rest, String fullName, BranchName branch) {
    this.rest = rest;
    this.repoPath = "/repos/" + fullName;
    this.branch = branch;
  }

  BranchName branch() {
    return branch;
  }

  Either<PortFailure, Found> read() {
    String operation = "Reading the rules of " + branch;
    return Failures.attempt(operation, () -> {
      String encoded = URLEncoder.encode(branch.name(), StandardCharsets.UTF_8).replace("+", "%20");
      Set<String> required = TreeSet.empty();
      boolean queue = false;
      JsonNode rules = orEmpty(() -> rest.get(repoPath + "/rules/branches/" + encoded + "?per_page=100"));
      if (!rules.isArray() && !rules.isMissingNode()) {
        return Either.left(Failures.malformed(operation, "GitHub's branch rules are not a list"));
      }
      for (JsonNode rule : rules) {
        String type = rule.path("type").asText("");
        if (type.equals("required_status_checks")) {
          for (JsonNode check : rule.path("parameters").path("required_status_checks")) {
            String context = check.path("context").asText("");
            if (context.isBlank()) {
              return Either.left(Failures.malformed(operation, "a required status check has no context"));
            }
            required = required.add(context);
          }
        } else if (type.equals("merge_queue")) {
          queue = true;
        }
      }
      JsonNode protection = orEmpty(() -> rest.get(repoPath + "/branches/" + encoded)).path("protection");
      JsonNode checks = protection.path("required_status_checks");
      // an unprotected branch has no required_status_checks; "enabled" is not always sent
      if (!protection.path("enabled").isBoolean() || protection.path("enabled").asBoolean()) {
        for (JsonNode context : checks.path("contexts")) {
          required = required.add(context.asText());
        }
        for (JsonNode check : checks.path("checks")) {
          required = required.add(check.path("context").asText());
        }
      }
      return Either.right(new Found(required.filter(name -> !name.isBlank()), queue));
    });
  }

  /** A 404 (no such branch yet, or a server without rulesets) is no rules, not a failure. */
  private static JsonNode orEmpty(Read read) throws IOException {
    try {
      return read.run();
    } catch (GitHubCallFailure e) {
      if (e.failure().kind() == Kind.NOT_FOUND) {
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
      }
      throw e;
    }
  }

  @FunctionalInterface
  private interface Read {
    JsonNode run() throws IOException;
  }
}
