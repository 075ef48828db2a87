package io.platinur.domain.forge;

import io.platinur.domain.repository.CommitId;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the pull-request host says about a pull request: open at a head commit, closed without
 * merging, or merged as a merge commit. A host reports {@link Merged} only once it is merged, so
 * the merge commit is never a guess.
 */
public sealed interface PullRequestState permits PullRequestState.Open, PullRequestState.ClosedUnmerged, PullRequestState.Merged {

  <R> R fold(Function<Open, R> onOpen, Function<ClosedUnmerged, R> onClosed, Function<Merged, R> onMerged);

  record Open(CommitId head) implements PullRequestState {
    public Open {
      Objects.requireNonNull(head, "head");
    }

    @Override
    public <R> R fold(Function<Open, R> onOpen, Function<ClosedUnmerged, R> onClosed, Function<Merged, R> onMerged) {
      return onOpen.apply(this);
    }
  }

  record ClosedUnmerged() implements PullRequestState {
    @Override
    public <R> R fold(Function<Open, R> onOpen, Function<ClosedUnmerged, R> onClosed, Function<Merged, R> onMerged) {
      return onClosed.apply(this);
    }
  }

  record Merged(CommitId mergeCommit) implements PullRequestState {
    public Merged {
      Objects.requireNonNull(mergeCommit, "mergeCommit");
    }

    @Override
    public <R> R fold(Function<Open, R> onOpen, Function<ClosedUnmerged, R> onClosed, Function<Merged, R> onMerged) {
      return onMerged.apply(this);
    }
  }
}
