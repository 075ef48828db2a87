package io.platinur.cli.demo;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.digest.PromotionBoard;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.digest.StepPolicy;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.forge.Review;
import io.platinur.domain.gate.CiState;
import io.platinur.git.GitStaging;
import io.platinur.git.OfflineReviews;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Promote by digest on real Git, as the second act of {@code platinur demo} prints it: a digest
 * built once climbs dev → staging → prod through PRs on a GitOps repository, a tag and a skip are
 * refused, prod waits for an approval (never its author's), a canary failure rolls the next build
 * back by reverting its promotion, and a PR closed unmerged moves nothing. Run it on its own with
 * {@code main(new-or-empty-directory)}.
 *
 * <p>There is no forge: the PRs and their reviews live in the repository itself
 * ({@code GitStaging.offlinePullRequestsOpenedBy}, {@code GitStaging.offlineReviews()}). With
 * GitHub, use {@link PromotionPath#standard()} and {@code GitHubPlatform.reviews()}.
 */
public final class DigestPromotionDemo {
  static final ServiceName API = ServiceName.of("api");
  static final ServiceName WEB = ServiceName.of("web");
  static final EnvironmentName DEV = EnvironmentName.of("dev");
  static final EnvironmentName STAGING = EnvironmentName.of("staging");
  static final EnvironmentName PROD = EnvironmentName.of("prod");
  static final ImageDigest FIRST_BUILD = ImageDigest.of("sha256:" + "a1b2c3d4".repeat(8));
  static final ImageDigest IN_STAGING = ImageDigest.of("sha256:" + "5e6f7081".repeat(8));
  static final ImageDigest IN_PROD = ImageDigest.of("sha256:" + "92a3b4c5".repeat(8));
  static final ImageDigest SECOND_BUILD = ImageDigest.of("sha256:" + "d6e7f809".repeat(8));
  static final ImageDigest WEB_BUILD = ImageDigest.of("sha256:" + "0f1e2d3c".repeat(8));

  /** dev → staging on green CI; staging → prod with one approval, then through a 30-minute canary. */
  public static PromotionPath path() {
    return PromotionPath.start(DEV)
        .then(STAGING, StepPolicy.automatic())
        .then(PROD, StepPolicy.builder().mergesAutomatically(false).requiredApprovals(1)
            .canaryTimeout(Option.some(Duration.ofMinutes(30))).build())
        .buildOrThrow();
  }

  /** Who promotes (and so opens the PRs), who reviews them, and who syncs. */
  static final Actor ANA = Actor.of("ana");
  static final String LISA = "lisa";
  private static final Actor CRON = Actor.of("cron");

  private final Path workDir;
  private final PrintStream out;
  private final Clock clock;
  private final AtomicReference<CanaryVerdict> canary = new AtomicReference<>(CanaryVerdict.RUNNING);
  private int step;

  public DigestPromotionDemo(Path workDir, PrintStream out, Clock clock) {
    this.workDir = workDir;
    this.out = out;
    this.clock = clock;
  }

  public static void main(String[] args) throws IOException {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("platinur-digest-demo-");
    new DigestPromotionDemo(dir, System.out, Clock.systemUTC()).run();
  }

  public void run() throws IOException {
    Path repo = workDir.resolve("gitops.git");
    DemoGitOpsRepository.create(repo, Pins.none()
        .with(DEV, API, FIRST_BUILD).with(STAGING, API, IN_STAGING).with(PROD, API, IN_PROD)
        .with(DEV, WEB, WEB_BUILD).with(STAGING, WEB, WEB_BUILD).with(PROD, WEB, WEB_BUILD), clock.instant());
    try (GitStaging git = GitStaging.open(repo, DemoGitOpsRepository.config()).getOrElseThrow(f -> new IOException(f.message()))) {
      io.platinur.git.GitOpsRepository gitops = git.gitOps(DemoGitOpsRepository.MAIN, PinLayout.standard());
      OfflineReviews reviews = git.offlineReviews();
      DigestPromotionService service = DigestPromotionService.builder(gitops,
              io.platinur.port.ForgePorts.builder(gitops.offlineHost()).pullRequests(git.offlinePullRequestsOpenedBy(ANA.name()))
                  .reviews(reviews).ci(commit -> Either.right(CiState.GREEN)).build(),
              (target, digest) -> Either.right(canary.get()))
          .path(path()).clock(clock::instant).backoff(io.platinur.port.RetryBackoff.none()).build();
      out.println("Second act: promote by digest. One image digest, built once, climbs dev → staging → prod by PR.");
      out.println("  GitOps repository (environments/<env>/<service>/values.yaml on main): " + repo);
      board(service);

      heading("Promote a tag: api:latest");
      out.println("  ✗ rejected: " + ImageDigest.parse("api:latest").getError());
      heading("Promote api from dev straight to prod");
      rejected(service.promote(new PromoteRequest(API, PROD, Option.some(DEV), Option.none()), ANA));

      heading("Promote api to staging");
      DigestPromotion.PrOpen toStaging = ok(service.promote(PromoteRequest.of(API, STAGING), ANA));
      out.println("  ✓ PR " + toStaging.pr() + " from platinur/promote/api/staging moves " + toStaging.promotion().digest().abbreviated()
          + " into staging: one commit, one changed line");
      heading("Sync: CI is green at the PR's head, so dev → staging merges by itself");
      ok(service.sync(CRON));
      expect(pin(gitops, STAGING, API).equals(FIRST_BUILD), "staging to pin the first build", pin(gitops, STAGING, API));
      out.println("  ✓ staging pins " + FIRST_BUILD.abbreviated());

      heading("Promote api to prod: the step needs one approval of the PR's head, and complete waits for it");
      DigestPromotion.PrOpen toProd = ok(service.promote(PromoteRequest.of(API, PROD), ANA));
      rejected(service.complete(toProd.promotion().target(), ANA));
      heading("Ana approves her own PR " + toProd.pr());
      refused(reviews.approve(toProd.pr(), ANA.name(), clock.instant()));
      heading("Lisa approves the PR's head; complete: the gate passes, the PR merges, the canary starts");
      out.println("  ✓ " + approved(reviews.approve(toProd.pr(), LISA, clock.instant())));
      DigestPromotion inCanary = ok(service.complete(toProd.promotion().target(), ANA));
      out.println("  ✓ PR " + toProd.pr() + " merged; " + inCanary.describe());
      heading("The canary passes");
      canary.set(CanaryVerdict.PASSED);
      ok(service.complete(new PromotionTarget(API, PROD), CRON));
      expect(List.of(DEV, STAGING, PROD).forAll(env -> pin(gitops, env, API).equals(FIRST_BUILD)), "the same digest everywhere", "");
      out.println("  ✓ api runs " + FIRST_BUILD.abbreviated() + " in dev, staging and prod: the bytes tested are the bytes shipped");

      heading("A new build of api lands in dev, climbs to staging, enters prod as a canary");
      DemoGitOpsRepository.build(repo, DEV, API, SECOND_BUILD, clock.instant());
      ok(service.promote(PromoteRequest.of(API, STAGING), ANA));
      ok(service.sync(CRON));
      canary.set(CanaryVerdict.RUNNING);
      DigestPromotion.PrOpen secondToProd = ok(service.promote(PromoteRequest.of(API, PROD), ANA));
      approved(reviews.approve(secondToProd.pr(), LISA, clock.instant()));
      out.println("  ✓ " + ok(service.complete(new PromotionTarget(API, PROD), ANA)).describe() + " with " + SECOND_BUILD.abbreviated()
          + " (approved by " + LISA + ")");
      heading("The canary fails: the promotion is rolled back by a PR that reverts it");
      canary.set(CanaryVerdict.FAILED);
      DigestPromotion rolling = ok(service.complete(new PromotionTarget(API, PROD), CRON));
      out.println("  ✓ " + rolling.describe() + " from platinur/rollback/api/prod");
      ok(service.sync(CRON));
      expect(pin(gitops, PROD, API).equals(FIRST_BUILD), "prod to pin the first build again", pin(gitops, PROD, API));
      out.println("  ✓ rolled back: prod pins " + FIRST_BUILD.abbreviated() + " again; staging keeps " + SECOND_BUILD.abbreviated());

      heading("Promote api to prod once more, then close the PR unmerged");
      DigestPromotion.PrOpen closing = ok(service.promote(PromoteRequest.of(API, PROD), ANA));
      Either<PortFailure, PullRequestState> closed = git.offlineHost().pullRequests().close(closing.pr());
      expect(closed.isRight() && closed.get() instanceof PullRequestState.ClosedUnmerged, "the PR closed unmerged", closed);
      ok(service.sync(CRON));
      expect(pin(gitops, PROD, API).equals(FIRST_BUILD), "prod to keep the first build", pin(gitops, PROD, API));
      out.println("  ✓ PR " + closing.pr() + " closed unmerged, and sync recorded it; prod still pins " + FIRST_BUILD.abbreviated());
      board(service);
    }
  }

  private void board(DigestPromotionService service) {
    PromotionBoard board = ok(service.board());
    out.println();
    for (EnvironmentName env : board.path().environments()) {
      out.println("    " + pad(env.value(), 8) + board.platformVersions().get(env).get() + "  "
          + board.snapshot().pins().manifest(env).services().map(pin -> pin._1 + " " + pin._2.abbreviated()).mkString(", "));
    }
    out.println();
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
  }

  private static ImageDigest pin(io.platinur.git.GitOpsRepository gitops, EnvironmentName env, ServiceName service) {
    return gitops.pins().current().get().pins().pin(env, service).get();
  }

  private void heading(String text) {
    step++;
    out.println(String.format("%2d. %s", step, text));
  }

  private void rejected(Either<? extends UseCaseFailure<?>, ?> outcome) {
    if (outcome.isRight() || !outcome.getLeft().isRejected()) {
      throw new DemoFailure("Expected a rejection by a rule, got " + outcome);
    }
    out.println("  ✗ rejected: " + outcome.getLeft().message());
  }

  /** The offline host refused, as it should: print its reason. */
  private void refused(Either<PortFailure, ?> outcome) {
    if (outcome.isRight() || outcome.getLeft().kind() != PortFailure.Kind.REJECTED) {
      throw new DemoFailure("Expected the offline host to refuse, got " + outcome);
    }
    out.println("  ✗ refused: " + outcome.getLeft().message());
  }

  private static String approved(Either<PortFailure, Review> outcome) {
    if (outcome.isLeft()) {
      throw new DemoFailure(outcome.getLeft().message());
    }
    return outcome.get().reviewer() + " approved head " + outcome.get().commit().abbreviated();
  }

  private static <T> T ok(Either<? extends UseCaseFailure<?>, T> outcome) {
    if (outcome.isLeft()) {
      throw new DemoFailure(outcome.getLeft().message());
    }
    return outcome.get();
  }

  private static void expect(boolean holds, String what, Object actual) {
    if (!holds) {
      throw new DemoFailure("Expected " + what + ", got " + actual);
    }
  }

  /** A step did not behave as promote by digest says it should. */
  public static final class DemoFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DemoFailure(String message) {
      super(message);
    }
  }
}
