package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.gate.CiState;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promote by digest through C Git's own server ({@link GitHttpServer}): two hosts, each with its
 * own cache, carry one promotion from dev to prod and roll it back after a failed canary.
 */
class GitHttpDigestPromotionTest {
  @TempDir Path dir;
  GitHttpServer server;
  io.platinur.testkit.GitCli cli;
  final AtomicReference<CanaryVerdict> verdict = new AtomicReference<>(CanaryVerdict.RUNNING);

  @BeforeEach
  void start() throws IOException {
    Fixtures.init(dir.resolve("srv")).close();
    GitDigestPromotionTest.seedGitOpsLayout(dir.resolve("srv/lane.git"), dir.resolve("work"));
    server = GitHttpServer.start(dir.resolve("srv"), GitHttpRemoteTest.USER, GitHttpRemoteTest.SECRET.toCharArray());
    cli = new io.platinur.testkit.GitCli(dir.resolve("srv/lane.git"));
  }

  @AfterEach
  void stop() {
    server.close();
    cli.assertFsckClean();
  }

  GitStaging host(String name) {
    return GitStaging.openWithRemote(dir.resolve(name + "-cache.git"),
        server.remote("lane.git", GitHttpRemoteTest.SECRET.toCharArray()), Fixtures.CONFIG)
        .getOrElseThrow(f -> new AssertionError(f.toString()));
  }

  DigestPromotionService service(GitStaging git) {
    return GitDigestPromotionTest.digests(git.gitOps(Fixtures.MAIN, PinLayout.standard()), commit -> Either.right(CiState.GREEN),
        (target, digest) -> Either.right(verdict.get()), Instant::now);
  }

  static <T> T ok(Either<? extends UseCaseFailure<?>, T> result) {
    assertThat(result.isRight()).as("succeeded, but: %s", result.isLeft() ? result.getLeft().message() : "").isTrue();
    return result.get();
  }

  String pinnedLine(String environment) {
    return cli.run("show", "main:environments/" + environment + "/api/values.yaml").lines()
        .filter(line -> line.contains("digest:")).findFirst().orElseThrow();
  }

  @Test
  void two_hosts_carry_a_digest_to_prod_and_roll_it_back_through_the_server() {
    try (GitStaging one = host("a"); GitStaging two = host("b")) {
      DigestPromotionService a = service(one);
      DigestPromotionService b = service(two);
      String prodBefore = pinnedLine("prod");

      ok(a.promote(PromoteRequest.of(GitDigestPromotionTest.API, GitDigestPromotionTest.STAGING), Actor.of("ana")));
      assertThat(b.promote(PromoteRequest.of(GitDigestPromotionTest.API, GitDigestPromotionTest.STAGING), Actor.of("bo")).getLeft().message())
          .isEqualTo("A promotion of api to staging is already open: PR #1. Merge or close it before promoting again.");
      assertThat(ok(b.sync(Actor.of("bo"))).events()).isNotEmpty();
      assertThat(pinnedLine("staging")).contains(GitDigestPromotionTest.BUILT.toString());

      ok(b.promote(PromoteRequest.of(GitDigestPromotionTest.API, GitDigestPromotionTest.PROD), Actor.of("bo")));
      PromotionTarget apiProd = new PromotionTarget(GitDigestPromotionTest.API, GitDigestPromotionTest.PROD);
      assertThat(ok(a.complete(apiProd, Actor.of("ana")))).isInstanceOf(DigestPromotion.Canary.class);
      String merge = cli.revParse("main");
      assertThat(pinnedLine("prod")).contains(GitDigestPromotionTest.BUILT.toString());

      verdict.set(CanaryVerdict.FAILED);
      assertThat(ok(b.complete(apiProd, Actor.of("bo")))).isInstanceOf(DigestPromotion.RollingBack.class);
      ok(a.sync(Actor.of("ana")));
      assertThat(ok(b.promotions()).latest(apiProd).get()).isInstanceOf(DigestPromotion.RolledBack.class);
      assertThat(pinnedLine("prod")).isEqualTo(prodBefore);
      assertThat(cli.run("diff", merge + "^1", "main").strip()).as("the revert restores the file byte for byte").isEmpty();
    }
  }

  @Test
  void a_gitops_repository_with_only_its_gitops_branch_opens_and_promotes_through_the_server() {
    cli.run("update-ref", "-d", "refs/heads/staging");
    GitRemote remote = server.remote("lane.git", GitHttpRemoteTest.SECRET.toCharArray());
    assertThat(GitStaging.openWithRemote(dir.resolve("lane-cache.git"), remote, Fixtures.CONFIG).isLeft())
        .as("a lane's fetch asks for its staging branch, which a GitOps repository lacks").isTrue();

    try (GitStaging gitops = GitStaging.openGitOpsWithRemote(dir.resolve("gitops-cache.git"), remote, Fixtures.MAIN)
        .getOrElseThrow(f -> new AssertionError(f.toString()))) {
      DigestPromotionService service = service(gitops);
      ok(service.promote(PromoteRequest.of(GitDigestPromotionTest.API, GitDigestPromotionTest.STAGING), Actor.of("ana")));
      ok(service.sync(Actor.of("ana")));
      assertThat(pinnedLine("staging")).contains(GitDigestPromotionTest.BUILT.toString());
      assertThat(cli.run("for-each-ref", "--format=%(refname)", "refs/heads/")).isEqualTo("refs/heads/main\nrefs/heads/platinur/promote/api/staging\n");
    }
  }
}
