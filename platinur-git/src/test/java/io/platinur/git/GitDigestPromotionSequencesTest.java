package io.platinur.git;

import static io.platinur.testkit.model.DigestPromotionRun.AUTHOR;
import static io.platinur.testkit.model.DigestPromotionRun.DEV;
import static io.platinur.testkit.model.DigestPromotionRun.INITIAL;
import static io.platinur.testkit.model.DigestPromotionRun.MAIN;
import static io.platinur.testkit.model.DigestPromotionRun.PATH;
import static io.platinur.testkit.model.DigestPromotionRun.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.DigestDeployment;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotions;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.forge.Review;
import io.platinur.domain.forge.ReviewState;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.DigestDeployments;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.PinnedDigests;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.platinur.port.PullRequestReviews;
import io.platinur.testkit.model.DigestGenerators;
import io.platinur.testkit.model.DigestPromotionRun;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Climbs of {@link DigestPromotionRun} with random commands slipped in, fewer and shorter, on a real bare repository:
 * pins, promotion and rollback branches, offline PRs and the promotion store all in Git. After
 * every step, every new promotion or rollback commit and every merge of one changes exactly one
 * line, the pin's, as {@code git diff --numstat} shows; at the end {@code git fsck --strict} is
 * clean. Deployment statuses come from a CD pipeline that deploys each merged pin at once (at the
 * run's clock), reviews from a small forge of its own.
 */
class GitDigestPromotionSequencesTest {
  @TempDir Path dir;

  /** The service on a bare repository, reviews and deployments kept beside it. */
  static final class GitWorld implements DigestPromotionRun.World {
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final AtomicReference<CiState> ci = new AtomicReference<>(CiState.GREEN);
    private final Map<PromotionTarget, CanaryVerdict> verdicts = new HashMap<>();
    private final Map<PullRequestNumber, Seq<Review>> reviews = new HashMap<>();
    private Seq<DigestDeployment> deployed = List.empty();
    private Pins known = INITIAL;
    private final Set<String> checked = new HashSet<>();
    final GitOpsWork repo;
    /** The bare repository as JGit reads it, for the branch list after each step. */
    private final org.eclipse.jgit.lib.Repository refs;
    private final GitStaging staging;
    private final GitOpsRepository pins;
    private final PullRequestHost pulls;
    private final DigestPromotionService service;
    int commitsChecked;

    GitWorld(GitOpsWork seeded, Path dir) {
      repo = GitOpsWork.copyOf(seeded, dir);
      try {
        refs = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(repo.bare.toFile()).build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      staging = GitStaging.open(repo.bare, Fixtures.CONFIG).get();
      pins = staging.gitOps(MAIN, PinLayout.standard());
      INITIAL.byEnvironment().forEach((env, services) -> services.forEach((service, digest) ->
          deployed = deployed.append(new DigestDeployment(env, service, digest, DeploymentState.SUCCESS, T0.minus(Duration.ofDays(1))))));
      pulls = new Deploying(staging.offlineHost().pullRequests());
      PullRequestReviews forgeReviews = new PullRequestReviews() {
        @Override
        public Either<PortFailure, Seq<Review>> reviews(PullRequestNumber pr) {
          return Either.right(GitWorld.this.reviews.getOrDefault(pr, List.empty()));
        }

        @Override
        public Either<PortFailure, String> author(PullRequestNumber pr) {
          return Either.right(AUTHOR);
        }
      };
      io.platinur.port.ForgePorts forge = io.platinur.port.ForgePorts.builder(staging.offlineHost())
          .pullRequests(pulls).reviews(forgeReviews).ci(commit -> Either.right(ci.get())).digestDeployments(deployments()).build();
      service = DigestPromotionService.builder(staging.gitOps(MAIN, PinLayout.standard()), forge,
              (target, digest) -> Either.right(verdicts.getOrDefault(target, CanaryVerdict.RUNNING)))
          .path(PATH).clock(now::get).backoff(io.platinur.port.RetryBackoff.none()).build();
    }

    /** The offline PR host, and a CD pipeline that deploys whatever a merge pins, healthy, at once. */
    private final class Deploying implements PullRequestHost {
      private final PullRequestHost host;

      Deploying(PullRequestHost host) {
        this.host = host;
      }

      @Override
      public Either<PortFailure, PromotionPullRequest> openPromotionPr(BranchName head, BranchName base, String title, String body) {
        return host.openPromotionPr(head, base, title, body);
      }

      @Override
      public Either<PortFailure, Option<PromotionPullRequest>> findOpenPromotionPr(BranchName head, BranchName base) {
        return host.findOpenPromotionPr(head, base);
      }

      @Override
      public Either<PortFailure, PullRequestState> state(PullRequestNumber pr) {
        return host.state(pr);
      }

      @Override
      public Either<PortFailure, CommitId> merge(PullRequestNumber pr, CommitId expectedHead) {
        Either<PortFailure, CommitId> merged = host.merge(pr, expectedHead);
        merged.forEach(commit -> deployNewPins());
        return merged;
      }

      @Override
      public Either<PortFailure, PullRequestState> close(PullRequestNumber pr) {
        return host.close(pr);
      }
    }

    private synchronized void deployNewPins() {
      Pins after = pins.pins().current().get().pins();
      after.byEnvironment().forEach((env, services) -> services.forEach((service, digest) -> {
        if (!known.pin(env, service).contains(digest)) {
          deployed = deployed.append(new DigestDeployment(env, service, digest, DeploymentState.SUCCESS, now.get()));
        }
      }));
      known = after;
    }

    @Override
    public DigestPromotionService service() {
      return service;
    }

    @Override
    public PinnedDigests pins() {
      return pins.pins();
    }

    @Override
    public PullRequestHost pullRequests() {
      return pulls;
    }

    @Override
    public DigestDeployments deployments() {
      return (environment, service) -> Either.right(deployedOf(environment, service));
    }

    private synchronized Seq<DigestDeployment> deployedOf(EnvironmentName environment, ServiceName service) {
      return deployed.filter(d -> d.environment().equals(environment) && d.service().equals(service)).sortBy(DigestDeployment::at);
    }

    @Override
    public DigestPromotionStore store() {
      return staging.digestPromotionStore();
    }

    @Override
    public void build(ServiceName service, ImageDigest digest) {
      repo.commit("main", Map.of(PinLayout.standard().pinPath(DEV, service).value(), GitOpsWork.valuesFile(DEV, service, digest)),
          "Build " + service + " " + digest.abbreviated());
      deployNewPins();
      deploymentStatus(DEV, service, digest, DeploymentState.SUCCESS);
    }

    @Override
    public synchronized void deploymentStatus(EnvironmentName environment, ServiceName service, ImageDigest digest, DeploymentState state) {
      deployed = deployed.append(new DigestDeployment(environment, service, digest, state, now.get()));
    }

    @Override
    public void ci(CiState state) {
      ci.set(state);
    }

    @Override
    public void approve(PullRequestNumber pr, String reviewer) {
      CommitId head = ((PullRequestState.Open) pulls.state(pr).get()).head();
      reviews.merge(pr, List.of(new Review(reviewer, ReviewState.APPROVED, head, now.get())), Seq::appendAll);
    }

    @Override
    public void canary(PromotionTarget target, CanaryVerdict verdict) {
      verdicts.put(target, verdict);
    }

    @Override
    public void advance(Duration by) {
      now.set(now.get().plus(by));
    }

    /** Every promotion or rollback commit, and every merge of one, changes exactly the pin's line. */
    @Override
    public void checkAfterStep(DigestPromotions promotions) {
      Map<String, String> branchHeads = new HashMap<>(); // commit → the pin file its branch changes
      try {
        for (org.eclipse.jgit.lib.Ref ref : refs.getRefDatabase().getRefsByPrefix("refs/heads/platinur/")) {
          String[] name = ref.getName().substring("refs/heads/platinur/".length()).split("/");
          branchHeads.put(ref.getObjectId().name(), PinLayout.standard().pinPath(EnvironmentName.of(name[2]), ServiceName.of(name[1])).value());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (PromotionTarget target : promotions.latest().keySet()) {
        DigestPromotion promotion = promotions.latest(target).get();
        promotion.<Option<CommitId>>fold(p -> Option.none(), o -> Option.none(), m -> Option.some(m.mergeCommit()),
            c -> Option.some(c.mergeCommit()), p -> Option.some(p.mergeCommit()), w -> Option.none(), r -> Option.some(r.mergeCommit()),
            r -> Option.some(r.revertCommit()))
            .forEach(merge -> branchHeads.put(merge.hex(), PinLayout.standard().pinPath(target.environment(), target.service()).value()));
        if (promotion instanceof DigestPromotion.RolledBack rolled) {
          branchHeads.put(rolled.mergeCommit().hex(), PinLayout.standard().pinPath(target.environment(), target.service()).value());
        }
      }
      branchHeads.forEach((commit, file) -> {
        if (checked.add(commit)) {
          assertThat(repo.git.run("diff", "--numstat", commit + "^1", commit).strip()).as("git diff of %s", commit).isEqualTo("1\t1\t" + file);
          commitsChecked++;
        }
      });
    }

    @Override
    public void close() {
      refs.close();
      staging.close();
    }
  }

  @Test
  void the_same_sequences_on_a_bare_repository_change_one_line_per_commit_and_leave_it_valid() {
    DigestPromotionRun.Coverage coverage = new DigestPromotionRun.Coverage();
    AtomicInteger runs = new AtomicInteger();
    GitOpsWork seeded = GitOpsWork.seed(dir.resolve("seeded"), INITIAL);
    AtomicInteger commits = new AtomicInteger();
    qt().withExamples(50).withShrinkCycles(20)
        .forAll(DigestGenerators.climbs(2))
        .checkAssert(commands -> {
          Path run = dir.resolve("run-" + runs.incrementAndGet());
          try {
            Files.createDirectories(run);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          GitWorld world = new GitWorld(seeded, run);
          try (world) {
            DigestPromotionRun.run(world, commands, coverage);
          }
          world.repo.git.assertFsckClean();
          commits.addAndGet(world.commitsChecked);
        });
    assertThat(commits.get()).as("promotion, rollback and merge commits checked with git diff").isPositive();
    assertThat(coverage.steps()).isGreaterThanOrEqualTo(50 * 10);
  }
}
