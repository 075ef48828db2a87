package io.platinur.benchmarks;

import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import io.platinur.port.StagingRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Applying a 10-file proposal to the staging branch of a bare repository of 1,000 or 100,000
 * files: Platinur's Git adapter (blobs and the trees along the changed paths, then a
 * compare-and-swap of the branch) against the {@code git} command-line plumbing doing the same work
 * through a temporary index (read-tree, hash-object, update-index, write-tree, commit-tree,
 * update-ref). Each invocation writes new content, so no object is found already written.
 *
 * <p>Run: {@code java -jar platinur-benchmarks/target/benchmarks.jar GitApplyBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class GitApplyBenchmark {
  private static final BranchName MAIN = BranchName.of("main");
  private static final BranchName STAGING = BranchName.of("staging");
  private static final CommitAuthor AUTHOR = new CommitAuthor("Bench", "bench@example.com", Instant.parse("2026-11-24T00:00:00Z"));

  /** How many files the repository holds. */
  @Param({"1000", "100000"})
  public int files;

  private Path dir;
  private Path repo;
  private GitStaging git;
  private StagingRepository staging;
  private List<String> paths;
  private List<String> changed;
  private long round;
  private String plumbingHead;

  @Setup(Level.Trial)
  public void generate() throws IOException, InterruptedException {
    dir = Files.createTempDirectory("platinur-bench");
    repo = dir.resolve("repo.git");
    git = GitStaging.init(repo, GitLaneConfig.of(MAIN, STAGING).withMaxFileBytes(1 << 20), AUTHOR)
        .getOrElseThrow(f -> new IllegalStateException(f.toString()));
    staging = git.staging();
    // three levels: top directories, subdirectories, files; about the cube root of the count each
    int fan = (int) Math.round(Math.cbrt(files));
    int perDir = (int) Math.ceil((double) files / (fan * fan));
    paths = new ArrayList<>(files);
    Proposal.Builder all = Proposal.builder(ProposalId.of("generate"), "Generate " + files + " files");
    outer:
    for (int d = 0; d < fan; d++) {
      for (int s = 0; s < fan; s++) {
        for (int f = 0; f < perDir; f++) {
          if (paths.size() == files) {
            break outer;
          }
          String path = String.format("models/d%03d/s%03d/model_%04d.sql", d, s, f);
          paths.add(path);
          all.write(path, "select " + d + ", " + s + ", " + f + " from source_" + f + ";\n");
        }
      }
    }
    CommitId base = staging.heads().get().staging();
    CommitId generated = staging.writeProposalCommit(base, all.build(), AUTHOR).get();
    staging.moveStaging(base, generated).get();
    // a real repository is packed; so is this one
    run(null, "git", "--git-dir=" + repo, "update-ref", "refs/heads/plumbing", generated.hex());
    run(null, "git", "--git-dir=" + repo, "repack", "-a", "-d", "-q");
    plumbingHead = generated.hex();
    // ten files spread over the tree, as a proposal touching several models would
    changed = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      changed.add(paths.get((int) ((long) i * paths.size() / 10 + 7) % paths.size()));
    }
  }

  @TearDown(Level.Trial)
  public void remove() throws IOException {
    git.close();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Platinur: write the proposal commit on the staging head, then move staging by compare-and-swap. */
  @Benchmark
  public CommitId platinurApply() {
    long n = ++round;
    Proposal.Builder proposal = Proposal.builder(ProposalId.of("p-" + n), "Proposal " + n);
    for (String path : changed) {
      proposal.write(path, "select " + n + " from changed;\n");
    }
    CommitId head = staging.heads().get().staging();
    CommitId commit = staging.writeProposalCommit(head, proposal.build(), AUTHOR).get();
    return staging.moveStaging(head, commit).get();
  }

  /** The git plumbing: temporary index from the head tree, new blobs, new tree, commit, ref update. */
  @Benchmark
  public String gitPlumbing() throws IOException, InterruptedException {
    long n = ++round;
    Path work = Files.createTempDirectory(dir, "plumbing");
    Path index = work.resolve("index");
    List<String> hash = new ArrayList<>(List.of("git", "--git-dir=" + repo, "hash-object", "-w", "--"));
    for (int i = 0; i < changed.size(); i++) {
      Path file = work.resolve("f" + i);
      Files.writeString(file, "select " + n + " from changed;\n");
      hash.add(file.toString());
    }
    String[] env = {"GIT_INDEX_FILE=" + index};
    run(env, "git", "--git-dir=" + repo, "read-tree", plumbingHead);
    String[] blobs = run(env, hash.toArray(String[]::new)).split("\n");
    StringBuilder info = new StringBuilder();
    for (int i = 0; i < changed.size(); i++) {
      info.append("100644 ").append(blobs[i].strip()).append('\t').append(changed.get(i)).append('\n');
    }
    runWithInput(env, info.toString(), "git", "--git-dir=" + repo, "update-index", "--index-info");
    String tree = run(env, "git", "--git-dir=" + repo, "write-tree").strip();
    String commit = runWithInput(env, "Proposal " + n + "\n\nPlatinur-Proposal: p-" + n + "\n",
        "git", "--git-dir=" + repo, "commit-tree", tree, "-p", plumbingHead).strip();
    run(env, "git", "--git-dir=" + repo, "update-ref", "refs/heads/plumbing", commit, plumbingHead);
    plumbingHead = commit;
    Files.delete(index);
    for (int i = 0; i < changed.size(); i++) {
      Files.delete(work.resolve("f" + i));
    }
    Files.delete(work);
    return commit;
  }

  private static String run(String[] env, String... command) throws IOException, InterruptedException {
    return runWithInput(env, null, command);
  }

  private static String runWithInput(String[] env, String input, String... command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("GIT_AUTHOR_NAME", "Bench");
    builder.environment().put("GIT_AUTHOR_EMAIL", "bench@example.com");
    builder.environment().put("GIT_COMMITTER_NAME", "Bench");
    builder.environment().put("GIT_COMMITTER_EMAIL", "bench@example.com");
    if (env != null) {
      for (String pair : env) {
        int eq = pair.indexOf('=');
        builder.environment().put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    Process process = builder.start();
    if (input != null) {
      process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    }
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(err, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
