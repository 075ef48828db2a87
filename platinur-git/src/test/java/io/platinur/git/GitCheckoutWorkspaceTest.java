package io.platinur.git;

import static io.platinur.git.Fixtures.writing;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.StagingWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCheckoutWorkspaceTest {
  @TempDir Path dir;
  GitStaging git;
  Path work;

  @BeforeEach
  void a_clone_where_the_assistant_works_on_staging() {
    git = Fixtures.init(dir);
    work = dir.resolve("work");
    GitCli.exec(List.of("git", "clone", "--quiet", "--branch", "staging", dir.resolve("lane.git").toString(), work.toString()), null);
  }

  @AfterEach
  void both_repositories_stay_valid() {
    git.close();
    new GitCli(dir.resolve("lane.git")).assertFsckClean();
    new GitCli(work.resolve(".git")).assertFsckClean();
  }

  String inWork(String... args) {
    return new GitCli(work.resolve(".git")).runIn(work, args);
  }

  @Test
  void resets_the_checkout_to_a_commit_it_has_not_fetched_yet_and_keeps_untracked_files() throws Exception {
    assertThat(LaneWriter.apply(git, writing("p-1", "Orders", "models/orders.sql"), "ada")).isInstanceOf(LaneWriter.Applied.class);
    CommitId staged = git.staging().heads().get().staging();
    Files.writeString(work.resolve("README.md"), "scribbles\n");
    Files.writeString(work.resolve("notes.txt"), "work in progress\n");
    StagingWorkspace workspace = git.workspace(work);

    CommitId reset = workspace.resetTo(staged).get();

    assertThat(reset).isEqualTo(staged);
    assertThat(inWork("rev-parse", "HEAD").strip()).isEqualTo(staged.hex());
    assertThat(inWork("symbolic-ref", "--short", "HEAD").strip()).isEqualTo("staging");
    assertThat(Files.readString(work.resolve("models/orders.sql"))).contains("p-1 writes models/orders.sql");
    assertThat(Files.readString(work.resolve("README.md"))).startsWith("# Production");
    assertThat(inWork("status", "--porcelain").strip()).isEqualTo("?? notes.txt");
  }

  @Test
  void a_commit_on_neither_lane_branch_is_not_found_and_the_checkout_is_untouched() throws Exception {
    String before = inWork("rev-parse", "HEAD").strip();
    PortFailure failure = git.workspace(work).resetTo(CommitId.of("0123456789abcdef0123456789abcdef01234567")).getLeft();
    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.NOT_FOUND);
    assertThat(inWork("rev-parse", "HEAD").strip()).isEqualTo(before);
  }

  @Test
  void a_missing_checkout_is_not_found() {
    PortFailure failure = git.workspace(dir.resolve("nowhere")).resetTo(git.staging().heads().get().staging()).getLeft();
    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.NOT_FOUND);
  }
}
