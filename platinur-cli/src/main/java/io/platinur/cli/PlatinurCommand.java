package io.platinur.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code platinur} command: a staging lane on a local bare repository, driven from the shell.
 * Exit codes: 0 done, 1 error (bad input, missing repository, Git failure), 2 rejected by a rule
 * (the rule's exact message on standard error).
 */
@Command(name = "platinur", mixinStandardHelpOptions = true, version = "platinur 0.1.0-SNAPSHOT",
    description = {"Stage proposals, promote them through a PR, and sync: a staging lane on Git.",
        "Start with ‘platinur demo’, or ‘platinur init --repository lane.git’ in an empty directory."},
    subcommands = {DemoCommand.class, InitCommand.class, ProposeCommand.class, LaneCommands.Apply.class,
        LaneCommands.Unapply.class, LaneCommands.Discard.class, LaneCommands.Status.class, LaneCommands.Promote.class,
        LaneCommands.Pr.class, LaneCommands.Sync.class, GateCommand.class, CheckCredentialsCommand.class, PreviewsCommand.class, ConsoleCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:error (bad input, no lane, repository or host failure)", "2:rejected by a rule (message on standard error)"})
public final class PlatinurCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command; try ‘platinur demo’.");
  }

  /** Runs the command line and returns its exit code; output goes to {@code out} and {@code err} in UTF-8. */
  public static int run(String[] args, OutputStream out, OutputStream err) {
    return run(args, out, err, System::getenv);
  }

  /** The same, reading environment variables (token, author) from {@code env} instead of the process's. */
  public static int run(String[] args, OutputStream out, OutputStream err, java.util.function.Function<String, String> env) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        K made = defaults.create(type);
        if (made instanceof Common common) {
          common.env = env;
        }
        return made;
      }
    };
    PrintWriter stdout = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter stderr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    CommandLine commandLine = new CommandLine(new PlatinurCommand(), factory)
        .setOut(stdout)
        .setErr(stderr)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler((problem, arguments) -> {
          CommandLine where = problem.getCommandLine();
          where.getErr().println("platinur: " + problem.getMessage() + " (see ‘" + where.getCommandSpec().qualifiedName() + " --help’)");
          where.getErr().flush();
          return 1;
        })
        .setExecutionExceptionHandler((problem, where, parsed) -> {
          where.getErr().println("platinur: unexpected " + problem.getClass().getSimpleName()
              + (problem.getMessage() == null ? "" : ": " + problem.getMessage()));
          where.getErr().flush();
          return 1;
        });
    int exit = commandLine.execute(args);
    stdout.flush();
    stderr.flush();
    return exit;
  }
}
