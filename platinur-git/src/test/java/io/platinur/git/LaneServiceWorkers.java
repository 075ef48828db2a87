package io.platinur.git;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.Actor;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.lane.CommandRejection;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitAuthor;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one host instance does in the use-case concurrency tests: with its own clone of the shared
 * remote, it calls the lane's use cases — apply, unapply, open the promotion PR, merge it, sync —
 * and reports each outcome as one line, so threads and separate JVMs can be checked alike.
 */
final class LaneServiceWorkers {
  static final int STEPS = 4;
  static final String USER_VARIABLE = "PLATINUR_TEST_GIT_USER";
  static final String PASSWORD_VARIABLE = "PLATINUR_TEST_GIT_PASSWORD";
  static final LaneConfiguration LANE = laneConfiguration();

  private LaneServiceWorkers() {}

  private static LaneConfiguration laneConfiguration() {
    LaneConfiguration.Builder builder = LaneConfiguration.builder();
    builder.stagingBranch(Fixtures.STAGING).productionBranch(Fixtures.MAIN)
        .addStagingSchemas("analytics_staging").addProductionSchemas("analytics");
    return builder.build();
  }

  /** Worker w's k-th proposal: its own file, and every odd one also one of three shared files. */
  static Proposal proposal(int worker, int step) {
    String own = "own/w" + worker + "/p" + step + ".sql";
    String id = "w" + worker + "-p" + step;
    return step % 2 == 1
        ? Fixtures.writing(id, "Proposal " + id, own, "shared/s" + ((worker + step) % 3) + ".sql")
        : Fixtures.writing(id, "Proposal " + id, own);
  }

  /** Runs worker {@code worker} against the lane in {@code remote}, reporting every outcome. */
  static void run(GitRemote remote, Path cacheRoot, int worker, Consumer<String> report) {
    String actor = "worker" + worker;
    try (GitStaging git = GitStaging.openWithRemote(cacheRoot.resolve(actor + "-cache.git"), remote, Fixtures.CONFIG).getOrElseThrow(f -> new IllegalStateException(f.toString()))) {
      StagingLaneService lane = new StagingLaneService(LANE, git.staging(), git.laneStateStore(), git.offlineHost().pullRequests(),
          () -> Instant.parse("2026-11-24T12:00:00Z")).withMaxAttempts(400);
      CommitAuthor author = new CommitAuthor(actor, actor + "@example.com", Instant.parse("2026-11-24T12:00:00Z"));
      List<ProposalId> mine = new ArrayList<>();
      for (int step = 0; step < STEPS; step++) {
        Proposal proposal = proposal(worker, step);
        Either<? extends UseCaseFailure<? extends CommandRejection>, ?> applied = lane.apply(proposal, author);
        report.accept(describe("apply " + proposal.id(), applied));
        applied.peek(ok -> mine.add(proposal.id()));
        if (step == 1 && !mine.isEmpty()) {
          ProposalId first = mine.remove(0);
          Either<? extends UseCaseFailure<? extends CommandRejection>, ?> unapplied = lane.unapply(first, author);
          report.accept(describe("unapply " + first, unapplied));
          if (unapplied.isLeft()) {
            mine.add(0, first);
          }
        }
        if (worker == 0 && step == 2) {
          report.accept(describe("open -", lane.openPromotionPr(Actor.of(actor))));
        }
        if (worker == 1 && step == 3) {
          report.accept(describe("merge -", lane.mergePromotionPr(Actor.of(actor))));
        }
        if (step % 2 == 0) {
          report.accept(describe("sync -", lane.syncPromotions(Actor.of(actor))));
        }
      }
    }
  }

  private static String describe(String what, Either<? extends UseCaseFailure<?>, ?> outcome) {
    return outcome.fold(
        failure -> failure.fold(
            rejection -> "rejected " + what + " " + (rejection instanceof CommandRejection command ? command.reason() : rejection.message()),
            unavailable -> "failed " + what + " " + unavailable.kind() + " " + unavailable.message()),
        ok -> "ok " + what);
  }

  /**
   * Run in a separate JVM: arguments are the remote (a bare repository's path, or a URL), the cache
   * root, then worker numbers. Credentials for a URL come from the environment
   * ({@value #USER_VARIABLE}, {@value #PASSWORD_VARIABLE}), never from the command line.
   */
  public static void main(String[] args) throws Exception {
    GitRemote remote = args[0].contains("://") ? GitRemote.of(args[0]) : GitRemote.of(Path.of(args[0]).toUri().toString());
    String user = System.getenv(USER_VARIABLE);
    String password = System.getenv(PASSWORD_VARIABLE);
    GitRemote authenticated = user == null || password == null ? remote : remote.withCredentials(user, password.toCharArray());
    List<Thread> threads = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      int worker = Integer.parseInt(args[i]);
      Thread thread = new Thread(() -> run(authenticated, Path.of(args[1]), worker, line -> {
        synchronized (System.out) {
          System.out.println(line);
        }
      }));
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }
}
