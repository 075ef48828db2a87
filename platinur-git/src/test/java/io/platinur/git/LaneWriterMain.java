package io.platinur.git;

import io.platinur.domain.proposal.Proposal;
import java.nio.file.Path;

/**
 * Run in a second JVM by {@link GitConcurrencyTest}: applies the proposals named on the command
 * line to the lane in the given bare repository and prints one line per outcome.
 *
 * <p>Arguments: repository path, actor, then proposals as {@code id=path1,path2}.
 */
public final class LaneWriterMain {
  private LaneWriterMain() {}

  public static void main(String[] args) {
    try (GitStaging git = GitStaging.open(Path.of(args[0]), Fixtures.CONFIG).getOrElseThrow(f -> new IllegalStateException(f.toString()))) {
      for (int i = 2; i < args.length; i++) {
        String[] spec = args[i].split("=", 2);
        Proposal proposal = Fixtures.writing(spec[0], "Proposal " + spec[0], spec[1].split(","));
        System.out.println(describe(spec[0], LaneWriter.apply(git, proposal, args[1])));
      }
    }
  }

  static String describe(String id, LaneWriter.Outcome outcome) {
    if (outcome instanceof LaneWriter.Applied applied) {
      return "applied " + id + " " + applied.commit().hex();
    }
    if (outcome instanceof LaneWriter.Rejected rejected) {
      return "rejected " + id + " " + rejected.rejection().reason();
    }
    return "failed " + id + " " + ((LaneWriter.Failed) outcome).failure();
  }
}
