package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotions;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.PromoteRejection;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackReason;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.digest.StepPolicy;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PinSnapshot;
import io.platinur.port.PullRequestReviews;
import io.platinur.testkit.GitCli;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promote by digest on a real bare repository, cross-checked with the git command line. */
class GitDigestPromotionTest {
  static final ServiceName API = ServiceName.of("api");
  private static final ServiceName WEB = ServiceName.of("web");
  private static final EnvironmentName DEV = EnvironmentName.of("dev");
  static final EnvironmentName STAGING = EnvironmentName.of("staging");
  static final EnvironmentName PROD = EnvironmentName.of("prod");
  static final ImageDigest BUILT = ImageDigest.of("sha256:" + "a1".repeat(32));
  private static final ImageDigest OLD = ImageDigest.of("sha256:" + "b2".repeat(32));
  private static final ImageDigest MID = ImageDigest.of("sha256:" + "c3".repeat(32));
  /** dev → staging on green CI; staging → prod through a canary. */
  static final PromotionPath PATH = PromotionPath.start(DEV)
      .then(STAGING, StepPolicy.automatic())
      .then(PROD, StepPolicy.builder().canaryTimeout(Option.some(Duration.ofMinutes(30))).build())
      .buildOrThrow();
  static final PullRequestReviews NO_REVIEWS = PullRequestReviews.none("platinur");

  @TempDir Path dir;
  private Path bare;
  private GitCli git;
  private final AtomicReference<CanaryVerdict> verdict = new AtomicReference<>(CanaryVerdict.RUNNING);
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

  @BeforeEach
  void seed() throws IOException {
    Fixtures.init(dir).close();
    bare = dir.resolve("lane.git");
    git = new GitCli(bare);
    seedGitOpsLayout(bare, dir.resolve("work"));
  }

  /** Commits the GitOps layout (api and web in dev, staging and prod) on main of {@code bare}. */
  static void seedGitOpsLayout(Path bare, Path workDirectory) throws IOException {
    GitCli git = new GitCli(bare);
    Path work = Files.createDirectories(workDirectory);
    for (EnvironmentName env : List.of(DEV, STAGING, PROD)) {
      ImageDigest api = env.equals(PROD) ? OLD : env.equals(STAGING) ? MID : BUILT;
      write(work, "environments/" + env + "/api/values.yaml",
          "# api in " + env + "\nreplicas: " + (env.equals(PROD) ? 3 : 1) + "   # scale\nimage:\n  repository: 'registry.example/api'\n"
              + "  digest: \"" + api + "\"  # pinned by Platinur\n  pullPolicy: IfNotPresent\nresources: &res {cpu: 100m}\n");
      write(work, "environments/" + env + "/web/values.yaml", "image: {repository: web, digest: " + (env.equals(DEV) ? BUILT : OLD) + "}\r\n");
      write(work, "environments/" + env + "/api/chart.yaml", "name: api\nversion: 1.0.0\n");
    }
    git.run("--work-tree=" + work, "add", "-A");
    git.run("--work-tree=" + work, "-c", "user.name=Ops", "-c", "user.email=ops@example.com", "commit", "-q", "-m", "GitOps layout");
  }

  private static void write(Path root, String path, String content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private DigestPromotionService service(GitStaging staging) {
    return digests(staging.gitOps(Fixtures.MAIN, PinLayout.standard()), commit -> Either.right(CiState.GREEN),
        (target, digest) -> Either.right(verdict.get()), now::get);
  }

  /** Promote by digest on {@code gitops}'s offline host, with no reviews, {@code ci} and {@code canary}, retrying at once. */
  static DigestPromotionService digests(GitOpsRepository gitops, io.platinur.port.ContinuousIntegration ci,
      io.platinur.port.CanaryAnalysis canary, io.platinur.port.TimeSource time) {
    return DigestPromotionService.builder(gitops, io.platinur.port.ForgePorts.builder(gitops.offlineHost()).reviews(NO_REVIEWS).ci(ci).build(), canary)
        .path(PATH).clock(time).backoff(io.platinur.port.RetryBackoff.none()).build();
  }

  private static <T> T ok(Either<? extends UseCaseFailure<?>, T> result) {
    assertThat(result.isRight()).as("succeeded, but: %s", result.isLeft() ? result.getLeft().message() : "").isTrue();
    return result.get();
  }

  private ImageDigest pin(GitStaging staging, EnvironmentName env, ServiceName service) {
    return staging.gitOps(Fixtures.MAIN, PinLayout.standard()).pins().current().get().pins().pin(env, service).get();
  }

  private void assertOneChangedLine(String commit, String file) {
    assertThat(git.run("diff", "--numstat", commit + "^1", commit).strip()).isEqualTo("1\t1\t" + file);
  }

  @Test
  void reads_every_pin_and_reports_files_it_cannot_read() throws IOException {
    try (GitStaging staging = GitStaging.open(bare, Fixtures.CONFIG).get()) {
      PinSnapshot snapshot = staging.gitOps(Fixtures.MAIN, PinLayout.standard()).pins().current().get();
      assertThat(snapshot.commit().hex()).isEqualTo(git.revParse("main"));
      assertThat(snapshot.pins().pin(PROD, API)).contains(OLD);
      assertThat(snapshot.pins().pin(DEV, WEB)).contains(BUILT);
      assertThat(snapshot.pins().services()).containsExactly(API, WEB);
      assertThat(snapshot.problems()).isEmpty();
    }
  }

  @Test
  void a_digest_climbs_to_prod_and_a_failed_canary_reverts_it_one_changed_line_each_time() throws Exception {
    try (GitStaging staging = GitStaging.open(bare, Fixtures.CONFIG).get()) {
      DigestPromotionService service = service(staging);
      DigestPromotion.PrOpen toStaging = ok(service.promote(PromoteRequest.of(API, STAGING), Actor.of("ada")));
      assertOneChangedLine("platinur/promote/api/staging", "environments/staging/api/values.yaml");
      assertThat(git.run("diff", "platinur/promote/api/staging^1", "platinur/promote/api/staging"))
          .contains("-  digest: \"" + MID + "\"  # pinned by Platinur").contains("+  digest: \"" + BUILT + "\"  # pinned by Platinur");
      assertThat(ok(service.sync(Actor.of("cron"))).events()).isNotEmpty();
      assertThat(pin(staging, STAGING, API)).isEqualTo(BUILT);
      assertThat(toStaging.pr()).isEqualTo(PullRequestNumber.of(1));

      ok(service.promote(PromoteRequest.of(API, PROD), Actor.of("ada")));
      String branchCommit = git.revParse("platinur/promote/api/prod");
      assertOneChangedLine(branchCommit, "environments/prod/api/values.yaml");
      assertThat(git.run("show", branchCommit + ":environments/prod/api/values.yaml")).isEqualTo(
          "# api in prod\nreplicas: 3   # scale\nimage:\n  repository: 'registry.example/api'\n"
              + "  digest: \"" + BUILT + "\"  # pinned by Platinur\n  pullPolicy: IfNotPresent\nresources: &res {cpu: 100m}\n");
      PromotionTarget apiProd = new PromotionTarget(API, PROD);
      assertThat(ok(service.complete(apiProd, Actor.of("ada")))).isInstanceOf(DigestPromotion.Canary.class);
      assertThat(pin(staging, PROD, API)).isEqualTo(BUILT);
      String merge = git.revParse("main");
      assertOneChangedLine(merge, "environments/prod/api/values.yaml");

      verdict.set(CanaryVerdict.FAILED);
      DigestPromotion rolling = ok(service.complete(apiProd, Actor.of("cron")));
      assertThat(rolling).isInstanceOf(DigestPromotion.RollingBack.class);
      assertThat(git.run("log", "-1", "--format=%B", "platinur/rollback/api/prod")).contains("This reverts commit " + merge);
      assertOneChangedLine("platinur/rollback/api/prod", "environments/prod/api/values.yaml");
      ok(service.sync(Actor.of("cron")));
      assertThat(ok(service.promotions()).latest(apiProd).get()).isInstanceOf(DigestPromotion.RolledBack.class);
      assertThat(pin(staging, PROD, API)).isEqualTo(OLD);
      assertThat(git.run("diff", merge + "^1", "main").strip()).as("the revert restores the file byte for byte").isEmpty();
      git.assertFsckClean();
    }
  }

  @Test
  void two_hosts_promoting_the_same_target_open_one_pr_and_different_services_both() throws Exception {
    // two repository handles on one bare repository: two processes as far as refs and locks go
    try (GitStaging one = GitStaging.open(bare, Fixtures.CONFIG).get(); GitStaging two = GitStaging.open(bare, Fixtures.CONFIG).get()) {
      List<Either<UseCaseFailure<PromoteRejection>, DigestPromotion.PrOpen>> same = race(service(one), service(two), API, API);
      assertThat(same.filter(Either::isRight).map(r -> r.get().pr())).containsExactly(PullRequestNumber.of(1));
      assertThat(same.filter(Either::isLeft).map(r -> r.getLeft().message()))
          .containsExactly("A promotion of api to staging is already open: PR #1. Merge or close it before promoting again.");
      assertThat(git.run("for-each-ref", "--format=%(refname)", "refs/platinur/pulls/").lines().count()).isEqualTo(1);

      List<Either<UseCaseFailure<PromoteRejection>, DigestPromotion.PrOpen>> different = race(service(one), service(two), API, WEB);
      assertThat(git.run("for-each-ref", "--format=%(refname)", "refs/platinur/pulls/").lines().count()).isEqualTo(2);
      DigestPromotions stored = ok(service(one).promotions());
      assertThat(stored.latest().keySet()).containsExactly(new PromotionTarget(API, STAGING), new PromotionTarget(WEB, STAGING));
      assertThat(different.map(r -> r.isLeft() ? r.getLeft().message() : "PR " + r.get().pr()))
          .containsExactly("A promotion of api to staging is already open: PR #1. Merge or close it before promoting again.", "PR #2");
      git.assertFsckClean();
    }
  }

  private List<Either<UseCaseFailure<PromoteRejection>, DigestPromotion.PrOpen>> race(
      DigestPromotionService first, DigestPromotionService second, ServiceName a, ServiceName b) throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Either<UseCaseFailure<PromoteRejection>, DigestPromotion.PrOpen>> x = pool.submit(() -> {
        barrier.await();
        return first.promote(PromoteRequest.of(a, STAGING), Actor.of("host-1"));
      });
      Future<Either<UseCaseFailure<PromoteRejection>, DigestPromotion.PrOpen>> y = pool.submit(() -> {
        barrier.await();
        return second.promote(PromoteRequest.of(b, STAGING), Actor.of("host-2"));
      });
      return List.of(x.get(), y.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void works_over_a_remote_each_host_with_its_own_cache() throws Exception {
    GitRemote remote = GitRemote.of(bare.toUri().toString());
    try (GitStaging host = GitStaging.openWithRemote(dir.resolve("host-1.git"), remote, Fixtures.CONFIG).get();
        GitStaging other = GitStaging.openWithRemote(dir.resolve("host-2.git"), remote, Fixtures.CONFIG).get()) {
      ok(service(host).promote(PromoteRequest.of(API, STAGING), Actor.of("host-1")));
      Either<UseCaseFailure<PromoteRejection>, DigestPromotion.PrOpen> second = service(other).promote(PromoteRequest.of(API, STAGING), Actor.of("host-2"));
      assertThat(second.getLeft().message()).isEqualTo("A promotion of api to staging is already open: PR #1. Merge or close it before promoting again.");
    }
    try (GitStaging other = GitStaging.openWithRemote(dir.resolve("host-2.git"), remote, Fixtures.CONFIG).get()) {
      ok(service(other).sync(Actor.of("host-2")));
      assertThat(pin(other, STAGING, API)).isEqualTo(BUILT);
    }
    assertThat(git.run("show", "main:environments/staging/api/values.yaml")).contains("digest: \"" + BUILT + "\"");
    git.assertFsckClean();
  }

  @Test
  void the_store_reads_back_every_state() throws Exception {
    Promotion promotion = new Promotion(new PromotionTarget(API, PROD), STAGING, BUILT, Option.some(OLD));
    Promotion first = new Promotion(new PromotionTarget(WEB, DEV), STAGING, BUILT, Option.none());
    CommitId merge = CommitId.of("1".repeat(40));
    PullRequestNumber pr = PullRequestNumber.of(4);
    for (DigestPromotion state : List.<DigestPromotion>of(
        new DigestPromotion.Proposed(first), new DigestPromotion.PrOpen(promotion, pr), new DigestPromotion.Merged(promotion, pr, merge),
        new DigestPromotion.Canary(promotion, pr, merge, Instant.parse("2026-12-01T10:00:00Z")), new DigestPromotion.Promoted(promotion, pr, merge),
        new DigestPromotion.Withdrawn(promotion, pr), new DigestPromotion.RollingBack(promotion, pr, merge, PullRequestNumber.of(5), RollbackReason.CANARY_TIMED_OUT),
        new DigestPromotion.RolledBack(promotion, pr, merge, PullRequestNumber.of(5), RollbackReason.REQUESTED, CommitId.of("2".repeat(40))))) {
      assertThat(DigestCodec.decode(DigestCodec.encode(List.of(state)))).containsExactly(state);
    }
    assertThatThrownBy(() -> DigestCodec.decode("open\tapi\n")).isInstanceOf(LaneCodec.Unreadable.class);
  }
}
