package io.platinur.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
        PrCommand.class, LaneCommands.Sync.class, GateCommand.class, ReleaseCommand.class, CheckCredentialsCommand.class,
        PreviewsCommand.class, ConsoleCommand.class, MetricsCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:error (bad input, no lane, repository or host failure)", "2:rejected by a rule (message on standard error)"})
public final class PlatinurCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-C", "--dir"}, paramLabel = "DIR",
      description = "Run as if started in DIR (before or after the command; relative paths start there).")
  Path dir;

  /** The directory given before the command, or the current directory. */
  Path dir() {
    return dir == null ? Path.of("") : dir;
  }

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
    return run(args, out, err, env, java.time.Clock.systemUTC());
  }

  /** The same, telling time by {@code clock} (tests move it instead of waiting). */
  static int run(String[] args, OutputStream out, OutputStream err, java.util.function.Function<String, String> env, java.time.Clock clock) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        K made = defaults.create(type);
        if (made instanceof Common common) {
          common.env = env;
        }
        if (made instanceof Subcommand command) {
          command.clock = clock;
        }
        return made;
      }
    };
    // Asked for before the line is understood, so that a line picocli refuses still answers in JSON.
    boolean json = java.util.Arrays.asList(args).contains("--json");
    PrintWriter stdout = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter stderr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    CommandLine commandLine = new CommandLine(new PlatinurCommand(), factory)
        .setOut(stdout)
        .setErr(stderr)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler((problem, arguments) -> {
          CommandLine where = problem.getCommandLine();
          return usageError(where, json, "USAGE", problem.getMessage() + " (see ‘" + where.getCommandSpec().qualifiedName() + " --help’)");
        })
        .setExecutionExceptionHandler((problem, where, parsed) -> usageError(where, json, "UNEXPECTED",
            "unexpected " + problem.getClass().getSimpleName() + (problem.getMessage() == null ? "" : ": " + problem.getMessage())));
    int exit = commandLine.execute(args);
    stdout.flush();
    stderr.flush();
    return exit;
  }

  /** A line picocli could not take, or an unexpected failure: one line on standard error, exit 1, and with --json one object. */
  private static int usageError(CommandLine where, boolean json, String kind, String message) {
    where.getErr().println("platinur: " + message);
    where.getErr().flush();
    if (json) {
      String command = where.getCommandSpec().qualifiedName(" ").replaceFirst("^\\S+ ?", "");
      where.getOut().println(Json.object().put("ok", false).put("command", command.isEmpty() ? "platinur" : command)
          .put("outcome", "error").put("kind", kind).put("message", message));
      where.getOut().flush();
    }
    return Out.ERROR;
  }
}
