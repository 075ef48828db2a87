package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.digest.PromotionBoard;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.digest.PromotionSync;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.EnvironmentDrift;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.gate.CiState;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.PortFailure;
import io.platinur.testkit.GitCli;
import io.vavr.collection.List;
import io.vavr.collection.SortedMap;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real bare repository, cross-checked with the git command line: a sync adopts the promotion
 * PR a host opened but could not record; the board reports drift between environment directories.
 */
class GitDigestRepairTest {
  private static final ServiceName API = ServiceName.of("api");
  private static final EnvironmentName DEV = EnvironmentName.of("dev");
  private static final EnvironmentName STAGING = EnvironmentName.of("staging");
  private static final EnvironmentName PROD = EnvironmentName.of("prod");

  @TempDir Path dir;
  private Path bare;
  private GitCli git;

  @BeforeEach
  void seed() throws IOException {
    Fixtures.init(dir).close();
    bare = dir.resolve("lane.git");
    git = new GitCli(bare);
    GitDigestPromotionTest.seedGitOpsLayout(bare, dir.resolve("work"));
  }

  private DigestPromotionService service(GitStaging staging, DigestPromotionStore store) {
    GitOpsRepository gitops = staging.gitOps(Fixtures.MAIN, PinLayout.standard());
    return DigestPromotionService.builder(gitops,
            io.platinur.port.ForgePorts.builder(gitops.offlineHost()).reviews(GitDigestPromotionTest.NO_REVIEWS)
                .ci(commit -> Either.right(CiState.GREEN)).build(),
            (target, digest) -> Either.left(PortFailure.of(PortFailure.Kind.UNAVAILABLE, "no canary here")))
        .path(GitDigestPromotionTest.PATH).store(store).clock(Instant::now).backoff(io.platinur.port.RetryBackoff.none()).build();
  }

  private static <T> T ok(Either<? extends UseCaseFailure<?>, T> result) {
    assertThat(result.isRight()).as("succeeded, but: %s", result.isLeft() ? result.getLeft().message() : "").isTrue();
    return result.get();
  }

  @Test
  void a_promotion_pr_whose_save_failed_is_adopted_by_sync_and_merged_by_the_next() {
    try (GitStaging staging = GitStaging.open(bare, Fixtures.CONFIG).get()) {
      DigestPromotionStore real = staging.digestPromotionStore();
      AtomicBoolean down = new AtomicBoolean(true);
      DigestPromotionStore failing = new DigestPromotionStore() {
        @Override
        public Either<PortFailure, io.vavr.control.Option<Stored>> load() {
          return real.load();
        }

        @Override
        public Either<PortFailure, Stored> save(io.vavr.control.Option<String> expected, io.vavr.collection.Seq<DigestPromotion> latest,
            io.vavr.collection.Seq<io.platinur.domain.digest.DigestPromotionEvent> events, io.platinur.port.AuditEntry audit) {
          return down.get() ? Either.left(PortFailure.of(PortFailure.Kind.UNAVAILABLE, "the store is down")) : real.save(expected, latest, events, audit);
        }

        @Override
        public Either<PortFailure, io.vavr.collection.Seq<io.platinur.port.DigestPromotionChange>> history(
            io.vavr.control.Option<String> before, int limit) {
          return real.history(before, limit);
        }
      };
      assertThat(service(staging, failing).promote(PromoteRequest.of(API, STAGING), Actor.of("ada")).isLeft()).isTrue();
      assertThat(real.load().get()).isEmpty();
      assertThat(git.run("rev-parse", "--verify", "-q", "platinur/promote/api/staging")).isNotBlank();

      down.set(false);
      DigestPromotionService service = service(staging, real);
      PromotionSync repaired = ok(service.sync(Actor.of("cron")));
      assertThat(repaired.closed()).isEmpty();
      PromotionTarget apiStaging = new PromotionTarget(API, STAGING);
      DigestPromotion.PrOpen adopted = (DigestPromotion.PrOpen) ok(service.promotions()).latest(apiStaging).get();
      assertThat(adopted.pr()).isEqualTo(PullRequestNumber.of(1));

      ok(service.sync(Actor.of("cron")));
      assertThat(ok(service.promotions()).latest(apiStaging).get()).isInstanceOf(DigestPromotion.Promoted.class);
      assertThat(git.run("show", "main:environments/staging/api/values.yaml"))
          .contains("digest: \"" + GitDigestPromotionTest.BUILT + "\"");
      git.assertFsckClean();
    }
  }

  @Test
  void the_board_names_files_other_than_values_overlays_that_differ_between_environments() throws IOException {
    Path work = dir.resolve("work");
    Files.writeString(work.resolve("environments/prod/api/chart.yaml"), "name: api\nversion: 1.0.1\n", StandardCharsets.UTF_8);
    Files.writeString(work.resolve("environments/dev/api/debug.yaml"), "debug: true\n", StandardCharsets.UTF_8);
    git.run("--work-tree=" + work, "add", "-A");
    git.run("--work-tree=" + work, "-c", "user.name=Ops", "-c", "user.email=ops@example.com", "commit", "-q", "-m", "drift");
    try (GitStaging staging = GitStaging.open(bare, Fixtures.CONFIG).get()) {
      DigestPromotionService service = service(staging, staging.digestPromotionStore());
      PromotionBoard board = ok(service.board());
      assertThat(board.drift().map(EnvironmentDrift.DriftedFile::message)).containsExactly(
          "api/chart.yaml differs between environments; environments may differ only in their values overlays.",
          "api/debug.yaml differs between environments (missing in prod, staging); environments may differ only in their values overlays.");

      SortedMap<EnvironmentName, SortedMap<String, String>> files = staging.gitOps(Fixtures.MAIN, PinLayout.standard()).pins()
          .environmentFiles(board.snapshot().commit(), List.of(DEV, STAGING, PROD, EnvironmentName.of("qa"))).get();
      for (EnvironmentName env : List.of(DEV, STAGING, PROD)) {
        String listed = git.run("ls-tree", "-r", "main", "environments/" + env + "/");
        String expected = List.of(listed.strip().split("\n"))
            .map(line -> line.split("\t")[1].substring(("environments/" + env + "/").length()) + " " + line.split(" ")[2].split("\t")[0])
            .sorted().mkString("\n");
        assertThat(files.get(env).get().map(file -> file._1 + " " + file._2).mkString("\n")).as("%s", env).isEqualTo(expected);
      }
      assertThat(files.get(EnvironmentName.of("qa")).get()).as("no directory, no files").isEmpty();
    }
  }
}
