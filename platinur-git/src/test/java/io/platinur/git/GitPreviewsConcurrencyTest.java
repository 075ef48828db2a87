package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.preview.PreviewEnvironmentService;
import io.platinur.application.preview.PreviewReport;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.preview.PreviewInventory;
import io.platinur.domain.preview.PreviewLayout;
import io.platinur.domain.preview.PreviewPolicy;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.testkit.memory.InMemoryPreviewResources;
import io.platinur.testkit.memory.InMemoryPullRequests;
import io.vavr.Tuple;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hosts, each with its own clone of one remote GitOps repository, reconcile at the same moment
 * while pull requests open, move and close. Whatever the interleaving, the previews come out as if
 * one host had reconciled alone: none lost, none doubled, every reaped one cleaned up.
 */
class GitPreviewsConcurrencyTest {
  static final int ROUNDS = 4;

  @TempDir Path dir;

  static CommitId head(int pr, int round) {
    return CommitId.of(String.format("%02x%02x", pr, round).repeat(10));
  }

  static ImageDigest build(CommitId head) {
    return ImageDigest.of("sha256:" + head.hex() + head.hex().substring(0, 24));
  }

  @Test
  void two_hosts_reconciling_at_once_on_one_remote_lose_and_double_no_preview() throws Exception {
    GitOpsRepo repo = GitOpsRepo.create(dir);
    String start = repo.git.revParse("main");
    AtomicReference<Instant> clock = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    InMemoryPullRequests pulls = new InMemoryPullRequests(clock::get);
    InMemoryPreviewResources resources = new InMemoryPreviewResources();
    List<GitPreviews> hosts = List.range(0, 2).map(host -> GitPreviews.openWithRemote(dir.resolve("host-" + host + ".git"),
        GitRemote.of(repo.bare.toUri().toString()), BranchName.of("main"), PreviewLayout.standard()).get());
    List<PreviewEnvironmentService> services = hosts.map(host ->
        PreviewEnvironmentService.builder(host, pulls, pulls).cleanup(resources).clock(clock::get).maxAttempts(20).build());
    ExecutorService threads = Executors.newFixedThreadPool(2);
    int reaped = 0;
    try {
      for (int round = 0; round < ROUNDS; round++) {
        clock.set(clock.get().plusSeconds(600));
        // each round: two pull requests open, one moves to a new head, one closes (from round 1)
        for (int pr = 2 * round + 1; pr <= 2 * round + 2; pr++) {
          pulls.open(pr, "main", head(pr, round));
          pulls.build(head(pr, round), build(head(pr, round)));
        }
        if (round > 0) {
          pulls.push(2 * round, head(2 * round, round));
          pulls.build(head(2 * round, round), build(head(2 * round, round)));
          pulls.close(2 * round - 1);
          reaped++;
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Either<UseCaseFailure<NoRefusal>, PreviewReport>>> running = services.map(service -> threads.submit(() -> {
          go.await();
          return service.reconcile();
        }));
        go.countDown();
        for (Future<Either<UseCaseFailure<NoRefusal>, PreviewReport>> result : running) {
          assertThat(result.get(60, TimeUnit.SECONDS).isRight()).as("round %s: %s", round, result.get()).isTrue();
        }
        PreviewInventory stored = hosts.head().previewStore().load().get().inventory();
        stored.previews().values().forEach(resources::provision);
        assertThat(stored.previews().values().map(p -> Tuple.of(p.pr().value(), p.headCommit())))
            .as("round %s", round)
            .containsExactlyElementsOf(pulls.open().map(pr -> Tuple.of(pr.number().value(), pr.headCommit())));
        assertThat(stored.pendingCleanups()).as("round %s", round).isEmpty();
        assertThat(resources.live().map(t -> t._1)).containsExactlyElementsOf(stored.previews().keySet());
        assertThat(repo.git.run("ls-tree", "--name-only", "main", "previews/").lines().toList())
            .containsExactlyElementsOf(List.of("previews/README.md").appendAll(
                List.ofAll(stored.previews().keySet()).map(n -> "previews/pr-" + n.value())).sorted());
      }
    } finally {
      threads.shutdownNow();
      hosts.forEach(GitPreviews::close);
    }
    assertThat(resources.cleanupCalls()).isGreaterThanOrEqualTo(reaped);
    // every Platinur commit touched only preview directories, and each round's change was written once
    for (String commit : repo.git.run("rev-list", start + "..main").lines().toList()) {
      assertThat(repo.git.changedFiles(commit + "^", commit)).allSatisfy(path -> assertThat(path).startsWith("previews/pr-"));
    }
    assertThat(Integer.parseInt(repo.git.run("rev-list", "--count", start + "..main").strip())).isEqualTo(ROUNDS);
    repo.git.assertFsckClean();
  }
}
