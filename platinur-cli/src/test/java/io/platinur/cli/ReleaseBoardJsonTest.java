package io.platinur.cli;

import static io.platinur.cli.ReleaseCommandTest.API;
import static io.platinur.cli.ReleaseCommandTest.BUILT;
import static io.platinur.cli.ReleaseCommandTest.DEV;
import static io.platinur.cli.ReleaseCommandTest.PROD;
import static io.platinur.cli.ReleaseCommandTest.RUNNING;
import static io.platinur.cli.ReleaseCommandTest.STAGING;
import static io.platinur.cli.ReleaseCommandTest.TESTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platinur.cli.ReleaseCommandTest.Run;
import io.platinur.cli.demo.DemoGitOpsRepository;
import io.platinur.domain.digest.Pins;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code release board --json}: the board as data, read back with a JSON parser. */
class ReleaseBoardJsonTest {
  @TempDir Path dir;
  Path repo;
  Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  @BeforeEach
  void gitops() throws Exception {
    repo = dir.resolve("gitops.git");
    DemoGitOpsRepository.create(repo, Pins.none().with(DEV, API, BUILT).with(STAGING, API, TESTED).with(PROD, API, RUNNING), now);
    new GitOpsCommits(repo).onMain(Map.of(
        "environments/staging/api/hotfix.yaml", "patch: true\n",
        "environments/prod/web/values.yaml", "image:\n  ? digest\n"), "A hotfix in staging; web's prod values by hand");
  }

  Run release(String... args) {
    return ReleaseCommandTest.runAt(now, repo, args);
  }

  static JsonNode parse(Run run) throws Exception {
    assertThat(run.exit()).as("%s", run).isZero();
    return new ObjectMapper().readTree(run.out());
  }

  static JsonNode target(JsonNode board, String service, String environment) {
    return StreamSupport.stream(board.get("targets").spliterator(), false)
        .filter(t -> t.get("service").asText().equals(service) && t.get("environment").asText().equals(environment))
        .findFirst().orElseThrow(() -> new AssertionError("no target " + service + " → " + environment + " in " + board));
  }

  static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  @Test
  void gives_environments_pins_platform_versions_targets_gates_unreadable_files_and_drift() throws Exception {
    assertThat(release("promote", "api", "--to", "staging").exit()).isZero();
    String text = release("board").out();

    JsonNode board = parse(release("board", "--json", "--ci", "red"));
    assertThat(board.get("ok").asBoolean()).isTrue();
    assertThat(board.get("command").asText()).isEqualTo("release board");
    assertThat(board.get("commit").asText()).isEqualTo(new io.platinur.testkit.GitCli(repo).revParse("main"));
    assertThat(texts(board.get("path"))).containsExactly("dev", "staging", "prod");
    assertThat(texts(board.get("services"))).containsExactly("api");

    JsonNode prod = board.get("environments").get(2);
    assertThat(prod.get("name").asText()).isEqualTo("prod");
    assertThat(prod.get("pins").get("api").asText()).isEqualTo(RUNNING.value());
    assertThat(prod.get("platformVersion").asText()).matches("pv-[0-9a-f]{16}");
    assertThat(text).contains("  prod     " + prod.get("platformVersion").asText() + "  api " + RUNNING.abbreviated());

    JsonNode staging = target(board, "api", "staging");
    assertThat(staging.get("from").asText()).isEqualTo("dev");
    assertThat(staging.get("pinned").asText()).isEqualTo(TESTED.value());
    assertThat(staging.get("state").asText()).isEqualTo("pr_open");
    assertThat(staging.get("promotion").get("pr").asLong()).isEqualTo(1);
    assertThat(staging.get("promotion").get("digest").asText()).isEqualTo(BUILT.value());
    assertThat(staging.get("promotion").get("previous").asText()).isEqualTo(TESTED.value());
    assertThat(staging.get("nextStep").asText()).isEqualTo("PR #1 open");
    assertThat(staging.get("gate").get("passes").asBoolean()).isFalse();
    JsonNode unmet = staging.get("gate").get("unmet");
    assertThat(unmet).hasSize(1);
    assertThat(unmet.get(0).get("condition").asText()).isEqualTo("CI");
    assertThat(unmet.get(0).get("message").asText()).startsWith("CI is red at ");

    JsonNode toProd = target(board, "api", "prod");
    assertThat(toProd.get("state").asText()).isEqualTo("none");
    assertThat(toProd.get("promotion").isNull()).isTrue();
    assertThat(toProd.get("gate").isNull()).isTrue();
    assertThat(text).contains("  api → prod: " + toProd.get("nextStep").asText() + "\n");

    assertThat(board.get("unreadable")).hasSize(1);
    assertThat(board.get("unreadable").get(0).get("file").asText()).isEqualTo("environments/prod/web/values.yaml");
    assertThat(board.get("unreadable").get(0).get("message").asText()).isEqualTo("image.digest in environments/prod/web/values.yaml is a key "
        + "without a colon, so it has no value to rewrite; write it as ‘digest: <value>’.");
    assertThat(board.get("drift")).hasSize(1);
    assertThat(board.get("drift").get(0).get("path").asText()).isEqualTo("api/hotfix.yaml");
    assertThat(texts(board.get("drift").get(0).get("missingIn"))).containsExactly("dev", "prod");
    assertThat(text).endsWith("  drift: " + board.get("drift").get(0).get("message").asText() + "\n");

    JsonNode green = parse(release("board", "--json"));
    assertThat(target(green, "api", "staging").get("gate").get("passes").asBoolean()).isTrue();
    assertThat(target(green, "api", "staging").get("gate").get("unmet")).isEmpty();
  }

  @Test
  void follows_a_promotion_into_its_canary_and_a_rollback() throws Exception {
    for (String[] step : new String[][] {{"promote", "api", "--to", "staging"}, {"sync"}, {"promote", "api", "--to", "prod"},
        {"complete", "api", "--in", "prod"}}) {
      assertThat(release(step).exit()).as("%s", List.of(step)).isZero();
    }
    JsonNode canary = target(parse(release("board", "--json")), "api", "prod");
    assertThat(canary.get("state").asText()).isEqualTo("canary");
    assertThat(canary.get("promotion").get("canarySince").asText()).isEqualTo(now.toString());
    assertThat(canary.get("promotion").get("mergeCommit").asText()).matches("[0-9a-f]{40}");
    assertThat(canary.get("gate").isNull()).isTrue();
    assertThat(target(parse(release("board", "--json")), "api", "staging").get("state").asText()).isEqualTo("promoted");

    assertThat(release("complete", "api", "--in", "prod", "--canary", "failed").exit()).isZero();
    JsonNode rolling = target(parse(release("board", "--json")), "api", "prod");
    assertThat(rolling.get("state").asText()).isEqualTo("rolling_back");
    assertThat(rolling.get("promotion").get("revertPr").asLong()).isEqualTo(3);
    assertThat(rolling.get("promotion").get("reason").asText()).isEqualTo("the canary failed");
    assertThat(rolling.get("gate").get("passes").asBoolean()).as("the revert PR's gate: green CI").isTrue();
  }

  @Test
  void a_failure_is_one_json_object_as_for_every_command() throws Exception {
    JsonNode failed = new ObjectMapper().readTree(release("board", "--json", "--branch", "nowhere").out());
    assertThat(failed.get("ok").asBoolean()).isFalse();
    assertThat(failed.get("command").asText()).isEqualTo("release board");
    assertThat(failed.get("outcome").asText()).isEqualTo("error");
  }
}
