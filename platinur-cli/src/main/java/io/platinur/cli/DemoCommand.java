package io.platinur.cli;

import io.platinur.cli.demo.SeedScenarioDemo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code platinur demo}: the seed scenario on fresh repositories, step by step. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Walk the whole staging → production scenario on fresh Git repositories, printing each step.",
        "Two disjoint proposals staged, an overlapping one rejected, the promotion PR opened, apply rejected while it is open,",
        "the PR merged, apply rejected while the merge awaits sync, Sync Promotions, and a second batch."})
final class DemoCommand extends Subcommand {
  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where to create the repositories: a new or empty directory (default: a new temporary directory, kept for you to look at).")
  Path workDir;

  @Override
  int run(Out out) throws IOException {
    Path dir = workDir != null ? start().resolve(workDir) : Files.createTempDirectory("platinur-demo-");
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new Common.BadInput(dir + " is a file; the demo needs a new or empty directory.");
    }
    if (Files.isDirectory(dir)) {
      try (var entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new Common.BadInput(dir + " is not empty; the demo needs a new or empty directory.");
        }
      }
    }
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (PrintStream print = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      try {
        out.during("Running the demo", () -> {
          try {
            new SeedScenarioDemo(dir, print, clock).run();
            print.println();
            new io.platinur.cli.demo.DigestPromotionDemo(dir.resolve("digests"), print, clock).run();
            return null;
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
      } catch (SeedScenarioDemo.DemoFailure | io.platinur.cli.demo.DigestPromotionDemo.DemoFailure e) {
        out.out().print(captured.toString(StandardCharsets.UTF_8));
        return out.error("DEMO_FAILED", e.getMessage());
      }
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    return out.done(text.stripTrailing(), Json.object().put("directory", dir.toAbsolutePath().toString())
        .put("lines", java.util.List.of(text.stripTrailing().split("\n"))));
  }
}
