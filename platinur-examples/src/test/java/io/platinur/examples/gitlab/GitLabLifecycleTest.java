package io.platinur.examples.gitlab;

import static io.platinur.examples.gitlab.GitLabLifecycle.API;
import static io.platinur.examples.gitlab.GitLabLifecycle.DEV;
import static io.platinur.examples.gitlab.GitLabLifecycle.PROD;
import static io.platinur.examples.gitlab.GitLabLifecycle.REWORK;
import static io.platinur.examples.gitlab.GitLabLifecycle.STAGING;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.lane.SyncResult;
import io.platinur.domain.Actor;
import io.platinur.domain.card.CardStatus;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.forge.ForgeWords;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.examples.GitOpsFixture;
import io.platinur.testkit.GitCli;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import io.platinur.gitlab.GitLabCredentials;
import io.platinur.gitlab.GitLabPlatform;
import io.platinur.gitlab.GitLabSettings;
import io.platinur.gitlab.RetryBudget;
import io.platinur.testkit.forge.FakeGitLab;
import io.platinur.testkit.forge.ForgeRepository;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle end to end on GitLab, through {@link GitLabLifecycle} and the GitLab adapter, on
 * the testkit's fake GitLab serving real bare repositories.
 */
class GitLabLifecycleTest {
  static final String TOKEN = "glpat-LifecycleTest01234567";
  static final BranchName STAGING_BRANCH = BranchName.of("staging");
  static final BranchName MAIN = BranchName.of("main");
  static final GitLaneConfig GIT_CONFIG = GitLaneConfig.of(MAIN, STAGING_BRANCH);

  @TempDir
  Path dir;
  final AtomicLong seconds = new AtomicLong();
  final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
  ForgeRepository repository;
  FakeGitLab fake;

  GitLabPlatform connect(String project) {
    return GitLabPlatform.connect(GitLabSettings.builder().apiEndpoint(fake.apiEndpoint()).project(project)
        .credentials(GitLabCredentials.projectAccessToken(TOKEN)).retryBudget(RetryBudget.FAIL_FAST).build());
  }

  @AfterEach
  void stop() {
    if (fake != null) {
      assertThat(fake.unhandled()).as("requests the fake GitLab does not model").isEmpty();
      fake.close();
      repository.close();
    }
  }

  CommitAuthor ana() {
    return new CommitAuthor("Ana", "ana@example.com", Instant.parse("2026-11-24T09:00:00Z").plusSeconds(seconds.incrementAndGet()));
  }

  static String rejection(Either<? extends UseCaseFailure<?>, ?> outcome) {
    assertThat(outcome.isLeft()).as("expected a rejection, got %s", outcome).isTrue();
    return ForgeWords.GITLAB.say(outcome.getLeft().message());
  }

  @Nested
  class the_seed_scenario {
    @Test
    void walks_apply_overlap_lock_merge_and_sync_with_every_message_in_gitlabs_words() throws Exception {
      GitStaging.init(dir.resolve("gitlab.git"), GIT_CONFIG, ana()).get().close();
      repository = ForgeRepository.open(dir.resolve("gitlab.git"));
      fake = FakeGitLab.start(repository, "acme/analytics", TOKEN);
      GitLabPlatform gitlab = connect("acme/analytics");
      new GitCli(dir.resolve("lane.git")).run("clone", "--quiet", "--bare", dir.resolve("gitlab.git").toString(), dir.resolve("lane.git").toString());
      try (GitStaging lane = GitStaging.open(dir.resolve("lane.git"), GIT_CONFIG).get()) {
        LaneConfiguration config = LaneConfiguration.builder().stagingBranch(STAGING_BRANCH).productionBranch(MAIN)
            .addStagingSchemas("analytics_staging").addProductionSchemas("analytics").build();
        StagingLaneService service = new StagingLaneService(config, lane.staging(), lane.laneStateStore(), gitlab.pullRequests(),
            () -> Instant.parse("2026-11-24T10:00:00Z").plusSeconds(seconds.incrementAndGet()));
        GitLabLifecycle life = new GitLabLifecycle(gitlab, out, () -> Instant.parse("2026-11-24T10:00:00Z"));
        GitCli laneGit = new GitCli(dir.resolve("lane.git"));
        GitCli hostGit = new GitCli(dir.resolve("gitlab.git"));
        String start = laneGit.revParse("main");

        CommitId staged = life.stage(service, this::author);
        assertThat(laneGit.subjects("main..staging")).containsExactly("Add orders model", "Add customers model");
        assertThat(fake.requests()).as("nothing asks GitLab before a merge request is opened").isEmpty();

        new GitCli(dir.resolve("lane.git")).run("push", "--quiet", dir.resolve("gitlab.git").toString(), "refs/heads/" + STAGING_BRANCH.name() + ":refs/heads/" + STAGING_BRANCH.name());
        PromotionPullRequest mr = life.openPromotion(service, this::author);
        assertThat(mr.number()).isEqualTo(PullRequestNumber.of(1));
        assertThat(mr.headCommit()).isEqualTo(staged);
        assertThat(mr.webUrl().map(Object::toString)).contains("https://gitlab.example.com/acme/analytics/-/merge_requests/1");
        assertThat(rejection(service.apply(REWORK, author())))
            .isEqualTo("A promotion merge request is open. Merge or close it in GitLab before applying more staging changes.");
        assertThat(ForgeWords.GITLAB.say(service.cards(List.of(REWORK)).get().head().status().label()))
            .isEqualTo("Waiting for open merge request");
        assertThat(service.openPromotionPr(Actor.of("ana")).get().number()).as("opening again reuses the open merge request").isEqualTo(mr.number());
        assertThat(fake.count("POST", "/merge_requests$")).isEqualTo(1);

        CommitId merge = life.merge(mr);
        assertThat(hostGit.revParse("main")).isEqualTo(merge.hex());
        assertThat(hostGit.run("rev-list", "--parents", "-n", "1", "main").strip()).isEqualTo(merge.hex() + " " + start + " " + staged.hex());

        // GitLab's main has the merge; the lane's main does not yet: the lane waits for main sync
        new GitCli(dir.resolve("lane.git")).run("fetch", "--quiet", dir.resolve("gitlab.git").toString(), "refs/heads/main:refs/remotes/gitlab/main");
        SyncResult waiting = life.sync(service);
        assertThat(waiting.lane().lock()).isEqualTo(new ReleaseLock.AwaitingMainSync(mr.number(), merge));
        assertThat(rejection(service.apply(REWORK, author())))
            .isEqualTo("A merged promotion is being finalized from GitLab main. Sync Promotions before applying another staging change.");
        assertThat(service.cards(List.of(REWORK)).get().head().status()).isEqualTo(CardStatus.WAITING_FOR_MAIN_SYNC);

        new GitCli(dir.resolve("lane.git")).run("fetch", "--quiet", dir.resolve("gitlab.git").toString(), "refs/heads/main:refs/heads/main");
        SyncResult synced = life.sync(service);
        assertThat(synced.lane().lock().isLocked()).isFalse();
        assertThat(synced.lane().deployed()).containsExactlyInAnyOrder(ProposalId.of("p-1"), ProposalId.of("p-2"));
        assertThat(laneGit.revParse("staging")).isEqualTo(merge.hex());
        assertThat(service.apply(REWORK, author()).isRight()).as("the next batch stages the overlapping proposal").isTrue();

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(
            "  ✗ rejected: Proposal ‘Add orders model’ is already staged and also changes models/orders.sql. "
                + "Promote or discard the staged batch before staging this proposal.",
            "  ✓ promotion merge request !1 opened at " + staged.abbreviated(),
            "  ✗ rejected: A promotion merge request is open. Merge or close it in GitLab before applying more staging changes.",
            "  ✓ merged in GitLab as " + merge.abbreviated(),
            "  ✓ synced: the batch is deployed, staging is reset to main and unlocked");
        laneGit.assertFsckClean();
        hostGit.assertFsckClean();
      }
    }

    CommitAuthor author() {
      return ana();
    }
  }

  @Nested
  class a_digest_climbing_to_prod {
    final ImageDigest built = ImageDigest.of("sha256:" + "a1b2c3d4".repeat(8));
    final ImageDigest inStaging = ImageDigest.of("sha256:" + "5e6f7081".repeat(8));
    final ImageDigest inProd = ImageDigest.of("sha256:" + "92a3b4c5".repeat(8));
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-24T10:00:00Z"));
    final AtomicReference<CanaryVerdict> canary = new AtomicReference<>(CanaryVerdict.RUNNING);

    void advance(Duration by) {
      now.set(now.get().plus(by));
      fake.at(now.get());
    }

    CommitId head(GitLabPlatform gitlab, PullRequestNumber mr) {
      return ((PullRequestState.Open) gitlab.pullRequests().state(mr).get()).head();
    }

    String mainHead() {
      return repository.head("main").orElseThrow();
    }

    @Test
    void is_promoted_by_merge_requests_and_a_failed_canary_is_rolled_back() throws Exception {
      GitOpsFixture.create(dir.resolve("gitops.git"),
          Pins.none().with(DEV, API, built).with(STAGING, API, inStaging).with(PROD, API, inProd), now.get());
      repository = ForgeRepository.open(dir.resolve("gitops.git"));
      fake = FakeGitLab.start(repository, "acme/gitops", TOKEN);
      fake.at(now.get());
      GitLabPlatform gitlab = connect("acme/gitops");
      GitLabLifecycle life = new GitLabLifecycle(gitlab, out, now::get);
      try (GitStaging git = GitStaging.open(dir.resolve("gitops.git"), GitOpsFixture.config()).get()) {
        DigestPromotionService digests = life.digestPromotions(git, MAIN, GitLabLifecycle.canary(canary::get));
        io.platinur.git.GitOpsRepository pins = git.gitOps(MAIN, PinLayout.standard());
        fake.deployment("dev", mainHead(), "success", now.get());

        // dev → staging: the merge request merges by itself once its pipeline is green
        advance(Duration.ofMinutes(1));
        DigestPromotion.PrOpen toStaging = life.promote(digests, STAGING);
        life.syncDigests(digests);
        assertThat(fake.state(toStaging.pr().value())).as("no pipeline yet, so no merge").isEqualTo("opened");
        fake.pipeline(head(gitlab, toStaging.pr()).hex(), "success");
        life.syncDigests(digests);
        assertThat(fake.state(toStaging.pr().value())).isEqualTo("merged");
        assertThat(pins.pins().current().get().pins().pin(STAGING, API)).contains(built);
        fake.deployment("staging", mainHead(), "success", now.get());

        // staging → prod: a green pipeline, an approval of the head (never the author's) and an hour of soak
        advance(Duration.ofMinutes(10));
        DigestPromotion.PrOpen toProd = life.promote(digests, PROD);
        CommitId prodHead = head(gitlab, toProd.pr());
        fake.pipeline(prodHead.hex(), "success");
        advance(Duration.ofMinutes(5));
        String blocked = life.complete(digests, PROD).getLeft().message();
        assertThat(blocked).startsWith("PR #" + toProd.pr().value() + " promoting api to prod cannot merge yet: ")
            .contains("Needs 1 approval of head " + prodHead.abbreviated() + "; has 0.")
            .contains("must be deployed healthy in staging for 1 h before entering prod");
        fake.approve(toProd.pr().value(), "platinur-bot", now.get());
        fake.approve(toProd.pr().value(), "mona", now.get());
        advance(Duration.ofHours(1));
        DigestPromotion inCanary = life.complete(digests, PROD).get();
        assertThat(inCanary).isInstanceOf(DigestPromotion.Canary.class);
        assertThat(fake.state(toProd.pr().value())).isEqualTo("merged");
        assertThat(pins.pins().current().get().pins().pin(PROD, API)).contains(built);

        // the canary fails: a revert merge request rolls prod back, and merges on a green pipeline
        canary.set(CanaryVerdict.FAILED);
        DigestPromotion rolling = life.complete(digests, PROD).get();
        assertThat(rolling).isInstanceOf(DigestPromotion.RollingBack.class);
        PullRequestNumber revert = ((DigestPromotion.RollingBack) rolling).revertPr();
        fake.pipeline(head(gitlab, revert).hex(), "success");
        life.syncDigests(digests);
        assertThat(fake.state(revert.value())).isEqualTo("merged");
        assertThat(pins.pins().current().get().pins().pin(PROD, API)).contains(inProd);
        assertThat(pins.pins().current().get().pins().pin(STAGING, API)).contains(built);
        assertThat(fake.count("POST", "/merge_requests$")).as("one merge request per step, none twice").isEqualTo(3);
        new GitCli(dir.resolve("gitops.git")).assertFsckClean();
      }
    }
  }
}
