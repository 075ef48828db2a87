package io.platinur.application.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.preview.PreviewEnvironment;
import io.platinur.domain.preview.PreviewHold;
import io.platinur.domain.preview.PreviewInventory;
import io.platinur.domain.preview.PreviewPolicy;
import io.platinur.domain.preview.PreviewSelection;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.testkit.memory.InMemoryForge.Faults;
import io.platinur.testkit.memory.InMemoryPreviewResources;
import io.platinur.testkit.memory.InMemoryPreviewStore;
import io.platinur.testkit.memory.InMemoryPullRequests;
import io.vavr.Tuple;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Pull requests open, get new heads and builds, are labelled, closed, merged and reopened, while
 * time passes; webhooks are delivered, lost or duplicated, and the host crashes at a random port
 * call of a reconcile (before the call takes effect, or after it did). Then, once the forge is
 * quiet, scheduled reconciles must leave 0 leaked previews or outside resources and 0 missing
 * previews for open, selected pull requests. Across the examples, a crash is injected at every
 * port call the reconcile makes, before and after.
 */
class PreviewEnvironmentModelTest {
  static final int PULL_REQUESTS = 5;
  static final int QUOTA = 3;
  static final Duration TTL = Duration.ofDays(2);
  static final PreviewPolicy POLICY =
      PreviewPolicy.of(PreviewSelection.labelled("preview"), Option.of(TTL), Option.of(QUOTA)).get();
  static final Set<String> EVERY_CALL = HashSet.of("pulls.listOpen", "pulls.state", "builds.digestOf", "previews.load",
      "previews.write", "previews.cleanedUp", "cleanup.cleanUp").flatMap(call -> HashSet.of(call + " before", call + " after"));

  /** The host dies here. */
  static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Crash() {
      super("the host crashed", null, false, false);
    }
  }

  private final java.util.Set<String> crashedAt = ConcurrentHashMap.newKeySet();

  /** One run: a world, driven by a list of small numbers. */
  final class Run {
    final AtomicReference<Instant> clock = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    final InMemoryPullRequests pulls = new InMemoryPullRequests(clock::get);
    final InMemoryPreviewStore store = new InMemoryPreviewStore();
    final InMemoryPreviewResources resources = new InMemoryPreviewResources();
    final PreviewEnvironmentService service = PreviewEnvironmentService.builder(store, pulls, pulls).policy(POLICY).cleanup(resources).clock(clock::get).build();
    final int[] heads = new int[PULL_REQUESTS + 1];
    int nextCommit = 1;
    final StringBuilder log = new StringBuilder();

    CommitId commit(int i) {
      return CommitId.of(String.format("%08x", i).repeat(5));
    }

    ImageDigest digest(int i) {
      return ImageDigest.of("sha256:" + String.format("%08x", i).repeat(8));
    }

    void crashAt(int call, boolean after) {
      AtomicInteger calls = new AtomicInteger();
      Faults faults = new Faults() {
        @Override
        public Option<PortFailure> before(String name) {
          if (!after && calls.getAndIncrement() == call) {
            crashedAt.add(name + " before");
            throw new Crash();
          }
          return Option.none();
        }

        @Override
        public Option<PortFailure> after(String name) {
          if (after && calls.getAndIncrement() == call) {
            crashedAt.add(name + " after");
            throw new Crash();
          }
          return Option.none();
        }
      };
      pulls.injectFaults(faults);
      store.injectFaults(faults);
      resources.injectFaults(faults);
    }

    void noFaults() {
      pulls.injectFaults(Faults.NONE);
      store.injectFaults(Faults.NONE);
      resources.injectFaults(Faults.NONE);
    }

    /** A reconcile that may crash; the deployer then deploys whatever Git holds. */
    void reconcile(Option<Integer> crashCall, boolean after) {
      crashCall.forEach(call -> crashAt(call, after));
      try {
        service.reconcile();
        log.append(" ok");
      } catch (Crash crash) {
        log.append(" crashed");
      } finally {
        noFaults();
      }
      deploy();
      assertThat(store.inventory().previews().size()).as("%s", log).isLessThanOrEqualTo(QUOTA);
    }

    void deploy() {
      store.inventory().previews().values().forEach(resources::provision);
    }

    void step(int command, int a, int b, int c) {
      long pr = 1 + a % PULL_REQUESTS;
      switch (command % 10) {
        case 0 -> {
          if (heads[(int) pr] == 0) {
            heads[(int) pr] = nextCommit++;
            if (b % 3 == 0) {
              pulls.open(pr, "main", commit(heads[(int) pr]));
            } else {
              pulls.open(pr, "main", commit(heads[(int) pr]), "preview");
            }
            log.append("\nopen #").append(pr);
          }
        }
        case 1 -> {
          if (pulls.isOpen(pr)) {
            heads[(int) pr] = nextCommit++;
            pulls.push(pr, commit(heads[(int) pr]));
            log.append("\npush #").append(pr);
          }
        }
        case 2 -> {
          if (heads[(int) pr] != 0) {
            pulls.build(commit(heads[(int) pr]), digest(heads[(int) pr] * 10 + b % 2));
            log.append("\nbuild #").append(pr);
          }
        }
        case 3 -> {
          pulls.close(pr);
          log.append("\nclose #").append(pr);
        }
        case 4 -> {
          if (pulls.isOpen(pr)) {
            pulls.merge(pr);
            log.append("\nmerge #").append(pr);
          }
        }
        case 5 -> {
          pulls.reopen(pr);
          log.append("\nreopen #").append(pr);
        }
        case 6 -> {
          if (b % 2 == 0) {
            pulls.label(pr, "preview");
          } else {
            pulls.unlabel(pr, "preview");
          }
          log.append("\nlabel #").append(pr);
        }
        case 7 -> {
          clock.set(clock.get().plus(Duration.ofHours(6L * (1 + b % 6))));
          log.append("\n+").append(6 * (1 + b % 6)).append("h");
        }
        default -> {
          // a webhook: lost (0), delivered (1) or duplicated (2); the first delivery may crash
          int deliveries = b % 3;
          log.append("\nwebhook x").append(deliveries);
          for (int d = 0; d < deliveries; d++) {
            Option<Integer> crash = d == 0 && c < 80 ? Option.some(c % 16) : Option.none();
            if (crash.isDefined()) {
              log.append(" crash@").append(crash.get()).append(b % 2 == 0 ? "/before" : "/after");
            }
            reconcile(crash, b % 2 == 1);
          }
        }
      }
    }

    /** The forge is quiet now: scheduled reconciles settle everything, the last one changes nothing. */
    void settle() {
      for (int i = 0; i < 3; i++) {
        reconcile(Option.none(), false);
      }
      PreviewReport last = service.reconcile().get();
      assertThat(last.written()).as("%s", log).isFalse();
      assertThat(last.cleanedUp()).as("%s", log).isEmpty();
      deploy();
    }

    void assertNothingLeakedAndNothingMissing() {
      Instant now = clock.get();
      PreviewInventory inventory = store.inventory();
      List<OpenPullRequest> open = List.ofAll(pulls.open());
      for (PreviewEnvironment preview : inventory.previews().values()) {
        Option<OpenPullRequest> pr = open.find(p -> p.number().equals(preview.pr()));
        assertThat(pr.isDefined() && POLICY.selects(pr.get()) && !POLICY.expired(pr.get(), now))
            .as("leaked preview %s\n%s", preview, log).isTrue();
      }
      assertThat(inventory.pendingCleanups()).as("%s", log).isEmpty();
      assertThat(resources.live()).as("leaked outside resources\n%s", log)
          .containsExactlyElementsOf(inventory.previews().values().map(p -> Tuple.of(p.pr(), p.created())));
      PreviewReport report = service.reconcile().get();
      for (OpenPullRequest pr : open) {
        Option<ImageDigest> build = pulls.builtDigest(pr.headCommit());
        if (!POLICY.selects(pr) || POLICY.expired(pr, now) || build.isEmpty()) {
          continue;
        }
        Option<PreviewEnvironment> preview = inventory.previews().get(pr.number());
        if (preview.isEmpty()) {
          assertThat(inventory.previews().size()).as("missing preview of %s\n%s", pr.number(), log).isEqualTo(QUOTA);
          assertThat(report.plan().holds().find(h -> h.pr().equals(pr.number())).map(PreviewHold::reason))
              .as("%s\n%s", pr.number(), log).contains(PreviewHold.Reason.QUOTA_REACHED);
        } else {
          assertThat(preview.get().headCommit()).as("stale preview of %s\n%s", pr.number(), log).isEqualTo(pr.headCommit());
          assertThat(preview.get().digest()).isEqualTo(build.get());
        }
      }
    }
  }

  @Test
  void with_lost_and_duplicated_webhooks_and_a_crash_at_any_port_call_nothing_leaks_and_nothing_is_missing() {
    qt().withExamples(200).withShrinkCycles(100)
        .forAll(lists().of(integers().between(0, 99_999)).ofSizeBetween(3, 90))
        .checkAssert(numbers -> {
          Run run = new Run();
          Iterator<Integer> next = numbers.iterator();
          while (next.hasNext()) {
            int command = next.next();
            run.step(command % 10, command / 10 % 10, command / 100 % 10, command / 1000);
          }
          run.settle();
          run.assertNothingLeakedAndNothingMissing();
        });
  }

  /**
   * One reconcile that makes every kind of port call (it creates, updates and reaps a closed and a
   * merged PR's previews), crashed at each of its calls in turn, before the call and after it took
   * effect: the next scheduled reconciles always repair it.
   */
  @Test
  void a_crash_at_every_port_call_of_a_reconcile_is_repaired_by_the_next_ones() {
    for (int call = 0; call < 16; call++) {
      for (boolean after : new boolean[] {false, true}) {
        Run run = new Run();
        for (int pr = 1; pr <= 3; pr++) {
          run.step(0, pr - 1, 1, 99);
          run.step(2, pr - 1, 0, 99);
        }
        run.reconcile(Option.none(), false);
        assertThat(run.store.inventory().previews()).hasSize(3);
        run.step(3, 0, 0, 99);
        run.step(4, 1, 0, 99);
        run.step(1, 2, 0, 99);
        run.step(2, 2, 1, 99);
        run.step(0, 3, 1, 99);
        run.step(2, 3, 0, 99);
        run.reconcile(Option.some(call), after);
        run.settle();
        run.assertNothingLeakedAndNothingMissing();
      }
    }
    assertThat(HashSet.ofAll(crashedAt)).as("port calls a crash was injected at").containsExactlyInAnyOrderElementsOf(EVERY_CALL);
  }
}
