package io.platinur.domain.preview;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.repository.BranchName;
import java.util.Objects;
import java.util.function.Function;

/** Which open pull requests get a preview environment: all, those into one base branch, or those with one label. */
public sealed interface PreviewSelection
    permits PreviewSelection.AllPullRequests, PreviewSelection.IntoBase, PreviewSelection.Labelled {

  <R> R fold(Function<AllPullRequests, R> onAll, Function<IntoBase, R> onBase, Function<Labelled, R> onLabel);

  /** Whether {@code pr} is selected. */
  default boolean selects(OpenPullRequest pr) {
    return fold(all -> true, base -> pr.base().equals(base.base()), label -> pr.hasLabel(label.label()));
  }

  /** In words, for status lines: {@code open pull requests}, {@code pull requests into main}. */
  default String words() {
    return fold(all -> "open pull requests",
        base -> "pull requests into " + base.base(),
        label -> "pull requests labelled ‘" + label.label() + "’");
  }

  static PreviewSelection all() {
    return new AllPullRequests();
  }

  static PreviewSelection intoBase(BranchName base) {
    return new IntoBase(base);
  }

  static PreviewSelection labelled(String label) {
    return new Labelled(label);
  }

  /** Every open pull request. */
  record AllPullRequests() implements PreviewSelection {
    @Override
    public <R> R fold(Function<AllPullRequests, R> onAll, Function<IntoBase, R> onBase, Function<Labelled, R> onLabel) {
      return onAll.apply(this);
    }
  }

  /** Pull requests whose base (target) branch is {@code base}. */
  record IntoBase(BranchName base) implements PreviewSelection {
    public IntoBase {
      Objects.requireNonNull(base, "base");
    }

    @Override
    public <R> R fold(Function<AllPullRequests, R> onAll, Function<IntoBase, R> onBase, Function<Labelled, R> onLabel) {
      return onBase.apply(this);
    }
  }

  /** Pull requests carrying {@code label} (compared without letter case, as GitHub does). */
  record Labelled(String label) implements PreviewSelection {
    public Labelled {
      if (label == null || label.isBlank()) {
        throw new InvalidValueException("A preview label must not be blank.");
      }
      if (label.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw new InvalidValueException("A preview label must not contain control characters.");
      }
    }

    @Override
    public <R> R fold(Function<AllPullRequests, R> onAll, Function<IntoBase, R> onBase, Function<Labelled, R> onLabel) {
      return onLabel.apply(this);
    }
  }
}
