package io.platinur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.cli.demo.DemoGitOpsRepository;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.ServiceName;
import io.platinur.testkit.GitCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code platinur release} on a real bare GitOps repository: a Git lock file a crashed writer left
 * behind is removed by {@code release sync} once it is older than two minutes (a younger one stays),
 * and the promotion and revert commits are authored by {@code --author}, else {@code PLATINUR_AUTHOR}.
 */
class ReleaseLocksAndAuthorsTest {
  static final ServiceName API = ServiceName.of("api");
  static final EnvironmentName DEV = EnvironmentName.of("dev");
  static final EnvironmentName STAGING = EnvironmentName.of("staging");
  static final EnvironmentName PROD = EnvironmentName.of("prod");

  @TempDir Path dir;
  Path repo;
  GitCli git;
  final Map<String, String> env = new HashMap<>(Map.of("PLATINUR_AUTHOR", "Ana <ana@example.com>"));

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void gitops() throws Exception {
    repo = dir.resolve("gitops.git");
    DemoGitOpsRepository.create(repo, Pins.none().with(DEV, API, ImageDigest.of("sha256:" + "a1".repeat(32)))
        .with(STAGING, API, ImageDigest.of("sha256:" + "b2".repeat(32))).with(PROD, API, ImageDigest.of("sha256:" + "c3".repeat(32))),
        Instant.now());
    git = new GitCli(repo);
  }

  Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = Stream.of(new String[] {"release"}, args, new String[] {"--repository", repo.toString()})
        .flatMap(java.util.Arrays::stream).toArray(String[]::new);
    int exit = PlatinurCommand.run(all, out, err, env::get);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Run ok(String... args) {
    Run run = run(args);
    assertThat(run.exit()).as("%s", run).isZero();
    return run;
  }

  /** A lock file on {@code name} (relative to the bare repository) last touched {@code age} ago. */
  Path lock(String name, Duration age) throws IOException {
    Path lock = repo.resolve(name);
    Files.createDirectories(lock.getParent());
    Files.write(lock, new byte[0]);
    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(age)));
    return lock;
  }

  String author(String ref) {
    return git.run("log", "-1", "--format=%an <%ae>", ref).strip();
  }

  @Test
  void release_sync_removes_a_stale_lock_that_blocked_every_write_notes_it_and_leaves_a_fresh_one() throws IOException {
    Path stale = lock("packed-refs.lock", Duration.ofMinutes(3).plusSeconds(10));
    Path fresh = lock("refs/heads/main.lock", Duration.ofSeconds(1));
    String refs = git.run("for-each-ref");

    Run blocked = run("promote", "api", "--to", "staging");
    assertThat(blocked.exit()).isEqualTo(1);
    assertThat(blocked.err()).isEqualTo("platinur release promote: Lock file packed-refs.lock was left behind 3 min ago, "
        + "probably by a crashed process. Sync Promotions removes it.\n");
    assertThat(git.run("for-each-ref")).isEqualTo(refs);

    assertThat(ok("sync").out()).isEqualTo("Note: Removed lock file packed-refs.lock, left behind 3 min ago by a crashed writer.\n");
    assertThat(stale).doesNotExist();
    assertThat(fresh).exists();
    assertThat(ok("history").out()).contains(
        "  Ana: Synced the digest promotions: Removed lock file packed-refs.lock, left behind 3 min ago by a crashed writer.");
    assertThat(ok("sync").out()).isEqualTo("Nothing to record.\n");
    assertThat(fresh).exists();

    assertThat(ok("promote", "api", "--to", "staging").out())
        .isEqualTo("Opened PR #1 promoting api to staging: sha256:a1a1a1a1a1a1 from dev.\n");
    Files.delete(fresh);
    git.assertFsckClean();
  }

  @Test
  void release_sync_json_lists_the_locks_it_removed_on_the_promotion_branches_and_platinur_refs() throws IOException {
    ok("promote", "api", "--to", "staging");
    Path onBranch = lock("refs/heads/platinur/promote/api/staging.lock", Duration.ofMinutes(5));
    Path onStore = lock("refs/platinur/digest-promotions.lock", Duration.ofHours(3));
    Path young = lock("refs/heads/platinur/promote/api/prod.lock", Duration.ofSeconds(90));

    Run sync = ok("sync", "--json");
    assertThat(sync.out()).contains("\"removedLocks\":[", "\"Removed lock file refs/heads/platinur/promote/api/staging.lock, left behind "
        + "5 min ago by a crashed writer.\"", "\"Removed lock file refs/platinur/digest-promotions.lock, left behind 3 h ago by a crashed writer.\"",
        "Merged promotion PR #1 of api to staging as ");
    assertThat(sync.out()).doesNotContain("api/prod.lock");
    assertThat(onBranch).doesNotExist();
    assertThat(onStore).doesNotExist();
    assertThat(young).exists();
  }

  @Test
  void promotion_and_revert_commits_are_authored_by_the_author_option_else_platinur_author() {
    ok("promote", "api", "--to", "staging");
    assertThat(author("platinur/promote/api/staging")).isEqualTo("Ana <ana@example.com>");
    ok("sync");
    ok("promote", "api", "--to", "prod", "--author", "Bo Berg <bo@example.com>");
    assertThat(author("platinur/promote/api/prod")).isEqualTo("Bo Berg <bo@example.com>");
    assertThat(git.run("log", "-1", "--format=%cn <%ce>", "platinur/promote/api/prod").strip()).isEqualTo("Bo Berg <bo@example.com>");
    ok("complete", "api", "--in", "prod");

    env.put("PLATINUR_AUTHOR", "Cy <cy@example.com>");
    assertThat(ok("rollback", "api", "--in", "prod").out()).startsWith("api → prod: rolling back");
    assertThat(author("platinur/rollback/api/prod")).isEqualTo("Cy <cy@example.com>");

    String history = ok("history").out();
    assertThat(history).contains("  Ana: Opened promotion PR #1 of api to staging", "  Bo Berg: Opened promotion PR #2 of api to prod",
        "  Cy: ");
    Run bad = run("promote", "api", "--to", "staging", "--author", "nobody");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).isEqualTo("platinur release promote: The author must look like ‘Name <email>’, got ‘nobody’.\n");
  }
}
