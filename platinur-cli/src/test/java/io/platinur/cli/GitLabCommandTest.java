package io.platinur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.cli.demo.DemoGitOpsRepository;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import io.platinur.testkit.GitCli;
import io.platinur.testkit.forge.FakeGitLab;
import io.platinur.testkit.forge.ForgeRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code platinur … --gitlab GROUP/PROJECT}: the lane commands and {@code release} on the fake GitLab. */
class GitLabCommandTest {
  static final String TOKEN = "glpat-CommandTest0123456789ab";

  @TempDir
  Path dir;
  final Map<String, String> env = new HashMap<>(Map.of("PLATINUR_AUTHOR", "Ana <ana@example.com>", "GITLAB_TOKEN", TOKEN));
  final List<Run> runs = new ArrayList<>();
  ForgeRepository repository;
  FakeGitLab gitlab;

  record Run(int exit, String out, String err) {}

  Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of("--dir", dir.toString()));
    all.addAll(List.of(args));
    int exit = PlatinurCommand.run(all.toArray(String[]::new), out, err, env::get);
    Run run = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    runs.add(run);
    return run;
  }

  Run ok(String... args) {
    Run run = run(args);
    assertThat(run.exit()).as("%s", run).isZero();
    return run;
  }

  void write(String path, String text) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  void start(Path bare, String project) {
    repository = ForgeRepository.open(bare);
    gitlab = FakeGitLab.start(repository, project, TOKEN);
  }

  String api() {
    return gitlab.apiEndpoint().toString();
  }

  @AfterEach
  void stop() {
    for (Run run : runs) {
      assertThat(run.out() + run.err()).as("the token is never printed").doesNotContain(TOKEN);
    }
    if (gitlab != null) {
      assertThat(gitlab.unhandled()).as("asked for nothing the fake GitLab does not model").isEmpty();
      gitlab.close();
      repository.close();
    }
  }

  @Nested
  class the_lane_on_gitlab {
    void init() throws IOException {
      GitStaging.init(dir.resolve("host.git"), GitLaneConfig.of(BranchName.of("main"), BranchName.of("staging")),
          new CommitAuthor("Ana", "ana@example.com", Instant.parse("2026-11-24T09:00:00Z"))).get().close();
      start(dir.resolve("host.git"), "acme/analytics");
      Run init = ok("init", "--repository", dir.resolve("cache.git").toString(), "--gitlab", "acme/analytics",
          "--gitlab-api", api(), "--git-url", dir.resolve("host.git").toUri().toString(), "--token-kind", "project");
      assertThat(init.out()).startsWith("Attached to GitLab project acme/analytics (local cache ");
      assertThat(Files.readString(dir.resolve(".platinur/config.properties"))).contains("gitlab=acme/analytics").doesNotContain(TOKEN);
    }

    @Test
    void walks_the_seed_scenario_with_the_seeds_messages_in_gitlabs_words() throws IOException {
      init();
      write("orders/models/orders.sql", "select id from raw.orders\n");
      write("customers/models/customers.sql", "select id from raw.customers\n");
      write("rework/models/orders.sql", "select id, amount from raw.orders\n");
      ok("propose", "--title", "Add orders model", "--from", dir.resolve("orders").toString());
      ok("propose", "--title", "Add customers model", "--from", dir.resolve("customers").toString());
      ok("propose", "--title", "Rework orders", "--from", dir.resolve("rework").toString());
      ok("apply", "p-1");
      ok("apply", "p-2");
      Run overlap = run("apply", "p-3");
      assertThat(overlap.exit()).isEqualTo(2);
      assertThat(overlap.err()).isEqualTo("Proposal ‘Add orders model’ is already staged and also changes models/orders.sql. "
          + "Promote or discard the staged batch before staging this proposal.\n");

      Run promote = ok("promote");
      assertThat(gitlab.openMergeRequests("staging", "main")).isEqualTo(1);
      assertThat(promote.out()).isEqualTo("Opened promotion merge request !1 from staging into main. Staging is locked until the "
          + "merge request is merged or closed and Promotions are synced.\n");
      Run locked = run("apply", "p-3");
      assertThat(locked.exit()).isEqualTo(2);
      assertThat(locked.err()).isEqualTo("A promotion merge request is open. Merge or close it in GitLab before applying more staging changes.\n");
      assertThat(ok("status").out()).contains("Waiting for open merge request").doesNotContain("Waiting for open PR");
      Run merge = run("pr", "merge");
      assertThat(merge.exit()).isEqualTo(1);
      assertThat(merge.err()).isEqualTo(
          "platinur pr merge: This lane's promotion merge requests are on GitLab: merge the merge request there, then run ‘platinur sync’.\n");

      assertThat(gitlab.mergeInWebInterface(1)).isTrue();
      ok("sync");
      assertThat(ok("status").out()).doesNotContain("Waiting for");
      ok("apply", "p-3");
      assertThat(new GitCli(dir.resolve("host.git")).subjects("main..staging")).containsExactly("Rework orders");
    }

    @Test
    void check_credentials_reads_the_merge_requests_with_the_token() throws IOException {
      init();
      assertThat(ok("check-credentials").out()).isEqualTo("The GitLab token in GITLAB_TOKEN works: fetched the lane's branches and read "
          + "the merge requests of acme/analytics.\n");
    }
  }

  @Nested
  class bad_input_is_one_line_naming_it_and_writes_nothing {
    Run init(String... options) {
      List<String> args = new ArrayList<>(List.of("init", "--repository", dir.resolve("cache.git").toString(),
          "--git-url", dir.resolve("host.git").toUri().toString()));
      args.addAll(List.of(options));
      Run run = run(args.toArray(String[]::new));
      assertThat(run.exit()).as("%s", run).isEqualTo(1);
      assertThat(run.err().lines()).hasSize(1);
      assertThat(dir.resolve(".platinur")).doesNotExist();
      assertThat(dir.resolve("cache.git")).doesNotExist();
      return run;
    }

    @Test
    void a_project_path_without_its_group() {
      assertThat(init("--gitlab", "analytics").err()).isEqualTo("platinur init: The GitLab project must be its full path, GROUP/PROJECT "
          + "(with subgroups GROUP/SUBGROUP/PROJECT), got ‘analytics’: it names no group.\n");
    }

    @Test
    void an_api_url_that_is_not_the_v4_root() {
      assertThat(init("--gitlab", "acme/analytics", "--gitlab-api", "https://gitlab.example.com").err())
          .isEqualTo("platinur init: The GitLab API endpoint must be the REST API v4 root, ending in /api/v4 (such as "
              + "https://gitlab.example.com/api/v4), got ‘https://gitlab.example.com’.\n");
    }

    @Test
    void a_token_variable_that_is_not_set() {
      env.remove("GITLAB_TOKEN");
      assertThat(init("--gitlab", "acme/analytics").err()).isEqualTo("platinur init: No GitLab token: the environment variable GITLAB_TOKEN "
          + "is not set. Export a personal, project or group access token with access to acme/analytics, or name another variable with --token-env.\n");
      assertThat(init("--gitlab", "acme/analytics", "--token-env", "CI_BOT_TOKEN").err())
          .startsWith("platinur init: No GitLab token: the environment variable CI_BOT_TOKEN is not set.");
    }

    @Test
    void gitlab_options_without_gitlab_have_no_effect_and_are_refused() {
      Run api = run("release", "board", "--repository", dir.resolve("gitops.git").toString(), "--gitlab-api", "https://gitlab.example.com/api/v4");
      assertThat(api.exit()).isEqualTo(1);
      assertThat(api.err()).isEqualTo("platinur release board: --gitlab-api has no effect without --gitlab: it is GitLab's API root.\n");
      Run kind = run("release", "board", "--repository", dir.resolve("gitops.git").toString(), "--token-kind", "project");
      assertThat(kind.err()).isEqualTo("platinur release board: --token-kind has no effect without --gitlab: it says which kind of GitLab "
          + "access token --token-env holds.\n");
    }

    @Test
    void an_unknown_token_kind_and_two_forges_at_once() {
      assertThat(init("--gitlab", "acme/analytics", "--token-kind", "robot").err())
          .isEqualTo("platinur init: --token-kind must be personal, project or group, got ‘robot’.\n");
      Run both = run("init", "--repository", dir.resolve("cache.git").toString(), "--gitlab", "acme/analytics", "--github", "acme/analytics");
      assertThat(both.exit()).isEqualTo(1);
      assertThat(both.err()).contains("Name one forge: --github or --gitlab, not both.");
      assertThat(dir.resolve(".platinur")).doesNotExist();
    }
  }

  @Nested
  class release_on_gitlab {
    @Test
    void promotes_a_digest_by_merge_request_and_merges_it_on_a_green_pipeline() throws IOException {
      ServiceName api = ServiceName.of("api");
      ImageDigest built = ImageDigest.of("sha256:" + "a1".repeat(32));
      Path gitops = dir.resolve("gitops.git");
      DemoGitOpsRepository.create(gitops, Pins.none().with(EnvironmentName.of("dev"), api, built)
          .with(EnvironmentName.of("staging"), api, ImageDigest.of("sha256:" + "b2".repeat(32)))
          .with(EnvironmentName.of("prod"), api, ImageDigest.of("sha256:" + "c3".repeat(32))), Instant.now().minus(Duration.ofDays(1)));
      new GitCli(gitops).run("update-ref", "-d", "refs/heads/staging");
      start(gitops, "acme/gitops");
      gitlab.deployment("dev", repository.head("main").orElseThrow(), "success", Instant.now().minus(Duration.ofHours(2)));
      String[] on = {"--gitlab", "acme/gitops", "--gitlab-api", api(), "--git-url", gitops.toUri().toString(),
          "--repository", dir.resolve("cache.git").toString()};

      Run promoted = ok(concat(new String[] {"release", "promote", "api", "--to", "staging"}, on));
      assertThat(promoted.out()).startsWith("Opened merge request !1 promoting api to staging: ");
      assertThat(gitlab.openMergeRequests("platinur/promote/api/staging", "main")).isEqualTo(1);
      String head = repository.head("platinur/promote/api/staging").orElseThrow();
      gitlab.pipeline(head, "success");

      ok(concat(new String[] {"release", "sync"}, on));
      assertThat(gitlab.state(1)).isEqualTo("merged");
      assertThat(new String(repository.fileAt(repository.head("main").orElseThrow(), "environments/staging/api/values.yaml").orElseThrow(),
          StandardCharsets.UTF_8)).contains(built.value());

      Run tag = run(concat(new String[] {"release", "promote", "api", "--to", "staging", "--ci", "green"}, on));
      assertThat(tag.exit()).isEqualTo(1);
      assertThat(tag.err()).contains("--ci is for offline use: with --gitlab, CI is what GitLab's pipelines and commit statuses say at the merge request's head.");
    }

    String[] concat(String[] a, String[] b) {
      String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, all, a.length, b.length);
      return all;
    }
  }
}
