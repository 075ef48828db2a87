package io.platinur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.Actor;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code platinur metrics} on a lane whose two releases were made through the use cases at known times. */
class MetricsCommandTest {
  private static final Instant BASE = Instant.parse("2026-11-02T09:00:00Z");
  private static final BranchName MAIN = BranchName.of("main");
  private static final BranchName STAGING = BranchName.of("staging");

  @TempDir Path dir;
  private Path repo;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void twoReleases() {
    repo = dir.resolve("lane.git");
    AtomicReference<Instant> now = new AtomicReference<>(BASE);
    try (GitStaging git = GitStaging.init(repo, GitLaneConfig.of(MAIN, STAGING), new CommitAuthor("Ops", "ops@example.com", BASE)).get()) {
      LaneConfiguration.Builder config = LaneConfiguration.builder();
      config.stagingBranch(STAGING).productionBranch(MAIN).addStagingSchemas("analytics_staging").addProductionSchemas("analytics");
      StagingLaneService lane = new StagingLaneService(config.build(), git.staging(), git.laneStateStore(), git.offlineHost().pullRequests(), now::get);
      release(git, lane, now, 0, "p-1", 20, "p-2", 60);
      release(git, lane, now, 120, "p-3", -1, null, 150);
    }
  }

  /** Applies the proposals at the given minutes after 09:00, opens and merges the PR, and syncs at {@code syncAt}. */
  private static void release(GitStaging git, StagingLaneService lane, AtomicReference<Instant> now, int firstAt, String first,
      int secondAt, String second, int syncAt) {
    now.set(BASE.plus(Duration.ofMinutes(firstAt)));
    lane.apply(proposal(first), new CommitAuthor("Ana", "ana@example.com", now.get())).get();
    if (second != null) {
      now.set(BASE.plus(Duration.ofMinutes(secondAt)));
      lane.apply(proposal(second), new CommitAuthor("Ana", "ana@example.com", now.get())).get();
    }
    PromotionPullRequest pr = lane.openPromotionPr(Actor.of("ana")).get();
    git.offlineHost().pullRequests().merge(pr.number(), lane.lane().get().stagingHead()).get();
    now.set(BASE.plus(Duration.ofMinutes(syncAt)));
    lane.syncPromotions(Actor.of("ana")).get();
  }

  private static Proposal proposal(String id) {
    return Proposal.builder(ProposalId.of(id), "Change " + id).write("models/" + id + ".sql", "select 1\n").build();
  }

  Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 3];
    all[0] = "metrics";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--repository";
    all[args.length + 2] = repo.toString();
    int exit = PlatinurCommand.run(all, out, err, Map.<String, String>of()::get);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void prints_the_four_keys_as_a_table() {
    Run run = run("--since", "2026-11-02", "--until", "2026-11-03");
    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out()).isEqualTo(""
        + "Delivery metrics from 2026-11-02T00:00:00Z to 2026-11-03T00:00:00Z (1 day), everything:\n"
        + "\n"
        + "              deployments  per day  lead time (median)  change failure rate  time to restore (median)\n"
        + "lane staging            2     2.00                 40m          0% (0 of 2)                         —\n");
  }

  @Test
  void answers_json_in_the_documented_shape() throws Exception {
    Run run = run("--since", "2026-11-02", "--until", "2026-11-03", "--json");
    JsonNode answer = new ObjectMapper().readTree(run.out());
    assertThat(answer.get("ok").asBoolean()).isTrue();
    assertThat(answer.get("command").asText()).isEqualTo("metrics");
    JsonNode report = answer.get("report");
    assertThat(report.get("window").get("from").asText()).isEqualTo("2026-11-02T00:00:00Z");
    assertThat(report.get("window").get("days").asDouble()).isEqualTo(1.0);
    JsonNode lane = report.get("scopes").get(0);
    assertThat(lane.get("scope").asText()).isEqualTo("lane");
    assertThat(lane.get("lane").asText()).isEqualTo("staging");
    assertThat(lane.get("deployments").asInt()).isEqualTo(2);
    assertThat(lane.get("leadTime").get("count").asInt()).isEqualTo(3);
    assertThat(lane.get("leadTime").get("medianSeconds").asLong()).isEqualTo(2400);
    assertThat(lane.get("leadTime").get("p90Seconds").asLong()).isEqualTo(3600);
    assertThat(lane.get("changeFailureRate").get("rate").asDouble()).isEqualTo(0.0);
    assertThat(lane.get("timeToRestore").get("medianSeconds").isNull()).isTrue();
    assertThat(report.get("problems")).isEmpty();
  }

  @Test
  void series_per_day_and_the_events_read() throws Exception {
    JsonNode daily = new ObjectMapper().readTree(run("--since", "2026-11-01", "--until", "2026-11-03", "--daily", "--json").out()).get("daily");
    JsonNode days = daily.get("series").get(0).get("days");
    assertThat(days).hasSize(2);
    assertThat(days.get(0).get("deployments").asInt()).isZero();
    assertThat(days.get(1).get("day").asText()).isEqualTo("2026-11-02");
    assertThat(days.get(1).get("deployments").asInt()).isEqualTo(2);
    assertThat(days.get(1).get("medianLeadTimeSeconds").asLong()).isEqualTo(2400);
    Run events = run("--since", "2026-11-02", "--until", "2026-11-03", "--events");
    assertThat(events.out().lines()).containsExactly(
        "2026-11-02T09:00:00Z  lane staging  Proposal p-1 applied to staging",
        "2026-11-02T09:20:00Z  lane staging  Proposal p-2 applied to staging",
        events.out().lines().toList().get(2),
        "2026-11-02T10:00:00Z  lane staging  Release of PR #1 deployed from staging: p-1, p-2",
        "2026-11-02T11:00:00Z  lane staging  Proposal p-3 applied to staging",
        events.out().lines().toList().get(5),
        "2026-11-02T11:30:00Z  lane staging  Release of PR #2 deployed from staging: p-3");
    assertThat(events.out().lines().toList().get(2)).startsWith("2026-11-02T10:00:00Z  lane staging  Promotion PR #1 of staging merged as ");
  }

  @Test
  void a_window_or_filter_without_data_says_so() {
    Run empty = run("--since", "2026-10-01", "--until", "2026-10-02");
    assertThat(empty.exit()).isZero();
    assertThat(empty.out()).isEqualTo("Nothing was deployed, failed or restored between 2026-10-01T00:00:00Z and 2026-10-02T00:00:00Z.\n");
    Run other = run("--lane", "other", "--until", "2026-11-03");
    assertThat(other.out()).isEqualTo("No delivery is recorded for lane other: no lane change and no digest promotion in the history read.\n");
  }

  @Test
  void bad_options_are_one_line_and_exit_1() {
    Run since = run("--since", "yesterday");
    assertThat(since.exit()).isEqualTo(1);
    assertThat(since.err()).isEqualTo("platinur metrics: --since takes a date (2026-11-01), an instant (2026-11-01T09:00:00Z) or a length such as 30d; got ‘yesterday’.\n");
    Run both = run("--lane", "staging", "--service", "api");
    assertThat(both.exit()).isEqualTo(1);
    assertThat(both.err()).isEqualTo("platinur metrics: --lane selects a staging lane; --service and --environment select services: give one or the other.\n");
    Run backwards = run("--since", "2026-11-03", "--until", "2026-11-02");
    assertThat(backwards.err()).isEqualTo("platinur metrics: --since (2026-11-03T00:00:00Z) must be before --until (2026-11-02T00:00:00Z).\n");
    Run missing = runWithout("metrics", "--repository", dir.resolve("missing.git").toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).startsWith("platinur metrics: ").contains("missing.git");
    Run noLane = runWithout("-C", dir.toString(), "metrics");
    assertThat(noLane.exit()).isEqualTo(1);
    assertThat(noLane.err()).startsWith("platinur metrics: No repository to read: pass --repository PATH, or run in a lane's directory. No lane here: ");
  }

  private static Run runWithout(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = PlatinurCommand.run(args, out, err, Map.<String, String>of()::get);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
