package io.platinur.git;

import static io.platinur.git.Fixtures.AUTHOR;
import static io.platinur.git.Fixtures.writing;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchHeads;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.StagingRepository;
import io.platinur.port.StagingRepository.RecordedBatch;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitStagingRepositoryTest {
  @TempDir Path dir;
  GitStaging git;
  StagingRepository staging;
  GitCli cli;

  @BeforeEach
  void start() {
    git = Fixtures.init(dir);
    staging = git.staging();
    cli = new GitCli(dir.resolve("lane.git"));
  }

  @AfterEach
  void repository_stays_valid() {
    git.close();
    cli.assertFsckClean();
  }

  BranchHeads heads() {
    return ok(staging.heads());
  }

  static <T> T ok(Either<PortFailure, T> result) {
    return result.getOrElseThrow(f -> new AssertionError("unexpected failure " + f));
  }

  static PortFailure failure(Either<PortFailure, ?> result) {
    assertThat(result.isLeft()).as("expected a failure, got %s", result).isTrue();
    return result.getLeft();
  }

  CommitId apply(Proposal proposal) {
    CommitId head = heads().staging();
    CommitId commit = ok(staging.writeProposalCommit(head, proposal, AUTHOR));
    ok(staging.moveStaging(head, commit));
    return commit;
  }

  @Nested
  class On_a_new_repository {

    @Test
    void staging_and_production_start_at_the_same_commit() {
      assertThat(heads().staging()).isEqualTo(heads().production());
      assertThat(heads().production().hex()).isEqualTo(cli.revParse("main"));
    }

    @Test
    void writes_one_commit_on_the_staging_head_with_title_trailer_and_author() {
      CommitId parent = heads().staging();
      Proposal proposal = writing("p-1", "Add orders model", "models/staging/orders.sql", "models/marts/revenue.sql");

      CommitId commit = ok(staging.writeProposalCommit(parent, proposal, AUTHOR));

      String[] fields = cli.run("log", "-1", "--format=%P%n%an%n%ae%n%aI%n%cn%n%s%n%(trailers:key=Platinur-Proposal,valueonly)", commit.hex())
          .split("\n");
      assertThat(fields[0]).isEqualTo(parent.hex());
      assertThat(fields[1]).isEqualTo("Ada Analyst");
      assertThat(fields[2]).isEqualTo("ada@example.com");
      assertThat(Instant.parse(fields[3].replace("+00:00", "Z"))).isEqualTo(AUTHOR.when());
      assertThat(fields[4]).isEqualTo("Ada Analyst");
      assertThat(fields[5]).isEqualTo("Add orders model");
      assertThat(fields[6]).isEqualTo("p-1");
      assertThat(cli.changedFiles(parent.hex(), commit.hex()))
          .containsExactly("models/marts/revenue.sql", "models/staging/orders.sql");
      assertThat(cli.run("show", commit.hex() + ":models/staging/orders.sql"))
          .isEqualTo("-- p-1 writes models/staging/orders.sql\nselect 1;\n");
      assertThat(cli.run("show", commit.hex() + ":README.md")).startsWith("# Production");
    }

    @Test
    void writing_a_commit_moves_no_branch() {
      BranchHeads before = heads();
      ok(staging.writeProposalCommit(before.staging(), writing("p-1", "One", "a.sql"), AUTHOR));
      assertThat(heads()).isEqualTo(before);
      assertThat(cli.revParse("staging")).isEqualTo(before.staging().hex());
    }

    @Test
    void deletes_files_and_drops_directories_left_empty() {
      apply(writing("p-1", "Create", "deep/er/still/a.sql", "deep/b.sql"));
      CommitId parent = heads().staging();
      Proposal removal = Proposal.builder(ProposalId.of("p-2"), "Remove").delete("deep/er/still/a.sql").build();

      CommitId commit = ok(staging.writeProposalCommit(parent, removal, AUTHOR));

      assertThat(cli.run("ls-tree", "-r", "--name-only", commit.hex()).lines().toList())
          .containsExactly("README.md", "deep/b.sql");
      assertThat(cli.run("ls-tree", "-d", "-r", "--name-only", commit.hex()).lines().toList()).containsExactly("deep");
    }

    @Test
    void turns_a_file_into_a_directory_when_the_proposal_deletes_it_first() {
      Proposal swap = Proposal.builder(ProposalId.of("p-1"), "Swap").delete("README.md").write("README.md/index.md", "# Index\n").build();
      CommitId commit = ok(staging.writeProposalCommit(heads().staging(), swap, AUTHOR));
      assertThat(cli.run("ls-tree", "-r", "--name-only", commit.hex()).strip()).isEqualTo("README.md/index.md");
    }

    @Test
    void writes_only_the_blobs_and_trees_on_the_changed_paths() {
      // 3 directories x 50 files, then a change to one file 3 levels deep.
      Proposal.Builder wide = Proposal.builder(ProposalId.of("p-wide"), "Wide");
      for (String top : List.of("a", "b", "c")) {
        for (int i = 0; i < 50; i++) {
          wide.write(top + "/sub/f" + i + ".sql", "select " + i + ";\n");
        }
      }
      apply(wide.build());
      cli.run("gc", "--quiet", "--prune=now");
      int before = looseObjects();

      ok(staging.writeProposalCommit(heads().staging(), writing("p-1", "One file", "b/sub/f7.sql"), AUTHOR));

      // one blob, three trees (root, b, b/sub) and the commit: nothing for a/ or c/
      assertThat(looseObjects() - before).isEqualTo(5);
    }

    @Test
    void keeps_an_executable_bit_when_overwriting() {
      String blob = cli.runWithInput("#!/bin/sh\necho hi\n", "hash-object", "-w", "--stdin").strip();
      String tree = cli.runWithInput("100755 blob " + blob + "\trun.sh\n", "mktree").strip();
      String commit = cli.run("commit-tree", tree, "-p", heads().staging().hex(), "-m", "tool").strip();
      ok(staging.moveStaging(heads().staging(), CommitId.of(commit)));

      CommitId next = ok(staging.writeProposalCommit(CommitId.of(commit), writing("p-1", "Edit tool", "run.sh"), AUTHOR));

      assertThat(cli.run("ls-tree", next.hex(), "run.sh")).startsWith("100755 blob");
    }

    int looseObjects() {
      String counts = cli.run("count-objects");
      return Integer.parseInt(counts.substring(0, counts.indexOf(' ')));
    }
  }

  @Nested
  class On_a_repository_with_only_a_production_branch {

    @Test
    void creates_staging_at_the_production_head_once_and_then_leaves_it_where_it_is() {
      String production = cli.revParse("main");
      cli.run("update-ref", "-d", "refs/heads/staging");

      assertThat(ok(git.ensureStagingBranch()).hex()).isEqualTo(production);
      assertThat(cli.revParse("staging")).isEqualTo(production);

      CommitId moved = apply(writing("p-1", "One", "a.sql"));
      assertThat(ok(git.ensureStagingBranch())).isEqualTo(moved);
      assertThat(cli.revParse("staging")).isEqualTo(moved.hex());
    }

    @Test
    void without_a_production_branch_it_is_not_found() {
      cli.run("update-ref", "-d", "refs/heads/staging");
      cli.run("symbolic-ref", "HEAD", "refs/heads/staging");
      cli.run("update-ref", "-d", "refs/heads/main");
      assertThat(failure(git.ensureStagingBranch()).kind()).isEqualTo(Kind.NOT_FOUND);
      // leave something for fsck to walk
      cli.run("update-ref", "refs/heads/main", cli.run("commit-tree", cli.run("mktree").strip(), "-m", "empty").strip());
    }
  }

  @Nested
  class Refuses_bad_input_and_changes_nothing {

    @Test
    void a_proposal_whose_writes_equal_the_current_content() {
      String readme = cli.run("show", "main:README.md");
      Proposal same = Proposal.builder(ProposalId.of("p-1"), "Same").write("README.md", readme).delete("not/there.sql").build();
      int objectsBefore = objectCount();

      PortFailure failure = failure(staging.writeProposalCommit(heads().staging(), same, AUTHOR));

      assertThat(failure.kind()).isEqualTo(Kind.NOTHING_TO_CHANGE);
      assertThat(failure.message()).contains("Same");
      assertThat(objectCount()).as("no commit was written").isEqualTo(objectsBefore);
    }

    @Test
    void applies_a_proposal_where_only_some_changes_are_no_ops_and_reads_back_its_whole_file_set() {
      String readme = cli.run("show", "main:README.md");
      Proposal partly = Proposal.builder(ProposalId.of("p-1"), "Partly")
          .write("README.md", readme)
          .delete("gone/100% done.sql")
          .write("new.sql", "select 2;\n")
          .build();
      CommitId commit = apply(partly);
      RecordedBatch batch = ok(staging.readBatch());
      assertThat(batch.proposals().single().files()).containsExactlyElementsOf(partly.fileSet());
      assertThat(cli.changedFiles(commit.hex() + "^", commit.hex())).containsExactly("new.sql");
      assertThat(cli.run("log", "-1", "--format=%(trailers:key=Platinur-Unchanged,valueonly)", commit.hex()).strip().lines().toList())
          .containsExactly("README.md", "gone/100%25%20done.sql");
    }

    @Test
    void a_file_over_the_size_limit() {
      git.close();
      git = GitStaging.open(dir.resolve("lane.git"), Fixtures.CONFIG.withMaxFileBytes(16)).get();
      staging = git.staging();
      Proposal big = Proposal.builder(ProposalId.of("p-1"), "Big").write("big.csv", new byte[17]).build();
      int objectsBefore = objectCount();

      PortFailure failure = failure(staging.writeProposalCommit(heads().staging(), big, AUTHOR));

      assertThat(failure.kind()).isEqualTo(Kind.INVALID_REQUEST);
      assertThat(failure.message()).contains("big.csv").contains("17 bytes").contains("16 bytes");
      assertThat(objectCount()).isEqualTo(objectsBefore);
    }

    @Test
    void a_path_git_refuses_never_reaches_the_repository_the_domain_refuses_it_first() {
      // The adapter still checks every path with Git's own rules; the domain's are at least as strict.
      assertThat(io.platinur.domain.proposal.RepoPath.parse("vendor/GIT~1/config").isInvalid()).isTrue();
      assertThat(io.platinur.domain.proposal.RepoPath.parse("models/.GIT/config").isInvalid()).isTrue();
    }

    @Test
    void a_path_that_windows_cannot_check_out_never_reaches_it_the_proposal_refuses_it_in_gits_words() {
      // One rule: a proposal cannot hold a path this adapter's Git check would refuse at apply (RepoPathAgreesWithGitTest).
      for (String path : java.util.List.of("reports/con.sql", "reports/aux", "models/report.", "\"><img src=x onerror=alert(1)>")) {
        assertThat(RepoPath.parse(path).isInvalid()).as(path).isTrue();
        assertThat(RepoPath.parse(path).getError()).as(path).startsWith("Git refuses the path ‘" + path + "’ (");
      }
    }

    @Test
    void a_path_below_an_existing_file() {
      PortFailure failure = failure(staging.writeProposalCommit(heads().staging(), writing("p-1", "Under", "README.md/x.sql"), AUTHOR));
      assertThat(failure.kind()).isEqualTo(Kind.INVALID_REQUEST);
      assertThat(failure.message()).contains("README.md");
    }

    @Test
    void a_write_over_an_existing_directory() {
      apply(writing("p-1", "Dir", "models/a.sql"));
      PortFailure failure = failure(staging.writeProposalCommit(heads().staging(), writing("p-2", "Over", "models"), AUTHOR));
      assertThat(failure.kind()).isEqualTo(Kind.INVALID_REQUEST);
      assertThat(failure.message()).contains("‘models’ is a directory");
    }

    @Test
    void a_parent_commit_that_does_not_exist() {
      CommitId missing = CommitId.of("0123456789abcdef0123456789abcdef01234567");
      PortFailure failure = failure(staging.writeProposalCommit(missing, writing("p-1", "One", "a.sql"), AUTHOR));
      assertThat(failure.kind()).isEqualTo(Kind.NOT_FOUND);
      assertThat(failure.message()).contains("0123456");
    }

    @Test
    void the_file_contents_never_appear_in_a_message() {
      Proposal secretish = Proposal.builder(ProposalId.of("p-1"), "Secretish").write("README.md/x", "password=hunter2").build();
      PortFailure failure = failure(staging.writeProposalCommit(heads().staging(), secretish, AUTHOR));
      assertThat(failure.toString()).doesNotContain("hunter2");
    }

    int objectCount() {
      String counts = cli.run("count-objects", "-v");
      return counts.lines().filter(l -> l.startsWith("count:") || l.startsWith("in-pack:"))
          .mapToInt(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).strip())).sum();
    }
  }

  @Nested
  class With_a_staged_batch {
    CommitId base;
    CommitId first;
    CommitId second;
    CommitId third;

    @BeforeEach
    void stage_three() {
      base = heads().staging();
      first = apply(writing("p-1", "Orders", "models/orders.sql", "models/orders.yml"));
      second = apply(Proposal.builder(ProposalId.of("p-2"), "Drop readme").delete("README.md").build());
      third = apply(writing("p-3", "Revenue", "marts/revenue.sql"));
    }

    @Test
    void reads_the_batch_back_from_git_alone_as_git_log_shows_it() {
      git.close();
      git = GitStaging.open(dir.resolve("lane.git"), Fixtures.CONFIG).get();

      RecordedBatch batch = ok(git.staging().readBatch());

      assertThat(batch.base()).isEqualTo(base);
      assertThat(batch.proposals().map(StagedProposal::commit).map(CommitId::hex)).containsExactlyElementsOf(cli.log("main..staging"));
      assertThat(batch.proposals().map(p -> p.id().value())).containsExactly("p-1", "p-2", "p-3");
      assertThat(batch.proposals().map(StagedProposal::title)).containsExactly("Orders", "Drop readme", "Revenue");
      for (StagedProposal staged : batch.proposals()) {
        assertThat(staged.files().map(RepoPath::value))
            .containsExactlyElementsOf(cli.changedFiles(staged.commit().hex() + "^", staged.commit().hex()));
      }
    }

    @Test
    void moving_staging_from_a_stale_id_is_a_conflict_and_moves_nothing() {
      PortFailure failure = failure(staging.moveStaging(first, base));
      assertThat(failure.kind()).isEqualTo(Kind.CONFLICT);
      assertThat(cli.revParse("staging")).isEqualTo(third.hex());
    }

    @Test
    void unapplies_the_middle_proposal_by_rebuilding_the_rest_onto_the_commit_before_it() {
      Seq<CommitId> rebuilt = ok(staging.rebuild(first, List.of(third), AUTHOR));
      ok(staging.moveStaging(third, rebuilt.last()));

      RecordedBatch batch = ok(staging.readBatch());
      assertThat(batch.proposals().map(p -> p.id().value())).containsExactly("p-1", "p-3");
      assertThat(batch.proposals().map(StagedProposal::commit)).containsExactly(first, rebuilt.single());
      assertThat(cli.log("main..staging")).containsExactly(first.hex(), rebuilt.single().hex());
      assertThat(cli.changedFiles(first.hex(), rebuilt.single().hex())).containsExactly("marts/revenue.sql");
      assertThat(cli.run("ls-tree", "-r", "--name-only", "staging").lines().toList())
          .containsExactly("README.md", "marts/revenue.sql", "models/orders.sql", "models/orders.yml");
      assertThat(cli.run("log", "-1", "--format=%an|%s|%(trailers:key=Platinur-Proposal,valueonly)", "staging").strip())
          .isEqualTo("Ada Analyst|Revenue|p-3");
    }

    @Test
    void unapplies_the_first_proposal_onto_the_batch_base() {
      Seq<CommitId> rebuilt = ok(staging.rebuild(base, List.of(second, third), AUTHOR));
      ok(staging.moveStaging(third, rebuilt.last()));

      RecordedBatch batch = ok(staging.readBatch());
      assertThat(batch.base()).isEqualTo(base);
      assertThat(batch.proposals().map(p -> p.id().value())).containsExactly("p-2", "p-3");
      assertThat(cli.run("ls-tree", "-r", "--name-only", "staging").strip()).isEqualTo("marts/revenue.sql");
    }

    @Test
    void resets_staging_to_production() {
      ok(staging.moveStaging(third, base));
      assertThat(cli.revParse("staging")).isEqualTo(cli.revParse("main"));
      assertThat(ok(staging.readBatch()).proposals()).isEmpty();
    }

    @Test
    void knows_which_commit_contains_which() {
      assertThat(ok(staging.isAncestor(first, third))).isTrue();
      assertThat(ok(staging.isAncestor(third, first))).isFalse();
      assertThat(ok(staging.isAncestor(base, base))).isTrue();
    }

    @Test
    void refuses_to_rebuild_a_commit_that_is_not_a_proposal() {
      PortFailure failure = failure(staging.rebuild(third, List.of(base), AUTHOR));
      assertThat(failure.kind()).isEqualTo(Kind.INVALID_REQUEST);
    }
  }

  @Nested
  class On_a_damaged_or_busy_repository {

    @Test
    void a_lock_file_left_by_a_crashed_process_is_reported_and_nothing_moves() throws Exception {
      CommitId head = heads().staging();
      CommitId commit = ok(staging.writeProposalCommit(head, writing("p-1", "One", "a.sql"), AUTHOR));
      Path lock = dir.resolve("lane.git/refs/heads/staging.lock");
      Files.writeString(lock, "");
      Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(3600)));

      PortFailure failure = failure(staging.moveStaging(head, commit));

      assertThat(failure.kind()).isEqualTo(Kind.REPOSITORY_DAMAGED);
      assertThat(failure.message()).contains("refs/heads/staging.lock");
      Files.delete(lock);
      assertThat(cli.revParse("staging")).isEqualTo(head.hex());
    }

    @Test
    void a_fresh_lock_held_by_another_writer_is_a_conflict() throws Exception {
      CommitId head = heads().staging();
      CommitId commit = ok(staging.writeProposalCommit(head, writing("p-1", "One", "a.sql"), AUTHOR));
      Path lock = dir.resolve("lane.git/refs/heads/staging.lock");
      Files.writeString(lock, "");

      PortFailure failure = failure(staging.moveStaging(head, commit));

      Files.delete(lock);
      assertThat(failure.kind()).isEqualTo(Kind.CONFLICT);
      assertThat(cli.revParse("staging")).isEqualTo(head.hex());
    }

    @Test
    void a_missing_object_is_reported_as_damage() throws Exception {
      apply(writing("p-1", "One", "models/a.sql"));
      String tree = cli.revParse("staging^{tree}");
      Path object = dir.resolve("lane.git/objects/" + tree.substring(0, 2) + "/" + tree.substring(2));
      byte[] saved = Files.readAllBytes(object);
      Files.delete(object);
      try {
        PortFailure failure = failure(staging.readBatch());
        assertThat(failure.kind()).isEqualTo(Kind.REPOSITORY_DAMAGED);
        assertThat(failure.message()).contains(tree);
      } finally {
        Files.write(object, saved);
      }
    }

    @Test
    void a_working_tree_is_refused() {
      Path work = dir.resolve("work");
      GitCli.exec(java.util.List.of("git", "init", "--quiet", work.toString()), null);
      PortFailure failure = failure(GitStaging.open(work, Fixtures.CONFIG));
      assertThat(failure.kind()).isEqualTo(Kind.REPOSITORY_DAMAGED);
      assertThat(failure.message()).contains("not a bare repository");
      PortFailure gitDir = failure(GitStaging.open(work.resolve(".git"), Fixtures.CONFIG));
      assertThat(gitDir.kind()).isEqualTo(Kind.REPOSITORY_DAMAGED);
    }

    @Test
    void a_missing_repository_or_branch_is_not_found() {
      assertThat(failure(GitStaging.open(dir.resolve("nowhere.git"), Fixtures.CONFIG)).kind()).isEqualTo(Kind.NOT_FOUND);
      GitStaging other = GitStaging.open(dir.resolve("lane.git"),
          io.platinur.git.GitLaneConfig.of(Fixtures.MAIN, io.platinur.domain.repository.BranchName.of("staging-eu"))).get();
      try {
        PortFailure failure = failure(other.staging().heads());
        assertThat(failure.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(failure.message()).contains("refs/heads/staging-eu");
      } finally {
        other.close();
      }
    }

    @Test
    void a_commit_on_staging_that_is_not_a_proposal_makes_the_batch_unreadable() {
      String tree = cli.revParse("staging^{tree}");
      String stranger = cli.run("commit-tree", tree, "-p", "staging", "-m", "hand-made").strip();
      ok(staging.moveStaging(heads().staging(), CommitId.of(stranger)));
      PortFailure failure = failure(staging.readBatch());
      assertThat(failure.kind()).isEqualTo(Kind.REPOSITORY_DAMAGED);
      assertThat(failure.message()).contains(stranger.substring(0, 7));
    }
  }
}
