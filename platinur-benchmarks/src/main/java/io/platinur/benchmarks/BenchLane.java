package io.platinur.benchmarks;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.Actor;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import io.platinur.port.PortFailure;
import io.platinur.port.StagingRepository;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A lane on a packed bare repository for the benchmarks, as a host application wires it: the Git
 * adapter's parts and the staging lane's use cases over them. Repositories that take long to build
 * (a long history, a large batch) are built once per run into a template directory and copied for
 * each trial.
 */
final class BenchLane implements AutoCloseable {
  static final BranchName MAIN = BranchName.of("main");
  static final BranchName STAGING = BranchName.of("staging");
  static final CommitAuthor AUTHOR = new CommitAuthor("Bench", "bench@example.com", Instant.parse("2026-12-01T00:00:00Z"));
  static final LaneConfiguration CONFIG = LaneConfiguration.builder()
      .stagingBranch(STAGING)
      .productionBranch(MAIN)
      .addStagingSchemas("analytics_staging")
      .addProductionSchemas("analytics")
      .build();
  /** Where templates are kept across the forks of one run; set by {@link ScaleReport}. */
  static final String CACHE_PROPERTY = "platinur.bench.cache";

  final Path dir;
  final Path repo;
  final GitStaging git;
  final StagingRepository staging;
  final StagingLaneService service;
  final List<String> paths;

  private BenchLane(Path dir, int files) {
    this.dir = dir;
    this.repo = dir.resolve("repo.git");
    this.git = ok(GitStaging.open(repo, gitConfig()));
    this.staging = git.staging();
    this.service = new StagingLaneService(CONFIG, staging, git.laneStateStore(), git.offlineHost().pullRequests(), Clock.systemUTC()::instant);
    this.paths = paths(files);
  }

  static GitLaneConfig gitConfig() {
    return GitLaneConfig.of(MAIN, STAGING).withMaxFileBytes(1 << 20);
  }

  /** A fresh lane on a packed repository of {@code files} files in three directory levels. */
  static BenchLane generate(int files) {
    Path dir = tempDir();
    Path repo = dir.resolve("repo.git");
    try (GitStaging git = ok(GitStaging.init(repo, gitConfig(), AUTHOR))) {
      StagingRepository staging = git.staging();
      Proposal.Builder all = Proposal.builder(ProposalId.of("generate"), "Generate " + files + " files");
      for (String path : paths(files)) {
        all.write(path, "select '" + path + "' from source;\n");
      }
      CommitId base = ok(staging.heads()).staging();
      CommitId generated = ok(staging.writeProposalCommit(base, all.build(), AUTHOR));
      // the generated files are production's content: both branches start there
      run("git", "--git-dir=" + repo, "update-ref", "refs/heads/" + MAIN.name(), generated.hex());
      run("git", "--git-dir=" + repo, "update-ref", "refs/heads/" + STAGING.name(), generated.hex());
    }
    pack(repo);
    return new BenchLane(dir, files);
  }

  /**
   * A copy of the template {@code name}, built by {@code build} on a fresh lane of {@code files}
   * files the first time it is asked for in this run, then packed.
   */
  static BenchLane fromTemplate(String name, int files, Consumer<BenchLane> build) {
    Path cache = Path.of(System.getProperty(CACHE_PROPERTY, System.getProperty("java.io.tmpdir")));
    Path template = cache.resolve(name);
    if (!Files.isDirectory(template)) {
      Path building = cache.resolve(name + ".building");
      delete(building);
      long started = System.nanoTime();
      BenchLane lane = generate(files);
      // no background packing while the template is built and copied: it is packed once, below
      run("git", "--git-dir=" + lane.repo, "config", "gc.auto", "0");
      build.accept(lane);
      lane.git.close();
      copy(lane.dir, building);
      delete(lane.dir);
      Path repo = building.resolve("repo.git");
      pack(repo);
      run("git", "--git-dir=" + repo, "config", "--unset", "gc.auto");
      try {
        Files.move(building, template, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      System.err.printf("Built the template %s in %.1f s.%n", name, (System.nanoTime() - started) / 1e9);
    }
    Path dir = tempDir();
    copy(template, dir);
    return new BenchLane(dir, files);
  }

  /** A proposal writing new content ({@code round}) to ten files spread over the repository. */
  Proposal tenFiles(String id, long round) {
    Proposal.Builder proposal = Proposal.builder(ProposalId.of(id), "Proposal " + id);
    for (int i = 0; i < 10; i++) {
      proposal.write(paths.get((int) (((long) i * paths.size() / 10 + 7) % paths.size())), "select " + round + " from changed;\n");
    }
    return proposal.build();
  }

  /** Stages {@code proposals} proposals of ten new files each. */
  void stage(int proposals) {
    for (int k = 0; k < proposals; k++) {
      Proposal.Builder proposal = Proposal.builder(ProposalId.of("staged-" + k), "Staged " + k);
      for (int f = 0; f < 10; f++) {
        proposal.write(String.format("staged/s%04d/f%02d.sql", k, f), "select " + k + ", " + f + ";\n");
      }
      ok(service.apply(proposal.build(), AUTHOR));
    }
  }

  /**
   * Releases {@code rounds} promotions of ten one-file proposals each: apply, open the PR, merge,
   * sync. Each proposal is authored when it is applied, as a host passes its clock's time, so
   * commit times rise with the history as they do in a lane that runs for a year.
   */
  void release(int rounds) {
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < 10; i++) {
        ok(service.apply(released(r, i), new CommitAuthor(AUTHOR.name(), AUTHOR.email(), Instant.now())));
      }
      ok(service.openPromotionPr(Actor.of("bench")));
      ok(service.mergePromotionPr(Actor.of("bench")));
    }
  }

  /** The {@code i}th proposal of release {@code round}: one file, with that round's content. */
  Proposal released(int round, int i) {
    return Proposal.builder(ProposalId.of("r" + round + "-p" + i), "Release " + round + " proposal " + i)
        .write(paths.get((int) (((long) i * paths.size() / 10 + 3) % paths.size())), "select " + round + ";\n")
        .build();
  }

  static List<String> paths(int files) {
    int fan = (int) Math.round(Math.cbrt(files));
    int perDir = (int) Math.ceil((double) files / (fan * fan));
    List<String> paths = new ArrayList<>(files);
    for (int d = 0; d < fan; d++) {
      for (int s = 0; s < fan; s++) {
        for (int f = 0; f < perDir && paths.size() < files; f++) {
          paths.add(String.format("models/d%03d/s%03d/model_%04d.sql", d, s, f));
        }
      }
    }
    return paths;
  }

  static <T> T ok(Either<?, T> result) {
    return result.getOrElseThrow(failure -> new IllegalStateException(describe(failure)));
  }

  private static String describe(Object failure) {
    if (failure instanceof UseCaseFailure<?> lane) {
      return lane.message();
    }
    if (failure instanceof PortFailure port) {
      return port.toString();
    }
    return String.valueOf(failure);
  }

  static void pack(Path repo) {
    run("git", "--git-dir=" + repo, "repack", "-a", "-d", "-q");
    run("git", "--git-dir=" + repo, "pack-refs", "--all");
  }

  static void run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("platinur-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    git.close();
    delete(dir);
  }
}
