package io.platinur.domain.forge;

import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.vavr.control.Option;
import java.net.URI;
import java.util.Objects;

/**
 * A promotion PR as its host reports it: from the staging branch ({@code head}) to the production
 * branch ({@code base}), its head commit when read, and where a person can see it, if anywhere.
 */
public record PromotionPullRequest(
    PullRequestNumber number, BranchName head, BranchName base, CommitId headCommit, Option<URI> webUrl) {
  public PromotionPullRequest {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(headCommit, "headCommit");
    Objects.requireNonNull(webUrl, "webUrl");
  }
}
