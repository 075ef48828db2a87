package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.preview.PreviewEnvironmentService;
import io.platinur.application.preview.PreviewReport;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.preview.PreviewHold;
import io.platinur.domain.preview.PreviewLayout;
import io.platinur.domain.preview.PreviewPolicy;
import io.platinur.domain.preview.UnmanagedDirectory;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.PreviewStore;
import io.platinur.testkit.memory.InMemoryPreviewResources;
import io.platinur.testkit.memory.InMemoryPullRequests;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Previews in a real GitOps repository, driven through the use case and checked with the git command line. */
class GitPreviewsTest {
  static final CommitId HEAD_A = CommitId.of("a1".repeat(20));
  static final CommitId HEAD_B = CommitId.of("b2".repeat(20));
  static final ImageDigest BUILD_A = ImageDigest.of("sha256:" + "a1".repeat(32));
  static final ImageDigest BUILD_B = ImageDigest.of("sha256:" + "b2".repeat(32));

  @TempDir Path dir;
  GitOpsRepo repo;
  GitPreviews previews;
  final AtomicReference<Instant> clock = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
  final InMemoryPullRequests pulls = new InMemoryPullRequests(clock::get);
  final InMemoryPreviewResources resources = new InMemoryPreviewResources();
  PreviewEnvironmentService service;

  @BeforeEach
  void open() {
    repo = GitOpsRepo.create(dir);
    previews = GitPreviews.open(repo.bare, BranchName.of("main"), PreviewLayout.standard()).get();
    service = PreviewEnvironmentService.builder(previews, pulls, pulls).cleanup(resources).clock(clock::get).build();
    pulls.build(HEAD_A, BUILD_A);
    pulls.build(HEAD_B, BUILD_B);
  }

  @AfterEach
  void close() {
    previews.close();
  }

  @Test
  void a_reconcile_is_one_commit_writing_only_under_the_previews_directory() {
    String before = repo.git.revParse("main");
    pulls.open(4, "main", HEAD_A);
    pulls.open(7, "main", HEAD_B);
    assertThat(service.reconcile().get().plan().creates()).hasSize(2);

    String after = repo.git.revParse("main");
    assertThat(repo.git.run("rev-list", "--count", before + ".." + after).strip()).isEqualTo("1");
    assertThat(repo.git.changedFiles(before, after)).containsExactly("previews/pr-4/values.yaml", "previews/pr-7/values.yaml");
    assertThat(repo.git.run("log", "-1", "--format=%s", "main").strip()).isEqualTo("Previews: 2 created");
    assertThat(repo.show("main:previews/pr-4/values.yaml")).isEqualTo("""
        # Preview environment of pull request #4, kept by Platinur.
        # Platinur rewrites this file and deletes this directory when the preview is reaped.
        platinur:
          preview:
            pullRequest: 4
            headCommit: "%s"
            created: "2026-12-01T10:00:00Z"
            updated: "2026-12-01T10:00:00Z"
        image:
          digest: "%s"
        """.formatted(HEAD_A.hex(), BUILD_A.value()));
    repo.git.assertFsckClean();

    assertThat(service.reconcile().get().written()).isFalse();
    assertThat(repo.git.revParse("main")).isEqualTo(after);
  }

  @Test
  void a_reap_deletes_the_directory_and_records_the_pending_cleanup_in_the_same_atomic_move() {
    pulls.open(4, "main", HEAD_A);
    service.reconcile().get();
    String created = repo.git.revParse("main");
    pulls.close(4);
    resources.injectFaults(call -> {
      throw new IllegalStateException("crash before the cleanup");
    });
    try {
      service.reconcile();
    } catch (IllegalStateException expected) {
      // the host died between the Git write and the cleanup
    }
    assertThat(repo.git.changedFiles(created, "main")).containsExactly("previews/pr-4/values.yaml");
    assertThat(repo.git.tryRun("cat-file", "-e", "main:previews/pr-4").exit()).isNotZero();
    assertThat(repo.show("refs/platinur/previews/main:pending")).startsWith("platinur-previews-pending 1\n4 " + HEAD_A.hex());

    resources.injectFaults(io.platinur.testkit.memory.InMemoryForge.Faults.NONE);
    PreviewReport completed = service.reconcile().get();
    assertThat(completed.cleanedUp()).hasSize(1);
    assertThat(repo.show("refs/platinur/previews/main:pending")).isEqualTo("platinur-previews-pending 1\n");
    assertThat(repo.git.revParse("main")).isNotEqualTo(created);
    repo.git.assertFsckClean();
  }

  @Test
  void a_directory_platinur_did_not_write_is_reported_and_left_alone_even_when_its_pull_request_closes() {
    repo.pushFile("previews/pr-4/values.yaml", "image:\n  digest: \"sha256:" + "c".repeat(64) + "\"\n", "Hand-made preview");
    repo.pushFile("previews/pr-5/values.yaml", "platinur:\n  preview:\n    pullRequest: five\n", "Broken preview");
    repo.pushFile("previews/pr-06/values.yaml", "x: 1\n", "Odd name");
    pulls.open(4, "main", HEAD_A);
    pulls.open(5, "main", HEAD_A);
    PreviewReport report = service.reconcile().get();
    assertThat(report.written()).isFalse();
    assertThat(report.plan().leftAlone().map(UnmanagedDirectory::message)).containsExactly(
        "previews/pr-06 is left alone: Platinur did not create it (Platinur does not name directories so).",
        "previews/pr-4 is left alone: Platinur did not create it (its values file has no Platinur mark).",
        "previews/pr-5 is left alone: it does not parse (previews/pr-5/values.yaml: platinur.preview.pullRequest is not a pull request number).");
    assertThat(report.plan().holds().map(PreviewHold::reason))
        .containsExactly(PreviewHold.Reason.DIRECTORY_OCCUPIED, PreviewHold.Reason.DIRECTORY_OCCUPIED);

    String before = repo.git.revParse("main");
    pulls.close(4);
    pulls.close(5);
    assertThat(service.reconcile().get().written()).isFalse();
    assertThat(repo.git.revParse("main")).isEqualTo(before);
  }

  @Test
  void a_values_file_edited_by_hand_but_still_complete_reads_back_as_platinur_s_preview() {
    repo.pushFile("previews/pr-8/values.yaml", "image:\n  digest: '" + BUILD_A.value() + "'   # pinned\n"
        + "platinur:\n  preview:\n    updated: 2026-12-01T10:00:00Z\n    created: 2026-12-01T10:00:00Z\n"
        + "    headCommit: " + HEAD_A.hex() + "\n    pullRequest: 8\n", "Reformatted by hand");
    pulls.open(8, "main", HEAD_A);
    PreviewReport report = service.reconcile().get();
    assertThat(report.plan().leftAlone()).isEmpty();
    assertThat(report.written()).isFalse();
    assertThat(previews.previewStore().load().get().inventory().previews().get(PullRequestNumber.of(8)).get().digest()).isEqualTo(BUILD_A);
  }

  @Test
  void a_write_from_a_stale_read_is_a_conflict_and_moves_nothing() {
    PreviewStore store = previews.previewStore();
    PreviewStore.StoredPreviews stale = store.load().get();
    repo.pushFile("environments/prod/app/values.yaml", "image:\n  digest: \"sha256:" + "d".repeat(64) + "\"\n", "Promote prod");
    String head = repo.git.revParse("main");
    pulls.open(4, "main", HEAD_A);
    PortFailure failure = store.write(stale.version(), service.plan().get().actions(), clock.get()).getLeft();
    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.CONFLICT);
    assertThat(repo.git.revParse("main")).isEqualTo(head);
  }

  @Test
  void a_new_head_rewrites_the_values_file_keeping_its_creation_time() {
    pulls.open(4, "main", HEAD_A);
    service.reconcile().get();
    clock.set(clock.get().plusSeconds(3600));
    pulls.push(4, HEAD_B);
    assertThat(service.reconcile().get().plan().updates()).hasSize(1);
    String values = repo.show("main:previews/pr-4/values.yaml");
    assertThat(values).contains("headCommit: \"" + HEAD_B.hex() + "\"", "created: \"2026-12-01T10:00:00Z\"",
        "updated: \"2026-12-01T11:00:00Z\"", "digest: \"" + BUILD_B.value() + "\"");
    assertThat(previews.previewStore().load().get().inventory().previews().get(PullRequestNumber.of(4)).get().headCommit()).isEqualTo(HEAD_B);
  }
}
