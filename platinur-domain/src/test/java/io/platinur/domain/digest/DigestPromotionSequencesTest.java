package io.platinur.domain.digest;

import static io.platinur.domain.digest.PromotionExamples.API;
import static io.platinur.domain.digest.PromotionExamples.DEV;
import static io.platinur.domain.digest.PromotionExamples.PROD;
import static io.platinur.domain.digest.PromotionExamples.STAGING;
import static io.platinur.domain.digest.PromotionExamples.T0;
import static io.platinur.domain.digest.PromotionExamples.commit;
import static io.platinur.domain.digest.PromotionExamples.digest;
import static io.platinur.domain.digest.PromotionExamples.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.gate.DeploymentState;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every sequence of up to five commands against one service on dev → staging → prod (canary on
 * prod), run against {@link DigestPromotions} inside a small simulated world (pins, deployment
 * statuses, the forge's open PRs, a clock 20 minutes further at every step) and compared, step by
 * step, with a reference model written from the rules alone. After every merge into prod it checks
 * build once: the digest was pinned in dev, then in staging, before. After every merged revert it
 * checks that prod pins exactly what it pinned before the promotion.
 */
class DigestPromotionSequencesTest {
  private static final int MAX_LENGTH = 5;
  private static final PromotionPath PATH = PromotionPath.standard();
  private static final PinLayout LAYOUT = PinLayout.standard();
  private static final PromotionTarget API_STAGING = target(API, STAGING);
  private static final PromotionTarget API_PROD = target(API, PROD);
  private static final ImageDigest BUILT = digest(0xa1);
  private static final ImageDigest OLD = digest(0xb2);
  private static final Duration STEP = Duration.ofMinutes(20);

  enum Command {
    BUILD, DEPLOY_DEV, PROMOTE_STAGING, PROMOTE_PROD, PROMOTE_PROD_FROM_DEV, MERGE_STAGING, MERGE_PROD, CLOSE_PROD,
    COMPLETE_PASS, COMPLETE_FAIL, COMPLETE_RUNNING, ROLLBACK_PROD
  }

  /** The states as the model names them. */
  enum Stage { NONE, PROPOSED, OPEN, MERGED, CANARY, PROMOTED, WITHDRAWN, ROLLING, ROLLED }

  /** A PR the simulated forge holds open: what the target pins once it merges. */
  record OpenPr(PullRequestNumber number, ImageDigest pinAfter, boolean revert) {}

  /** The simulated outside world: pins, deployment statuses, open PRs, when each digest first reached each environment. */
  record World(Pins pins, Seq<DigestDeployment> deployments, Map<PromotionTarget, OpenPr> open,
      Map<EnvironmentName, Map<ImageDigest, Instant>> firstPinned, Instant now, int counter) {

    World pin(EnvironmentName environment, ImageDigest digest, DeploymentState state) {
      Map<ImageDigest, Instant> seen = firstPinned.get(environment).getOrElse(HashMap.empty());
      return new World(pins.with(environment, API, digest),
          deployments.append(new DigestDeployment(environment, API, digest, state, now)), open,
          firstPinned.put(environment, seen.containsKey(digest) ? seen : seen.put(digest, now)), now, counter);
    }
  }

  /** The reference model: per target a stage, and what its promotion moves. */
  record Model(Map<PromotionTarget, Stage> stages, Map<PromotionTarget, ImageDigest> prodBefore, Map<PromotionTarget, Instant> canarySince,
      Map<EnvironmentName, ImageDigest> healthy) {
    Stage stage(PromotionTarget target) {
      return stages.get(target).getOrElse(Stage.NONE);
    }

    Model with(PromotionTarget target, Stage stage) {
      return new Model(stages.put(target, stage), prodBefore, canarySince, healthy);
    }
  }

  private long sequences;
  private final Set<Stage> reached = EnumSet.noneOf(Stage.class);
  private final Set<String> rejections = new HashSet<>();
  private int rollbacksChecked;
  private int prodMergesChecked;

  @Test
  void every_command_sequence_up_to_length_5_agrees_with_the_reference_model() {
    World world = new World(
        Pins.none().with(DEV, API, BUILT).with(STAGING, API, BUILT).with(PROD, API, OLD),
        List.of(DEV, STAGING).map(env -> new DigestDeployment(env, API, BUILT, DeploymentState.SUCCESS, T0.minus(Duration.ofHours(2))))
            .append(new DigestDeployment(PROD, API, OLD, DeploymentState.SUCCESS, T0.minus(Duration.ofHours(2)))),
        HashMap.empty(),
        HashMap.of(DEV, HashMap.of(OLD, T0.minus(Duration.ofHours(9)), BUILT, T0.minus(Duration.ofHours(5))),
            STAGING, HashMap.of(OLD, T0.minus(Duration.ofHours(8)), BUILT, T0.minus(Duration.ofHours(4))),
            PROD, HashMap.of(OLD, T0.minus(Duration.ofHours(7)))),
        T0, 0);
    Model model = new Model(HashMap.empty(), HashMap.empty(), HashMap.empty(), HashMap.of(DEV, BUILT, STAGING, BUILT, PROD, OLD));
    walk(DigestPromotions.none(PATH), world, model, new ArrayList<>());

    long expected = 0;
    for (int length = 1; length <= MAX_LENGTH; length++) {
      expected += Math.round(Math.pow(Command.values().length, length));
    }
    assertThat(sequences).isEqualTo(expected).isEqualTo(271_452L);
    // Proposed never rests: the PR opens in the same step (the unit tests cover it alone).
    assertThat(reached).containsExactlyInAnyOrder(
        Stage.NONE, Stage.OPEN, Stage.MERGED, Stage.CANARY, Stage.PROMOTED, Stage.WITHDRAWN, Stage.ROLLING, Stage.ROLLED);
    assertThat(rejections).containsExactlyInAnyOrder(
        "SkipsAnEnvironment", "PromotionInProgress", "AlreadyPinned", "NotDeployedHealthy",
        "NoPromotion", "AlreadyComplete", "CanaryRunning", "RollbackInProgress",
        "NothingToRollBack", "RollbackAlreadyOpen", "PromotionNotMerged");
    assertThat(rollbacksChecked).isPositive();
    assertThat(prodMergesChecked).isPositive();
  }

  private void walk(DigestPromotions promotions, World world, Model model, java.util.List<Command> path) {
    if (path.size() == MAX_LENGTH) {
      return;
    }
    for (Command command : Command.values()) {
      path.add(command);
      World before = new World(world.pins(), world.deployments(), world.open(), world.firstPinned(), world.now().plus(STEP), world.counter());
      Step step = run(command, promotions, before, model);
      sequences++;
      for (PromotionTarget target : List.of(API_STAGING, API_PROD)) {
        Stage actual = stage(step.promotions.latest(target));
        assertThat(actual).as("%s after %s", target, path).isEqualTo(step.model.stage(target));
        reached.add(actual);
      }
      assertThat(step.rejection).as("rejection after %s", path).isEqualTo(step.expectedRejection);
      step.rejection.forEach(rejections::add);
      walk(step.promotions, step.world, step.model, path);
      path.remove(path.size() - 1);
    }
  }

  private record Step(DigestPromotions promotions, World world, Model model, Option<String> rejection, Option<String> expectedRejection) {}

  private Step run(Command command, DigestPromotions promotions, World world, Model model) {
    switch (command) {
      case BUILD: {
        ImageDigest fresh = digest(0x1000 + world.counter());
        World built = world.pin(DEV, fresh, DeploymentState.FAILURE);
        World counted = new World(built.pins(), built.deployments(), built.open(), built.firstPinned(), built.now(), built.counter() + 1);
        Model unhealthy = new Model(model.stages(), model.prodBefore(), model.canarySince(), model.healthy().remove(DEV));
        return new Step(promotions, counted, unhealthy, Option.none(), Option.none());
      }
      case DEPLOY_DEV: {
        ImageDigest pinned = world.pins().pin(DEV, API).get();
        Model healthy = new Model(model.stages(), model.prodBefore(), model.canarySince(), model.healthy().put(DEV, pinned));
        return new Step(promotions, world.pin(DEV, pinned, DeploymentState.SUCCESS), healthy, Option.none(), Option.none());
      }
      case PROMOTE_STAGING:
        return promote(promotions, world, model, PromoteRequest.of(API, STAGING));
      case PROMOTE_PROD:
        return promote(promotions, world, model, PromoteRequest.of(API, PROD));
      case PROMOTE_PROD_FROM_DEV:
        return promote(promotions, world, model, new PromoteRequest(API, PROD, Option.some(DEV), Option.none()));
      case MERGE_STAGING:
        return world.open().get(API_STAGING).map(pr -> merge(promotions, world, model, API_STAGING, pr))
            .getOrElse(new Step(promotions, world, model, Option.none(), Option.none()));
      case MERGE_PROD:
        return world.open().get(API_PROD).map(pr -> merge(promotions, world, model, API_PROD, pr))
            .getOrElse(new Step(promotions, world, model, Option.none(), Option.none()));
      case CLOSE_PROD:
        return world.open().get(API_PROD).map(pr -> close(promotions, world, model, pr))
            .getOrElse(new Step(promotions, world, model, Option.none(), Option.none()));
      case COMPLETE_PASS:
        return complete(promotions, world, model, CanaryVerdict.PASSED);
      case COMPLETE_FAIL:
        return complete(promotions, world, model, CanaryVerdict.FAILED);
      case COMPLETE_RUNNING:
        return complete(promotions, world, model, CanaryVerdict.RUNNING);
      case ROLLBACK_PROD:
        return rollback(promotions, world, model);
      default:
        throw new IllegalStateException(command.name());
    }
  }

  // ---- each command, run for real and predicted by the model ------------------------------------

  private Step promote(DigestPromotions promotions, World world, Model model, PromoteRequest request) {
    PromotionTarget target = request.promotionTarget();
    EnvironmentName source = PATH.source(request.target()).get();
    ImageDigest sourcePin = world.pins().pin(source, API).get();
    Stage stage = model.stage(target);
    Option<String> expected =
        request.from().exists(from -> !from.equals(source)) ? Option.some("SkipsAnEnvironment")
        : List.of(Stage.PROPOSED, Stage.OPEN, Stage.MERGED, Stage.CANARY, Stage.ROLLING).contains(stage) ? Option.some("PromotionInProgress")
        : world.pins().pin(target).contains(sourcePin) ? Option.some("AlreadyPinned")
        : !model.healthy().get(source).contains(sourcePin) ? Option.some("NotDeployedHealthy")
        : Option.none();
    Either<PromoteRejection, PromoteAccepted> decision = promotions.promote(PinReading.of(LAYOUT, world.pins()), world.deployments(), request);
    if (decision.isLeft()) {
      return new Step(promotions, world, model, Option.some(decision.getLeft().getClass().getSimpleName()), expected);
    }
    assertThat(decision.get().promotion().digest()).isEqualTo(sourcePin);
    PullRequestNumber pr = PullRequestNumber.of(world.counter() + 1);
    World opened = new World(world.pins(), world.deployments(), world.open().put(target, new OpenPr(pr, sourcePin, false)),
        world.firstPinned(), world.now(), world.counter() + 1);
    return new Step(promotions.after(decision.get().events(pr)).get(), opened, model.with(target, Stage.OPEN),
        Option.none(), expected);
  }

  private Step merge(DigestPromotions promotions, World world, Model model, PromotionTarget target, OpenPr pr) {
    ImageDigest pinnedBefore = world.pins().pin(target).get();
    World merged = world.pin(target.environment(), pr.pinAfter(), DeploymentState.SUCCESS);
    merged = new World(merged.pins(), merged.deployments(), merged.open().remove(target), merged.firstPinned(), merged.now(), merged.counter() + 1);
    Model next = new Model(model.stages(), model.prodBefore(), model.canarySince(), model.healthy().put(target.environment(), pr.pinAfter()));
    if (pr.revert()) {
      assertThat(pr.pinAfter()).as("a rollback restores exactly the pin before the promotion").isEqualTo(model.prodBefore().get(target).get());
      rollbacksChecked++;
      next = next.with(target, Stage.ROLLED);
    } else if (target.equals(API_PROD)) {
      Instant inDev = world.firstPinned().get(DEV).flatMap(seen -> seen.get(pr.pinAfter())).get();
      Instant inStaging = world.firstPinned().get(STAGING).flatMap(seen -> seen.get(pr.pinAfter())).get();
      assertThat(inDev).as("built once: in dev before staging").isBefore(inStaging);
      assertThat(inStaging).as("in staging before prod").isBefore(world.now());
      prodMergesChecked++;
      next = new Model(next.stages(), next.prodBefore().put(target, pinnedBefore), next.canarySince().put(target, world.now()), next.healthy())
          .with(target, Stage.CANARY);
    } else {
      next = next.with(target, Stage.PROMOTED);
    }
    DigestPromotions after = promotions.after(
        promotions.observe(target, pr.number(), new PullRequestState.Merged(commit(merged.counter())), world.now())).get();
    return new Step(after, merged, next, Option.none(), Option.none());
  }

  private Step close(DigestPromotions promotions, World world, Model model, OpenPr pr) {
    World closed = new World(world.pins(), world.deployments(), world.open().remove(API_PROD), world.firstPinned(), world.now(), world.counter());
    Model next = model.with(API_PROD, pr.revert() ? Stage.MERGED : Stage.WITHDRAWN);
    DigestPromotions after = promotions.after(promotions.observe(API_PROD, pr.number(), new PullRequestState.ClosedUnmerged(), world.now())).get();
    return new Step(after, closed, next, Option.none(), Option.none());
  }

  private Step complete(DigestPromotions promotions, World world, Model model, CanaryVerdict verdict) {
    Stage stage = model.stage(API_PROD);
    boolean timedOut = model.canarySince().get(API_PROD).exists(since -> !world.now().isBefore(since.plus(Duration.ofMinutes(30))));
    Option<String> expected = switch (stage) {
      case NONE, WITHDRAWN, ROLLED -> Option.some("NoPromotion");
      case PROMOTED -> Option.some("AlreadyComplete");
      case ROLLING -> Option.some("RollbackInProgress");
      case CANARY -> verdict == CanaryVerdict.RUNNING && !timedOut ? Option.some("CanaryRunning") : Option.none();
      default -> Option.none();
    };
    // the evidence each need asks for: a passed gate at the PR's head, the verdict of the canary
    Either<CompleteRejection, CompletionStep> decision = promotions.complete(API_PROD, world.now()).flatMap(need -> need.<Either<CompleteRejection, CompletionStep>>fold(
        nothing -> Either.right(nothing.step()),
        prState -> Either.right(prState.decide(new PullRequestState.Open(commit(1)), world.now())),
        gate -> gate.decide(new GateObservation.Gated(commit(1), new StepDecision.Passed(API_PROD)), world.now()).<CompleteRejection>mapLeft(blocked -> blocked),
        canary -> canary.decide(verdict, world.now()).<CompleteRejection>mapLeft(running -> running)));
    if (decision.isLeft()) {
      return new Step(promotions, world, model, Option.some(decision.getLeft().getClass().getSimpleName()), expected);
    }
    return decision.get().fold(
        merge -> {
          Step merged = merge(promotions, world, model, API_PROD, world.open().get(API_PROD).get());
          return new Step(merged.promotions(), merged.world(), merged.model(), Option.none(), expected);
        },
        record -> {
          Model next = stage == Stage.MERGED
              ? new Model(model.stages(), model.prodBefore(), model.canarySince().put(API_PROD, world.now()), model.healthy()).with(API_PROD, Stage.CANARY)
              : model.with(API_PROD, Stage.PROMOTED);
          return new Step(promotions.after(record.events()).get(), world, next, Option.none(), expected);
        },
        rollBack -> openRevert(promotions, world, model, rollBack.rollback(), expected),
        done -> new Step(promotions, world, model, Option.some("AlreadyDone"), expected));
  }

  private Step rollback(DigestPromotions promotions, World world, Model model) {
    Option<String> expected = switch (model.stage(API_PROD)) {
      case NONE, WITHDRAWN, ROLLED -> Option.some("NothingToRollBack");
      case PROPOSED, OPEN -> Option.some("PromotionNotMerged");
      case ROLLING -> Option.some("RollbackAlreadyOpen");
      default -> Option.none();
    };
    Either<RollbackRejection, RollbackAccepted> decision = promotions.rollback(world.pins(), API_PROD, RollbackReason.REQUESTED);
    return decision.fold(
        rejection -> new Step(promotions, world, model, Option.some(rejection.getClass().getSimpleName()), expected),
        plan -> openRevert(promotions, world, model, plan, expected));
  }

  private Step openRevert(DigestPromotions promotions, World world, Model model, RollbackAccepted accepted, Option<String> expected) {
    RollbackPlan plan = accepted.plan();
    assertThat(plan.promotion().previous()).isEqualTo(model.prodBefore().get(API_PROD));
    PullRequestNumber revert = PullRequestNumber.of(world.counter() + 1);
    World opened = new World(world.pins(), world.deployments(),
        world.open().put(API_PROD, new OpenPr(revert, plan.promotion().previous().get(), true)), world.firstPinned(), world.now(), world.counter() + 1);
    return new Step(promotions.after(accepted.events(revert)).get(), opened,
        model.with(API_PROD, Stage.ROLLING), Option.none(), expected);
  }

  private static Stage stage(Option<DigestPromotion> promotion) {
    return promotion.map(state -> state.fold(
        proposed -> Stage.PROPOSED, open -> Stage.OPEN, merged -> Stage.MERGED, canary -> Stage.CANARY,
        promoted -> Stage.PROMOTED, withdrawn -> Stage.WITHDRAWN, rolling -> Stage.ROLLING, rolled -> Stage.ROLLED))
        .getOrElse(Stage.NONE);
  }
}
