package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.StagingRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loose objects are packed once they pass {@code gc.auto}, counted as Git counts them (in the
 * fan-out directory {@code 17}), and the lane reads on. With {@code gc.auto} at 1 the second loose
 * object there starts a run; the proposals below write files whose blobs land there. The packer
 * runs here on the writer's thread (in a host, on a background thread of its own), so a run has
 * finished when the write that started it returns.
 */
class LoosePackerTest {
  @TempDir Path dir;

  @Test
  void packs_what_the_lane_wrote_once_loose_objects_pass_gc_auto() throws Exception {
    Path repo = dir.resolve("lane.git");
    GitCli cli = lane(repo, "gc.auto", "1");
    try (GitStaging git = packingInline(repo)) {
      apply(git.staging(), 0);
      assertThat(packs(repo)).isZero();

      apply(git.staging(), 1);

      assertThat(packs(repo)).isPositive();
      // every object the branch references is in the pack now, none is left loose
      assertThat(cli.run("rev-list", "--objects", "staging").lines()
          .map(line -> line.split(" ")[0])
          .filter(id -> Files.exists(repo.resolve("objects/" + id.substring(0, 2) + "/" + id.substring(2)))))
          .isEmpty();
      cli.assertFsckClean();
      apply(git.staging(), 2);
      assertThat(git.staging().readBatch().get().proposals()).hasSize(3);
    }
  }

  @Test
  void a_later_run_packs_only_the_loose_objects_and_leaves_the_earlier_packs_as_they_are() throws Exception {
    Path repo = dir.resolve("lane.git");
    GitCli cli = lane(repo, "gc.auto", "1");
    try (GitStaging git = packingInline(repo)) {
      apply(git.staging(), 0);
      apply(git.staging(), 1);
      java.util.List<String> first = packNames(repo);
      assertThat(first).hasSize(1);
      long firstSize = Files.size(repo.resolve("objects/pack/" + first.get(0)));

      apply(git.staging(), 2);
      apply(git.staging(), 3);

      java.util.List<String> now = packNames(repo);
      assertThat(now).hasSize(2).contains(first.get(0));
      assertThat(Files.size(repo.resolve("objects/pack/" + first.get(0)))).isEqualTo(firstSize);
      assertThat(looseObjects(repo)).as("no loose object is left").isZero();
      // the new pack holds what the last two applies wrote, not the whole repository
      String second = now.stream().filter(name -> !name.equals(first.get(0))).findFirst().orElseThrow();
      long inSecond = cli.run("verify-pack", "-v", repo.resolve("objects/pack/" + second.replace(".pack", ".idx")).toString()).lines()
          .filter(line -> line.matches("^[0-9a-f]{40} .*")).count();
      long reachable = cli.run("rev-list", "--objects", "--all").lines().count();
      assertThat(inSecond).isPositive().isLessThan(reachable);
      cli.assertFsckClean();
      assertThat(git.staging().readBatch().get().proposals()).hasSize(4);
    }
  }

  @Test
  void past_gc_auto_pack_limit_a_run_repacks_everything_into_one_pack() throws Exception {
    Path repo = dir.resolve("lane.git");
    GitCli cli = lane(repo, "gc.auto", "1", "gc.autoPackLimit", "2", "gc.prunePackExpire", "now");
    try (GitStaging git = packingInline(repo)) {
      for (int n = 0; n < 4; n++) {
        apply(git.staging(), n);
      }
      assertThat(packNames(repo)).hasSize(2);
      apply(git.staging(), 4);
      apply(git.staging(), 5);

      assertThat(packNames(repo)).hasSize(1);
      cli.assertFsckClean();
      assertThat(git.staging().readBatch().get().proposals()).hasSize(6);
    }
  }

  @Test
  void gc_auto_zero_never_packs() throws Exception {
    Path repo = dir.resolve("lane.git");
    lane(repo, "gc.auto", "0");
    try (GitStaging git = packingInline(repo)) {
      for (int i = 0; i < 3; i++) {
        apply(git.staging(), i);
      }
      assertThat(packs(repo)).isZero();
    }
  }

  /** The lane at {@code repo}, packing on the writer's thread: a run has finished when the write returns. */
  private static GitStaging packingInline(Path repo) {
    Repository repository = GitRefs.openBare(repo).get();
    return new GitStaging(new GitRepo(repository, Fixtures.CONFIG, Option.none(), new LoosePacker(repository, new InlineExecutor())));
  }

  /** A new lane at {@code repo} with these configuration keys and values set. */
  private GitCli lane(Path repo, String... settings) throws Exception {
    Fixtures.init(dir).close();
    GitCli cli = new GitCli(repo);
    for (int i = 0; i < settings.length; i += 2) {
      cli.run("config", settings[i], settings[i + 1]);
    }
    return cli;
  }

  /** Applies a proposal writing one file whose blob lands in the fan-out directory {@code 17}. */
  private static void apply(StagingRepository staging, int n) {
    CommitId head = staging.heads().get().staging();
    Proposal proposal = Proposal.builder(ProposalId.of("p-" + n), "P " + n).write("m/" + n + ".sql", contentIn17(n)).build();
    CommitId next = staging.writeProposalCommit(head, proposal, Fixtures.AUTHOR).get();
    staging.moveStaging(head, next).get();
  }

  private static String contentIn17(int n) {
    ObjectInserter.Formatter formatter = new ObjectInserter.Formatter();
    int found = -1;
    for (int i = 0; ; i++) {
      String text = "select " + i + ";\n";
      if (formatter.idFor(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8)).name().startsWith("17") && ++found == n) {
        return text;
      }
    }
  }

  private static java.util.List<String> packNames(Path repo) throws Exception {
    try (Stream<Path> files = Files.list(repo.resolve("objects/pack"))) {
      return files.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(".pack")).sorted().toList();
    }
  }

  private static long looseObjects(Path repo) throws Exception {
    try (Stream<Path> files = Files.walk(repo.resolve("objects"))) {
      return files.filter(f -> f.getParent().getFileName().toString().matches("[0-9a-f]{2}")
          && f.getFileName().toString().length() == 38).count();
    }
  }

  private static long packs(Path repo) throws Exception {
    Path pack = repo.resolve("objects/pack");
    if (!Files.isDirectory(pack)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(pack)) {
      return files.filter(f -> f.toString().endsWith(".pack")).count();
    }
  }
}
