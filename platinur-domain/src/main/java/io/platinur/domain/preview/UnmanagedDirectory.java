package io.platinur.domain.preview;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.proposal.RepoPath;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * A directory under the previews root that Platinur leaves alone: one it did not create, or one
 * whose values file does not parse. It is reported, never changed or deleted, and a pull request
 * whose preview directory it occupies gets no preview until someone removes it.
 */
public record UnmanagedDirectory(RepoPath directory, Option<PullRequestNumber> pr, Kind kind, String detail) {

  /** Why it is left alone. */
  public enum Kind {
    /** It has no Platinur marker: someone else wrote it. */
    NOT_CREATED_BY_PLATINUR,
    /** Its values file is missing or is not what Platinur writes. */
    DOES_NOT_PARSE
  }

  public UnmanagedDirectory {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(pr, "pr");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  /** For the operator: {@code previews/pr-7 is left alone: Platinur did not create it (…).} */
  public String message() {
    return switch (kind) {
      case NOT_CREATED_BY_PLATINUR -> directory + " is left alone: Platinur did not create it (" + detail + ").";
      case DOES_NOT_PARSE -> directory + " is left alone: it does not parse (" + detail + ").";
    };
  }
}
