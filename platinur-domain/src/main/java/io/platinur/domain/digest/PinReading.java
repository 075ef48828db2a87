package io.platinur.domain.digest;

import io.platinur.domain.proposal.RepoPath;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The pins of a GitOps branch at one commit as the layout places them: every values file that was
 * read ({@code pins}), and every one that could not be read, with why ({@code problems}; its pin is
 * missing from {@code pins}). A promotion names the problem of the file it needs rather than
 * finding no pin there.
 */
public record PinReading(PinLayout layout, Pins pins, Seq<PinFileProblem> problems) {
  public PinReading {
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(pins, "pins");
    Objects.requireNonNull(problems, "problems");
  }

  /** Pins that were all read. */
  public static PinReading of(PinLayout layout, Pins pins) {
    return new PinReading(layout, pins, List.empty());
  }

  /** The values file holding {@code service}'s pin in {@code environment}. */
  public RepoPath pinFile(EnvironmentName environment, ServiceName service) {
    return layout.pinPath(environment, service);
  }

  /** Why {@code service}'s values file in {@code environment} could not be read, if it could not. */
  public Option<PinFileProblem> problem(EnvironmentName environment, ServiceName service) {
    RepoPath file = pinFile(environment, service);
    return problems.find(problem -> problem.file().equals(file));
  }

  /** Whether {@code service} has a values file in any of {@code environments}, readable or not. */
  public boolean knows(ServiceName service, Seq<EnvironmentName> environments) {
    return pins.services().contains(service) || environments.exists(environment -> problem(environment, service).isDefined());
  }
}
