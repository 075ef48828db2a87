package io.platinur.testkit.model;

import static io.platinur.testkit.model.DigestPromotionRun.API;
import static io.platinur.testkit.model.DigestPromotionRun.AUTHOR;
import static io.platinur.testkit.model.DigestPromotionRun.BUILDS;
import static io.platinur.testkit.model.DigestPromotionRun.DEV;
import static io.platinur.testkit.model.DigestPromotionRun.PATH;
import static io.platinur.testkit.model.DigestPromotionRun.PROD;
import static io.platinur.testkit.model.DigestPromotionRun.QA;
import static io.platinur.testkit.model.DigestPromotionRun.STAGING;
import static io.platinur.testkit.model.DigestPromotionRun.WEB;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.testkit.model.DigestCommand.Named;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of promote-by-digest command sequences for {@link DigestPromotionRun}.
 * Every choice is drawn from a generator, so a failing sequence shrinks: commands fall out, services
 * become api, verdicts and waits become the first choice, until only what fails is left.
 */
public final class DigestGenerators {
  private DigestGenerators() {}

  private static <T> Gen<T> pick(List<T> values) {
    return Generate.pick(values);
  }

  /** api seven times in ten, web otherwise. */
  public static Gen<ServiceName> services() {
    return Generate.frequency(Pair.of(7, Generate.constant(API)), Pair.of(3, Generate.constant(WEB)));
  }

  /** A step target: staging or prod. */
  public static Gen<EnvironmentName> steps() {
    return pick(List.of(STAGING, PROD));
  }

  /** Any promote: mostly into staging or prod from the path's source, sometimes off the path, skipping, or naming a digest. */
  public static Gen<DigestCommand> promotes() {
    Gen<EnvironmentName> targets = Generate.frequency(List.of(Pair.of(1, Generate.constant(DEV)), Pair.of(1, Generate.constant(QA)),
        Pair.of(9, Generate.constant(STAGING)), Pair.of(9, Generate.constant(PROD))));
    Gen<Integer> fromRoll = integers().between(0, 9);
    Gen<Named> named = Generate.frequency(List.of(Pair.of(6, Generate.constant(Named.NONE)), Pair.of(2, Generate.constant(Named.SOURCE_PIN)),
        Pair.of(2, pick(List.of(Named.BUILD_0, Named.BUILD_1, Named.INITIAL_OF_TARGET)))));
    return services().zip(targets, fromRoll, named, (service, target, roll, digest) -> new DigestCommand.Promote(service, target,
        roll < 7 ? Option.none() : roll < 9 ? PATH.source(target) : Option.some(roll == 9 && target.equals(STAGING) ? STAGING : DEV), digest));
  }

  /** Any single command, weighted as a busy day mixes them. */
  public static Gen<DigestCommand> commands() {
    Gen<DigestCommand> complete = services().zip(Generate.frequency(Pair.of(9, steps()), Pair.of(1, Generate.constant(DEV))),
        DigestCommand.Complete::new);
    Gen<DigestCommand> gate = services().zip(steps(), DigestCommand.Gate::new);
    Gen<DigestCommand> sync = Generate.constant(new DigestCommand.Sync());
    Gen<DigestCommand> wait = pick(List.of(10, 20, 40, 70)).map(minutes -> new DigestCommand.Wait(Duration.ofMinutes(minutes)));
    Gen<DigestCommand> approve = services().zip(pick(List.of("alice", "alice", "bob", "mallory", AUTHOR)), DigestCommand.Approve::new);
    Gen<DigestCommand> canary = services().zip(pick(List.of(CanaryVerdict.values())), DigestCommand.Canary::new);
    Gen<DigestCommand> build = services().zip(integers().between(0, BUILDS.size() - 1), DigestCommand.Build::new);
    Gen<DigestCommand> ci = pick(List.of(CiState.GREEN, CiState.GREEN, CiState.RED, CiState.PENDING)).map(DigestCommand.Ci::new);
    Gen<DigestCommand> status = pick(List.of(DEV, STAGING, STAGING, PROD)).zip(services(), pick(List.of(DeploymentState.FAILURE, DeploymentState.SUCCESS)),
        DigestCommand.DeployStatus::new);
    Gen<DigestCommand> rollback = services().zip(Generate.frequency(Pair.of(9, steps()), Pair.of(1, Generate.constant(DEV))),
        DigestCommand.Rollback::new);
    Gen<DigestCommand> close = services().zip(steps(), DigestCommand.ClosePr::new);
    Gen<DigestCommand> tag = services().zip(steps(), pick(List.of("api:latest", "v1.2", "sha256:" + "AB".repeat(32), "sha256:abc")),
        DigestCommand.PromoteTag::new);
    return Generate.frequency(List.of(Pair.of(16, promotes()), Pair.of(12, complete), Pair.of(4, gate), Pair.of(10, sync), Pair.of(10, wait),
        Pair.of(10, approve), Pair.of(8, canary), Pair.of(6, build), Pair.of(5, ci), Pair.of(6, status), Pair.of(8, rollback),
        Pair.of(4, close), Pair.of(3, tag)));
  }

  /** Up to {@code maxLength} random commands. */
  public static Gen<List<DigestCommand>> randomSequences(int maxLength) {
    return lists().of(commands()).ofSizeBetween(1, maxLength).describedAs(commands -> new ArrayList<>(commands).toString());
  }

  /**
   * A digest's climb to prod — promote (a person may close the PR), sync, soak, promote, approve,
   * complete (a person may close the PR first), the gate, a canary verdict, time, complete or sync, perhaps a
   * rollback in prod or staging, sync — with up to {@code maxNoise} random commands slipped in
   * between its steps, so that sequences do reach prod and come back.
   */
  public static Gen<List<DigestCommand>> climbs(int maxNoise) {
    Gen<Integer> oneInSix = integers().between(0, 5);
    Gen<ClimbStart> starts = services().zip(oneInSix, oneInSix, (service, closeStaging, closeProd) ->
        new ClimbStart(service, closeStaging == 0, closeProd == 0));
    Gen<ClimbEnd> ends = pick(List.of(CanaryVerdict.values())).zip(pick(List.of(10, 40)), Generate.booleans(), integers().between(0, 3),
        ClimbEnd::new);
    Gen<List<Pair<Integer, DigestCommand>>> noise = lists().of(integers().between(0, 14).zip(commands(), Pair::of)).ofSizeBetween(0, maxNoise);
    return starts.zip(ends, noise, DigestGenerators::climb).describedAs(commands -> new ArrayList<>(commands).toString());
  }

  /** How a climb begins: which service, and whether a person closes its staging or its prod PR. */
  private record ClimbStart(ServiceName service, boolean closeStaging, boolean closeProd) {}

  /** How a climb ends: the canary's verdict, how long after it, complete or sync, and which rollback (0: prod, 1: staging, else none). */
  private record ClimbEnd(CanaryVerdict verdict, int waitMinutes, boolean complete, int tail) {}

  private static List<DigestCommand> climb(ClimbStart start, ClimbEnd end, List<Pair<Integer, DigestCommand>> noise) {
    ServiceName service = start.service();
    boolean closeStaging = start.closeStaging();
    boolean closeProd = start.closeProd();
    CanaryVerdict verdict = end.verdict();
    int waitMinutes = end.waitMinutes();
    boolean complete = end.complete();
    int tail = end.tail();
    List<DigestCommand> climb = new ArrayList<>(List.of(new DigestCommand.Promote(service, STAGING, Option.none(), Named.NONE)));
    if (closeStaging) {
      climb.add(new DigestCommand.ClosePr(service, STAGING));
    }
    climb.addAll(List.of(new DigestCommand.Sync(), new DigestCommand.Wait(Duration.ofMinutes(70)),
        new DigestCommand.Promote(service, PROD, Option.none(), Named.NONE), new DigestCommand.Approve(service, "alice")));
    if (closeProd) {
      climb.add(new DigestCommand.ClosePr(service, PROD));
    }
    climb.addAll(List.of(new DigestCommand.Complete(service, PROD), new DigestCommand.Gate(service, PROD), new DigestCommand.Canary(service, verdict),
        new DigestCommand.Wait(Duration.ofMinutes(waitMinutes)), complete ? new DigestCommand.Complete(service, PROD) : new DigestCommand.Sync()));
    if (tail < 2) {
      climb.add(new DigestCommand.Rollback(service, tail == 0 ? PROD : STAGING));
    }
    climb.add(new DigestCommand.Sync());
    List<DigestCommand> commands = new ArrayList<>(climb);
    // slipped in from the back, so each position still names a place in the climb as it grows
    noise.stream().sorted((a, b) -> Integer.compare(b._1, a._1))
        .forEach(slipped -> commands.add(Math.min(slipped._1, commands.size()), slipped._2));
    return commands;
  }

  /** Half random commands, half climbs with noise: what the model tests run. */
  public static Gen<List<DigestCommand>> sequences(int maxLength) {
    return Generate.oneOf(randomSequences(maxLength), climbs(maxLength / 3));
  }
}
