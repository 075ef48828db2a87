package io.platinur.port;

import io.platinur.domain.digest.PinFileProblem;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.PinReading;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The pins of a GitOps branch at one commit: every values file the layout places, read; and every
 * file that could not be read, with why (its pin is missing from {@code pins}).
 */
public record PinSnapshot(CommitId commit, Pins pins, Seq<PinFileProblem> problems) {
  public PinSnapshot {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(pins, "pins");
    Objects.requireNonNull(problems, "problems");
  }

  /** The problem with {@code file}, if it could not be read. */
  public Option<PinFileProblem> problemWith(RepoPath file) {
    return problems.find(problem -> problem.file().equals(file));
  }

  /** The pins and the problems as the domain decides on them, placed by {@code layout}. */
  public PinReading reading(PinLayout layout) {
    return new PinReading(layout, pins, problems);
  }
}
