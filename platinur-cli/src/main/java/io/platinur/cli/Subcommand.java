package io.platinur.cli;

import io.platinur.domain.InvalidValueException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code platinur} command shares: {@code --json}, the way it answers, and the rule that
 * bad input is one line on standard error, exit code 1, with nothing changed.
 */
abstract class Subcommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print one JSON object on standard output instead of text.")
  boolean json;

  @Spec
  CommandSpec spec;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    Out out = new Out(spec.qualifiedName(" ").replaceFirst("^\\S+ ", ""), spec.commandLine().getOut(), spec.commandLine().getErr(), json);
    return answered(out);
  }

  /** Runs the command, turning bad input and file-system errors into one line, exit code 1. */
  final int answered(Out out) {
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

  /** The directory given with {@code -C} before the command (or the current directory). */
  Path start() {
    return spec.root().userObject() instanceof PlatinurCommand root ? root.dir() : Path.of("");
  }

  abstract int run(Out out) throws IOException;
}
