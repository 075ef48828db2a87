package io.platinur.domain.preview;

import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.util.Objects;

/**
 * What the forge and the build say, the "desired" side of a reconcile: every open pull request, the
 * image digest built from each head commit that has a build, and the pull requests known to be
 * merged (any other PR that is not open counts as closed).
 */
public record PreviewDemand(
    SortedMap<PullRequestNumber, OpenPullRequest> open,
    Map<CommitId, ImageDigest> builds,
    SortedSet<PullRequestNumber> merged) {

  public PreviewDemand {
    Objects.requireNonNull(open, "open");
    Objects.requireNonNull(builds, "builds");
    Objects.requireNonNull(merged, "merged");
  }

  /** Nothing open, nothing built. */
  public static PreviewDemand none() {
    return new PreviewDemand(TreeMap.empty(), HashMap.empty(), TreeSet.empty());
  }

  /**
   * The demand from a list of open pull requests; a pull request listed twice is refused (a forge
   * answer that lists one number twice is not understood, so nothing is decided on it).
   */
  public static Validation<String, PreviewDemand> of(
      Seq<OpenPullRequest> open, Map<CommitId, ImageDigest> builds, SortedSet<PullRequestNumber> merged) {
    SortedMap<PullRequestNumber, OpenPullRequest> byNumber = TreeMap.empty();
    for (OpenPullRequest pr : open) {
      if (byNumber.containsKey(pr.number())) {
        return Validation.invalid("Pull request " + pr.number() + " is listed twice among the open pull requests.");
      }
      byNumber = byNumber.put(pr.number(), pr);
    }
    return Validation.valid(new PreviewDemand(byNumber, builds, merged));
  }

  /** The digest built from {@code pr}'s head commit, if it was built. */
  public Option<ImageDigest> buildOf(OpenPullRequest pr) {
    return builds.get(pr.headCommit());
  }
}
