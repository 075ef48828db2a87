package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackPlan;
import io.platinur.domain.digest.RollbackReason;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PinSnapshot;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The YAML edit end to end through Git: values files generated with comments, anchors and aliases,
 * plain, quoted and flow styles, LF or CRLF, committed with the git command line; a promotion
 * branch changes only the pin scalar's bytes ({@code git show} equals the original with the digest
 * replaced, {@code git diff --numstat} one changed line) and a rollback branch on top of it gives
 * back the original file byte for byte.
 */
class GitPinEditPropertyTest {
  private static final int FILES = 2;
  private static final EnvironmentName STAGING = EnvironmentName.of("staging");
  private static final EnvironmentName PROD = EnvironmentName.of("prod");
  private static final ImageDigest OLD = ImageDigest.of("sha256:" + "b2".repeat(32));
  private static final ImageDigest NEW = ImageDigest.of("sha256:" + "a1".repeat(32));
  /** An anchor and its alias ahead of the generated text. */
  private static final String PREAMBLE = "x-defaults: &defaults {replicas: 2, tier: 'gold'}\nscaling: *defaults\n";

  @TempDir Path dir;

  @Test
  void a_promotion_changes_only_the_pin_scalar_and_its_rollback_restores_every_byte() {
    AtomicInteger runs = new AtomicInteger();
    GitOpsWork seeded = GitOpsWork.seed(dir.resolve("seeded"), Pins.none());
    qt().withExamples(50).withShrinkCycles(20).forAll(longs().all()).checkAssert(seed -> {
      Path run = dir.resolve("run-" + runs.incrementAndGet());
      try {
        Files.createDirectories(run);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      GitOpsWork repo = GitOpsWork.copyOf(seeded, run);
      Random random = new Random(seed);
      Map<String, YamlScalarEditorTest.Generated> docs = new LinkedHashMap<>();
      Map<String, String> files = new LinkedHashMap<>();
      for (int i = 0; i < FILES; i++) {
        YamlScalarEditorTest.Generated generated = YamlScalarEditorTest.Generated.from(random);
        YamlScalarEditorTest.Generated doc = random.nextBoolean()
            ? new YamlScalarEditorTest.Generated(PREAMBLE + generated.before(), generated.style(), generated.after())
            : generated;
        String file = PinLayout.standard().pinPath(PROD, ServiceName.of("svc" + i)).value();
        docs.put(file, doc);
        files.put(file, doc.original());
      }
      CommitId base = repo.commit("main", files, "Values files");
      try (GitStaging staging = GitStaging.open(repo.bare, Fixtures.CONFIG).get()) {
        GitOpsRepository pins = staging.gitOps(Fixtures.MAIN, PinLayout.standard());
        PinSnapshot read = pins.pins().current().get();
        assertThat(read.problems()).as("seed %s", seed).isEmpty();
        for (int i = 0; i < FILES; i++) {
          ServiceName service = ServiceName.of("svc" + i);
          String file = PinLayout.standard().pinPath(PROD, service).value();
          YamlScalarEditorTest.Generated doc = docs.get(file);
          String what = "seed " + seed + ", " + file + ":\n" + doc.original();
          assertThat(read.pins().pin(PROD, service)).as(what).contains(OLD);

          Promotion promotion = new Promotion(new PromotionTarget(service, PROD), STAGING, NEW, Option.some(OLD));
          BranchName branch = pins.pinBranches().writePromotion(promotion, base).get();
          assertThat(repo.git.run("show", branch.name() + ":" + file)).as(what).isEqualTo(doc.expected());
          assertThat(repo.git.run("diff", "--numstat", base.hex(), branch.name()).strip()).as(what).isEqualTo("1\t1\t" + file);

          CommitId promoted = CommitId.of(repo.git.revParse(branch.name()));
          BranchName rollback = pins.pinBranches()
              .writeRollback(new RollbackPlan(promotion, PullRequestNumber.of(i + 1), promoted, RollbackReason.REQUESTED), promoted).get();
          assertThat(repo.git.run("diff", base.hex(), rollback.name()).strip()).as("the rollback restores every byte: " + what).isEmpty();
        }
      }
      repo.git.assertFsckClean();
    });
  }
}
