package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.repository.CommitId;
import io.platinur.port.StagingRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code isAncestor} on a long history shaped as promotions leave it: batches of proposal commits
 * authored long before the merge commits that promote them (so commit-time order puts every merge
 * first), answered as {@code git merge-base --is-ancestor} answers, near the tip and far below it.
 */
class GitAncestryTest {
  @TempDir Path dir;
  GitStaging git;
  StagingRepository staging;
  GitCli cli;
  final List<ObjectId> merges = new ArrayList<>();
  final List<List<ObjectId>> batches = new ArrayList<>();
  ObjectId unmerged;

  @BeforeEach
  void build_a_long_history() throws IOException {
    git = Fixtures.init(dir);
    staging = git.staging();
    cli = new GitCli(dir.resolve("lane.git"));
    // 120 promotions of 10 proposals: 1,320 commits (deeper than the near-tip walk looks), in one
    // fast-import; every proposal authored in 2020, every merge in 2026
    StringBuilder stream = new StringBuilder();
    String production = staging.heads().get().production().hex();
    int mark = 0;
    List<Integer> mergeMarks = new ArrayList<>();
    List<List<Integer>> batchMarks = new ArrayList<>();
    for (int r = 0; r < 120; r++) {
      List<Integer> batch = new ArrayList<>();
      String head = production;
      for (int i = 0; i < 10; i++) {
        commit(stream, ++mark, Instant.parse("2020-01-01T00:00:00Z"), "r" + r + " p" + i, head);
        head = ":" + mark;
        batch.add(mark);
      }
      batchMarks.add(batch);
      commit(stream, ++mark, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(r), "merge " + r, production, head);
      production = ":" + mark;
      mergeMarks.add(mark);
    }
    commit(stream, ++mark, Instant.parse("2020-01-01T00:00:00Z"), "never promoted", ":" + mergeMarks.get(100));
    Path marks = dir.resolve("marks");
    cli.runWithInput(stream.toString(), "fast-import", "--quiet", "--export-marks=" + marks);
    java.util.Map<Integer, ObjectId> ids = new java.util.HashMap<>();
    for (String line : java.nio.file.Files.readAllLines(marks)) {
      String[] parts = line.split(" ");
      ids.put(Integer.parseInt(parts[0].substring(1)), ObjectId.fromString(parts[1]));
    }
    mergeMarks.forEach(m -> merges.add(ids.get(m)));
    batchMarks.forEach(batch -> batches.add(batch.stream().map(ids::get).toList()));
    unmerged = ids.get(mark);
    cli.run("update-ref", "refs/heads/main", merges.get(merges.size() - 1).name());
    cli.run("update-ref", "refs/heads/staging", merges.get(merges.size() - 1).name());
    cli.run("update-ref", "-d", "refs/heads/imported");
  }

  static void commit(StringBuilder stream, int mark, Instant time, String message, String... parents) {
    stream.append("commit refs/heads/imported\nmark :").append(mark)
        .append("\ncommitter Ada <ada@example.com> ").append(time.getEpochSecond()).append(" +0000\n")
        .append("data ").append(message.length() + 1).append('\n').append(message).append('\n')
        .append("from ").append(parents[0]).append('\n');
    for (int p = 1; p < parents.length; p++) {
      stream.append("merge ").append(parents[p]).append('\n');
    }
    stream.append('\n');
  }

  @AfterEach
  void close() {
    git.close();
    cli.assertFsckClean();
  }

  boolean gitSays(ObjectId ancestor, ObjectId descendant) {
    return GitCli.exec(List.of("git", "--git-dir=" + dir.resolve("lane.git"), "merge-base", "--is-ancestor",
        ancestor.name(), descendant.name()), dir).exit() == 0;
  }

  boolean platinurSays(ObjectId ancestor, ObjectId descendant) {
    return staging.isAncestor(GitRepo.commitId(ancestor), GitRepo.commitId(descendant)).get();
  }

  @Test
  void the_promoted_proposals_under_the_newest_merge_are_found_as_git_finds_them() {
    ObjectId tip = merges.get(merges.size() - 1);
    for (ObjectId proposal : batches.get(batches.size() - 1)) {
      assertThat(platinurSays(proposal, tip)).isTrue().isEqualTo(gitSays(proposal, tip));
    }
    assertThat(platinurSays(tip, tip)).isTrue();
  }

  @Test
  void far_below_the_tip_and_off_it_the_answer_is_still_git_s() {
    ObjectId tip = merges.get(merges.size() - 1);
    ObjectId oldest = batches.get(0).get(0);
    CommitId root = CommitId.of(cli.run("rev-list", "--max-parents=0", "main").strip());
    assertThat(platinurSays(oldest, tip)).isTrue().isEqualTo(gitSays(oldest, tip));
    assertThat(staging.isAncestor(root, GitRepo.commitId(tip)).get()).isTrue();
    assertThat(platinurSays(unmerged, tip)).isFalse().isEqualTo(gitSays(unmerged, tip));
    assertThat(platinurSays(tip, oldest)).isFalse().isEqualTo(gitSays(tip, oldest));
    assertThat(platinurSays(batches.get(110).get(3), merges.get(100))).isFalse()
        .isEqualTo(gitSays(batches.get(110).get(3), merges.get(100)));
    assertThat(platinurSays(batches.get(90).get(3), unmerged)).isTrue().isEqualTo(gitSays(batches.get(90).get(3), unmerged));
  }
}
