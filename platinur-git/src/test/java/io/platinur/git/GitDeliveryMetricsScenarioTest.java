package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.metrics.DeliveryMetricsService;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.metrics.DeliveryKeys;
import io.platinur.domain.metrics.DeliveryLedger;
import io.platinur.domain.metrics.DeliveryScope;
import io.platinur.domain.metrics.MetricsFilter;
import io.platinur.domain.metrics.MetricsWindow;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's scenario on one real bare repository, through the use cases: the seed scenario's two
 * batches released by Sync Promotions, the second reverted on production; a digest climbing dev →
 * staging → prod twice, its second canary failing and rolled back. Then the four keys, each
 * asserted: the lane's exactly (its times are the host's clock), the digest's against the times the
 * git command line reads from the repository.
 */
class GitDeliveryMetricsScenarioTest {
  private static final ServiceName API = ServiceName.of("api");
  private static final EnvironmentName DEV = EnvironmentName.of("dev");
  private static final EnvironmentName STAGING = EnvironmentName.of("staging");
  private static final EnvironmentName PROD = EnvironmentName.of("prod");
  private static final ImageDigest BUILT = GitDigestPromotionTest.BUILT;
  private static final ImageDigest SECOND = ImageDigest.of("sha256:" + "d6".repeat(32));

  @TempDir Path dir;
  private final Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(20));
  private final AtomicReference<Instant> now = new AtomicReference<>(base);
  private final AtomicReference<CanaryVerdict> verdict = new AtomicReference<>(CanaryVerdict.RUNNING);

  private Instant at(int minutes) {
    now.set(base.plus(Duration.ofMinutes(minutes)));
    return now.get();
  }

  private CommitAuthor ada() {
    return new CommitAuthor("Ada", "ada@example.com", now.get());
  }

  private static <T> T ok(Either<?, T> result) {
    assertThat(result.isRight()).as("%s", result).isTrue();
    return result.get();
  }

  @Test
  void the_four_keys_of_the_demo_scenario() throws Exception {
    GitStaging git = Fixtures.init(dir);
    Path bare = dir.resolve("lane.git");
    GitDigestPromotionTest.seedGitOpsLayout(bare, dir.resolve("work"));
    GitCli cli = new GitCli(bare);
    LaneConfiguration.Builder config = LaneConfiguration.builder();
    config.stagingBranch(Fixtures.STAGING).productionBranch(Fixtures.MAIN).addStagingSchemas("analytics_staging").addProductionSchemas("analytics");
    StagingLaneService lane = new StagingLaneService(config.build(), git.staging(), git.laneStateStore(), git.offlineHost().pullRequests(), now::get);
    DigestPromotionService digests = GitDigestPromotionTest.digests(git.gitOps(Fixtures.MAIN, PinLayout.standard()),
        commit -> Either.right(CiState.GREEN), (target, digest) -> Either.right(verdict.get()), now::get);

    // the seed scenario: two disjoint proposals released; the third, overlapping, in a second batch
    at(0);
    ok(lane.apply(Fixtures.writing("p-1", "Add orders model", "models/orders.sql"), ada()));
    at(5);
    ok(lane.apply(Fixtures.writing("p-2", "Add customers model", "models/customers.sql"), ada()));
    at(10);
    PromotionPullRequest first = ok(lane.openPromotionPr(Actor.of("ana")));
    ok(git.offlineHost().pullRequests().merge(first.number(), ok(lane.lane()).stagingHead()));
    at(40);
    ok(lane.syncPromotions(Actor.of("ana")));
    at(60);
    ok(lane.apply(Fixtures.writing("p-3", "Rework orders", "models/orders.sql", "models/schema.yml"), ada()));
    at(70);
    PromotionPullRequest second = ok(lane.openPromotionPr(Actor.of("ana")));
    CommitId secondMerge = ok(git.offlineHost().pullRequests().merge(second.number(), ok(lane.lane()).stagingHead()));
    at(90);
    ok(lane.syncPromotions(Actor.of("ana")));
    // the second release fails in production: a revert written at 120 min, pushed at 135
    revert(bare, secondMerge, base.plus(Duration.ofMinutes(120)), base.plus(Duration.ofMinutes(135)));

    // the digest act: BUILT climbs to prod; SECOND follows and its canary fails
    ok(digests.promote(PromoteRequest.of(API, STAGING), Actor.of("ana")));
    ok(digests.sync(Actor.of("cron")));
    ok(digests.promote(PromoteRequest.of(API, PROD), Actor.of("ana")));
    ok(digests.complete(new PromotionTarget(API, PROD), Actor.of("ana")));
    verdict.set(CanaryVerdict.PASSED);
    ok(digests.complete(new PromotionTarget(API, PROD), Actor.of("cron")));
    build(bare, SECOND);
    ok(digests.promote(PromoteRequest.of(API, STAGING), Actor.of("ana")));
    ok(digests.sync(Actor.of("cron")));
    verdict.set(CanaryVerdict.RUNNING);
    ok(digests.promote(PromoteRequest.of(API, PROD), Actor.of("ana")));
    ok(digests.complete(new PromotionTarget(API, PROD), Actor.of("ana")));
    verdict.set(CanaryVerdict.FAILED);
    ok(digests.complete(new PromotionTarget(API, PROD), Actor.of("cron")));
    ok(digests.sync(Actor.of("cron")));

    DeliveryMetricsService metrics = new DeliveryMetricsService(git.deliveryHistory(Fixtures.MAIN, PinLayout.standard(), DEV));
    MetricsWindow window = new MetricsWindow(base.minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofHours(1)));
    DeliveryLedger ledger = ok(metrics.refresh()).ledger();
    assertThat(ledger.problems()).isEmpty();

    DeliveryKeys staging = ledger.keys(DeliveryScope.lane(BranchName.of("staging")), window);
    assertThat(staging.deployments()).isEqualTo(2);
    assertThat(staging.leadTime().samples()).containsExactly(Duration.ofMinutes(30), Duration.ofMinutes(35), Duration.ofMinutes(40));
    assertThat(staging.leadTime().median()).contains(Duration.ofMinutes(35));
    assertThat(staging.leadTimeFromCommit().samples()).isEqualTo(staging.leadTime().samples());
    assertThat(staging.changeFailureRate().failed()).isEqualTo(1);
    assertThat(staging.changeFailureRate().rate()).contains(0.5);
    assertThat(staging.timeToRestore().samples()).containsExactly(Duration.ofMinutes(15));

    StoreTimes store = new StoreTimes(cli);
    long builtAt = Long.parseLong(cli.run("log", "--reverse", "--format=%ct", "main", "--", "environments/dev/api/values.yaml").lines().findFirst().get());
    long secondAt = Long.parseLong(cli.run("log", "-1", "--format=%ct", "main", "--", "environments/dev/api/values.yaml").strip());
    DeliveryKeys dev = ledger.keys(DeliveryScope.target(new PromotionTarget(API, DEV)), window);
    assertThat(dev.deployments()).as("the layout's pin and the second build").isEqualTo(2);
    DeliveryKeys intoStaging = ledger.keys(DeliveryScope.target(new PromotionTarget(API, STAGING)), window);
    assertThat(intoStaging.deployments()).isEqualTo(2);
    assertThat(intoStaging.leadTime().samples()).containsExactlyInAnyOrder(
        Duration.ofSeconds(store.reached("api", "staging", BUILT) - builtAt), Duration.ofSeconds(store.reached("api", "staging", SECOND) - secondAt));
    DeliveryKeys prod = ledger.keys(DeliveryScope.target(new PromotionTarget(API, PROD)), window);
    assertThat(prod.deployments()).isEqualTo(2);
    assertThat(prod.leadTime().samples()).containsExactlyInAnyOrder(
        Duration.ofSeconds(store.reached("api", "prod", BUILT) - builtAt), Duration.ofSeconds(store.reached("api", "prod", SECOND) - secondAt));
    assertThat(prod.changeFailureRate().failed()).isEqualTo(1);
    assertThat(prod.changeFailureRate().deployments()).isEqualTo(2);
    assertThat(prod.timeToRestore().samples()).containsExactly(
        Duration.ofSeconds(store.first("rolled-back\tapi\tprod") - store.first("rolling-back\tapi\tprod")));

    // the command-level view agrees, and a window before anything happened says so
    assertThat(ok(metrics.report(window, MetricsFilter.all())).scopes().map(s -> s.scope().describe()))
        .containsExactly("lane staging", "api → dev", "api → prod", "api → staging", "web → dev");
    assertThat(metrics.report(new MetricsWindow(base.minus(Duration.ofDays(30)), base.minus(Duration.ofDays(29))), MetricsFilter.all())
        .getLeft().message()).startsWith("Nothing was deployed, failed or restored between ");
    git.close();
  }

  /** Reverts {@code merge} (its first parent kept) on main: written at {@code written}, pushed straight at {@code pushed}. */
  private void revert(Path bare, CommitId merge, Instant written, Instant pushed) throws Exception {
    Path work = dir.resolve("revert");
    try (Git clone = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(work.toFile()).setBranch("main").call()) {
      // what `git revert -m 1 <merge>` writes: the release's files back as before it, and the message naming the merge
      String before;
      try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(clone.getRepository())) {
        before = walk.parseCommit(ObjectId.fromString(merge.hex())).getParent(0).name();
      }
      clone.checkout().setStartPoint(before).addPath("models/orders.sql").call();
      clone.rm().addFilepattern("models/schema.yml").call();
      clone.commit().setMessage("Revert \"Rework orders\"\n\nThis reverts commit " + merge.hex() + ", reversing\nchanges made to " + before + ".\n")
          .setAuthor(new PersonIdent("Ops", "ops@example.com", written, ZoneOffset.UTC))
          .setCommitter(new PersonIdent("Ops", "ops@example.com", pushed, ZoneOffset.UTC)).call();
      clone.push().setRemote("origin").add("main").call();
    }
  }

  /** A new build of api lands in dev: one commit on main that changes only the pin. */
  private void build(Path bare, ImageDigest digest) throws Exception {
    Path work = dir.resolve("build");
    try (Git clone = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(work.toFile()).setBranch("main").call()) {
      io.platinur.domain.proposal.RepoPath pin = PinLayout.standard().pinPath(DEV, API);
      Path file = work.resolve(pin.value());
      java.nio.file.Files.write(file, YamlScalarEditor.write(pin, java.nio.file.Files.readAllBytes(file), PinLayout.standard().key(), digest.value()).get());
      clone.add().addFilepattern(pin.value()).call();
      PersonIdent ci = new PersonIdent("CI", "ci@example.com");
      clone.commit().setMessage("Build api").setAuthor(ci).setCommitter(ci).call();
      clone.push().setRemote("origin").add("main").call();
    }
  }

  /** The digest promotions' store as the git command line reads it: each commit's time and its promotions file. */
  private static final class StoreTimes {
    private final java.util.List<String[]> commits = new java.util.ArrayList<>();

    StoreTimes(GitCli cli) {
      for (String line : cli.run("log", "--reverse", "--format=%H %ct", GitDigestPromotionStore.REF).strip().split("\n")) {
        String[] parts = line.split(" ");
        commits.add(new String[] {parts[1], cli.run("show", parts[0] + ":promotions")});
      }
    }

    /** The first commit whose file has a line starting with {@code prefix}. */
    long first(String prefix) {
      return commits.stream().filter(c -> c[1].lines().anyMatch(line -> line.startsWith(prefix))).map(c -> Long.parseLong(c[0])).findFirst().orElseThrow();
    }

    /** When the file first records {@code digest} merged into {@code env} (merged, in canary, promoted or rolling back). */
    long reached(String service, String env, ImageDigest digest) {
      return commits.stream().filter(c -> c[1].lines().anyMatch(line -> line.matches("(merged|canary|promoted|rolling-back|rolled-back)\t"
          + service + "\t" + env + "\t[a-z]+\t" + digest.value() + "\t.*"))).map(c -> Long.parseLong(c[0])).findFirst().orElseThrow();
    }
  }
}
