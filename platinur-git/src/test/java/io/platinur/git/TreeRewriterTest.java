package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * Proposal commits, checked against a plain map from path to content: whatever sequence of writes
 * and deletes (same content again, files emptied out of directories, directories created), the
 * commit's tree holds exactly what the map says, and a proposal that leaves the map as it was is
 * refused with NOTHING_TO_CHANGE.
 */
class TreeRewriterTest {
  @TempDir Path dir;

  /** 26 paths up to three directories deep; file names are never directory names. */
  static final List<String> PATHS = paths();

  static List<String> paths() {
    List<String> out = new ArrayList<>();
    List<String> prefixes = new ArrayList<>(List.of(""));
    for (String a : List.of("d1", "d2", "d3")) {
      prefixes.add(a + "/");
      for (String b : List.of("d1", "d2", "d3")) {
        prefixes.add(a + "/" + b + "/");
      }
    }
    for (String prefix : prefixes) {
      out.add(prefix + "f1.sql");
      out.add(prefix + "f2.sql");
    }
    return out;
  }

  /** One change: a path, and content 0..2 to write, or 3 to delete. */
  record Edit(String path, int content) {
    boolean isDelete() {
      return content == 3;
    }
  }

  static final Gen<Edit> EDITS = integers().between(0, PATHS.size() - 1).zip(integers().between(0, 3), (p, c) -> new Edit(PATHS.get(p), c));
  static final Gen<List<List<Edit>>> SEQUENCES = lists().of(lists().of(EDITS).ofSizeBetween(1, 6)).ofSizeBetween(1, 5);

  @Test
  void every_proposal_commit_holds_exactly_what_a_path_to_content_map_says() throws IOException {
    GitStaging git = Fixtures.init(dir);
    CommitId base = git.staging().heads().get().staging();
    try (Repository repository = new FileRepositoryBuilder().setGitDir(dir.resolve("lane.git").toFile()).build()) {
      qt().withExamples(60).withShrinkCycles(50).forAll(SEQUENCES).checkAssert(sequence -> {
        TreeMap<String, String> model = new TreeMap<>(Map.of("README.md", read(repository, base, "README.md")));
        CommitId parent = base;
        int n = 0;
        for (List<Edit> edits : sequence) {
          Proposal.Builder builder = Proposal.builder(ProposalId.of("p-" + n++), "Proposal");
          TreeMap<String, String> expected = new TreeMap<>(model);
          for (Edit edit : edits) {
            if (edit.isDelete()) {
              builder.delete(edit.path());
              expected.remove(edit.path());
            } else {
              builder.write(edit.path(), "v" + edit.content() + "\n");
              expected.put(edit.path(), "v" + edit.content() + "\n");
            }
          }
          Either<PortFailure, CommitId> written = git.staging().writeProposalCommit(parent, builder.build(), Fixtures.AUTHOR);
          if (expected.equals(model)) {
            assertThat(written.getLeft().kind()).isEqualTo(PortFailure.Kind.NOTHING_TO_CHANGE);
            continue;
          }
          CommitId commit = written.get();
          assertThat(list(repository, commit)).isEqualTo(expected);
          parent = commit;
          model = expected;
        }
      });
    } finally {
      git.close();
    }
    new GitCli(dir.resolve("lane.git")).assertFsckClean();
  }

  private static TreeMap<String, String> list(Repository repository, CommitId commit) {
    try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
      tree.addTree(walk.parseCommit(ObjectId.fromString(commit.hex())).getTree());
      tree.setRecursive(true);
      TreeMap<String, String> out = new TreeMap<>();
      while (tree.next()) {
        out.put(tree.getPathString(), new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String read(Repository repository, CommitId commit, String path) {
    return list(repository, commit).get(path);
  }
}
