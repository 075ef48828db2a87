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
import io.platinur.cli.ReleaseCommandTest.Run;
import io.platinur.cli.demo.DemoGitOpsRepository;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.repository.BranchName;
import io.platinur.git.GitStaging;
import io.platinur.testkit.GitCli;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code platinur release} on values files as people write them: an empty pin followed by a
 * comment, a pin inside an anchored node that an alias or a merge key reuses, a key without a
 * colon. Each is edited right or refused by name; none ends in an exception.
 */
class ReleasePinFilesTest {
  @TempDir Path dir;
  Path repo;
  GitOpsCommits commits;
  final Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  @BeforeEach
  void gitops() throws Exception {
    repo = dir.resolve("gitops.git");
    DemoGitOpsRepository.create(repo, Pins.none().with(DEV, API, BUILT).with(STAGING, API, TESTED).with(PROD, API, RUNNING), now);
    commits = new GitOpsCommits(repo);
  }

  Run release(String... args) {
    return ReleaseCommandTest.runAt(now, repo, args);
  }

  @Test
  void a_pin_inside_a_reused_anchored_node_or_written_without_a_colon_is_named_and_never_written() {
    commits.onMain(Map.of(
        "environments/dev/web/values.yaml", "image:\n  digest: " + BUILT + "\n",
        "environments/staging/web/values.yaml", "image: &img {repository: web, digest: " + TESTED + "}\nsidecar: *img\n",
        "environments/prod/web/values.yaml", "image: &img\n  digest: " + RUNNING + "\nsidecar:\n  <<: *img\n  port: 9090\n",
        "environments/staging/db/values.yaml", "image: {repository: db, digest}\n"), "web and db values by hand");
    String refs = new GitCli(repo).run("for-each-ref");

    Run board = release("board");
    assertThat(board.exit()).as("%s", board).isZero();
    assertThat(board.out()).contains(
        "  unreadable: image.digest in environments/prod/web/values.yaml is inside &img, which *img reuses elsewhere in the file: "
            + "rewriting it would change that copy too. Write the pin outside the anchored node.\n",
        "  unreadable: image.digest in environments/staging/web/values.yaml is inside &img, which *img reuses elsewhere in the file: "
            + "rewriting it would change that copy too. Write the pin outside the anchored node.\n",
        "  unreadable: image.digest in environments/staging/db/values.yaml is a key without a colon, so it has no value to rewrite; "
            + "write it as ‘digest: <value>’.\n");

    Run promote = release("promote", "web", "--to", "staging");
    assertThat(promote.exit()).isEqualTo(1);
    assertThat(promote.err()).isEqualTo("platinur release promote: image.digest in environments/staging/web/values.yaml is inside &img, "
        + "which *img reuses elsewhere in the file: rewriting it would change that copy too. Write the pin outside the anchored node.\n");
    assertThat(new GitCli(repo).run("for-each-ref")).as("nothing written").isEqualTo(refs);
  }

  /**
   * An empty pin followed by a comment, on the base of a promotion PR that a host opened but never
   * recorded: sync checks the PR by rewriting that base and comparing, which threw before; now the
   * rewrite keeps the space before the comment, equals the PR, and the PR is adopted.
   */
  @Test
  void an_empty_pin_followed_by_a_comment_is_written_with_a_space_before_the_comment() throws Exception {
    String file = "environments/prod/api/values.yaml";
    String values = new GitCli(repo).run("show", "main:" + file);
    String empty = values.replace("  digest: " + RUNNING + "   # moved by promotion PRs only\n", "  digest: # moved by promotion PRs only\n");
    assertThat(empty).isNotEqualTo(values);
    String base = commits.onMain(Map.of(file, empty), "api's prod pin emptied by hand");
    String written = empty.replace("  digest: # moved", "  digest: " + TESTED + " # moved");
    commits.commit("platinur/promote/api/prod", base, Map.of(file, written), "Promote api to prod");
    commits.onMain(Map.of(file, values), "api's prod pin back");
    try (GitStaging git = GitStaging.open(repo, DemoGitOpsRepository.config()).get()) {
      assertThat(git.offlineHost().pullRequests().openPromotionPr(BranchName.of("platinur/promote/api/prod"), BranchName.of("main"),
          "Promote api to prod", "").isRight()).isTrue();
    }

    Run sync = release("sync");
    assertThat(sync.exit()).as("%s", sync).isZero();
    JsonNode prod = ReleaseBoardJsonTest.target(ReleaseBoardJsonTest.parse(release("board", "--json")), "api", "prod");
    assertThat(prod.get("state").asText()).as("the PR is exactly what promote would write: adopted").isEqualTo("pr_open");
    assertThat(prod.get("promotion").get("pr").asLong()).isEqualTo(1);
    assertThat(prod.get("gate").get("passes").asBoolean()).as("%s", prod).isTrue();
    assertThat(release("gate", "api", "--in", "prod").out()).isEqualTo("The gate of api → prod passes.\n");
  }
}
