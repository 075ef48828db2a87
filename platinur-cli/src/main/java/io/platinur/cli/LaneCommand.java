package io.platinur.cli;

import io.platinur.domain.InvalidValueException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code platinur} command shares: the common options, the way it answers, and the
 * rule that bad input is one line on standard error, exit code 1, with nothing changed.
 */
abstract class LaneCommand implements Callable<Integer> {
  @Mixin
  Common common;

  @Spec
  CommandSpec spec;

  Clock clock = Clock.systemUTC();

  @Override
  public final Integer call() {
    Out out = new Out(spec.qualifiedName(" ").replaceFirst("^\\S+ ", ""),
        spec.commandLine().getOut(), spec.commandLine().getErr(), common.json);
    try {
      return run(out);
    } catch (Common.BadInput | InvalidValueException e) {
      return out.error("BAD_INPUT", e.getMessage());
    } catch (IOException e) {
      return out.error("IO", e.getMessage());
    } catch (UncheckedIOException e) {
      return out.error("IO", e.getCause().getMessage());
    }
  }

  abstract int run(Out out) throws IOException;

  /** Runs {@code body} on the opened lane, or reports why the lane could not be opened. */
  int withLane(Out out, LaneBody body) throws IOException {
    // Opening a GitHub lane fetches from GitHub first, which can take a moment.
    var opened = out.during("Opening the lane", () -> LaneContext.open(common, clock));
    if (opened.isLeft()) {
      return out.error("NO_LANE", opened.getLeft());
    }
    try (LaneContext lane = opened.get()) {
      return body.run(lane);
    }
  }

  @FunctionalInterface
  interface LaneBody {
    int run(LaneContext lane) throws IOException;
  }
}
