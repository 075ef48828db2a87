package io.platinur.application.digest;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.digest.DigestPromotionService.Ports;
import io.platinur.domain.digest.DigestDeployment;
import io.platinur.domain.digest.DigestPromotions;
import io.platinur.domain.digest.EnvironmentDrift;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.ServiceName;
import io.platinur.port.PinSnapshot;
import io.platinur.port.PortFailure;
import io.vavr.Tuple;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;

/**
 * The board: read the promotions, the pins, every environment directory's files and the deployment
 * statuses of every environment a step comes from (once per environment), then decide every next
 * step at once.
 */
final class Board {
  private final PromotionPath path;
  private final PinLayout layout;
  private final Ports ports;

  Board(PromotionPath path, PinLayout layout, Ports ports) {
    this.path = path;
    this.layout = layout;
    this.ports = ports;
  }

  Either<UseCaseFailure<NoRefusal>, PromotionBoard> read(DigestPromotions promotions) {
    return observe().map(observed -> board(promotions, observed));
  }

  /** What the board is decided on: the pins, every environment directory's files, and the statuses of every step's source. */
  record Observed(PinSnapshot snapshot, SortedMap<EnvironmentName, SortedMap<String, String>> files, Seq<DigestDeployment> statuses) {}

  Either<UseCaseFailure<NoRefusal>, Observed> observe() {
    return PortCalls.<NoRefusal, PinSnapshot>unavailable(ports.pins().current()).flatMap(snapshot ->
        PortCalls.<NoRefusal, SortedMap<EnvironmentName, SortedMap<String, String>>>unavailable(
                ports.pins().environmentFiles(snapshot.commit(), path.environments()))
            .flatMap(files -> PortCalls.<NoRefusal, Seq<DigestDeployment>>unavailable(sourceStatuses(snapshot.pins().services()))
                .map(statuses -> new Observed(snapshot, files, statuses))));
  }

  PromotionBoard board(DigestPromotions promotions, Observed observed) {
    PinSnapshot snapshot = observed.snapshot();
    return new PromotionBoard(path, snapshot,
        TreeMap.ofEntries(path.environments().map(env -> Tuple.of(env, snapshot.pins().manifest(env).version()))),
        promotions.latest(), promotions.nextSteps(snapshot.reading(layout), observed.statuses()), EnvironmentDrift.between(layout, observed.files()));
  }

  /** The statuses of every service in every environment a step comes from: one read per environment. */
  private Either<PortFailure, Seq<DigestDeployment>> sourceStatuses(SortedSet<ServiceName> services) {
    return Either.sequenceRight(path.environments().init().map(source -> ports.deployments().statuses(source, services.toList())))
        .map(perEnvironment -> List.ofAll(perEnvironment).flatMap(statuses -> statuses));
  }
}
