package io.platinur.application.digest;

import io.platinur.application.digest.DigestPromotionService.Ports;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.CompletionNeed;
import io.platinur.domain.digest.DigestDeployment;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.GateObservation;
import io.platinur.domain.digest.GateQuestion;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.digest.StepDecision;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.gate.CiResult;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.TimeSource;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * Reads, through the ports, exactly the evidence a decision asked for: a PR's state, its gate at
 * its head, a canary's verdict, the deployment statuses of a step's source. Reads only; the
 * decisions are the aggregate's.
 */
final class Evidence {
  private final PromotionPath path;
  private final PinLayout layout;
  private final Ports ports;
  private final TimeSource time;

  Evidence(PromotionPath path, PinLayout layout, Ports ports, TimeSource time) {
    this.path = path;
    this.layout = layout;
    this.ports = ports;
    this.time = time;
  }

  /** The deployment statuses of {@code service} in the environment a digest enters {@code target} from; none for the first. */
  Either<PortFailure, Seq<DigestDeployment>> sourceStatuses(EnvironmentName target, ServiceName service) {
    return path.source(target).fold(() -> Either.right(List.empty()), source -> ports.deployments().statuses(source, service));
  }

  Either<PortFailure, PullRequestState> prState(CompletionNeed.PrState need) {
    return ports.pullRequests().state(need.pr());
  }

  Either<PortFailure, CanaryVerdict> verdict(CompletionNeed.Verdict need) {
    return ports.canary().verdict(need.target(), need.digest());
  }

  /**
   * What the question's PR is now: closed or merged, or open with its gate's decision at its head.
   * A blocked decision is confirmed by reading the PR once more: a PR merged by another host while
   * its evidence was read (its diff against the branch it merged into is then empty) is merged,
   * not blocked.
   */
  Either<PortFailure, GateObservation> gate(GateQuestion question) {
    return ports.pullRequests().state(question.pr()).flatMap(state -> state.fold(
        open -> decisionAt(question, open.head()).flatMap(decision -> decision.passed()
            ? Either.right(new GateObservation.Gated(open.head(), decision))
            : ports.pullRequests().state(question.pr()).map(again -> again.fold(
                stillOpen -> new GateObservation.Gated(open.head(), decision),
                closed -> new GateObservation.Closed(),
                merged -> new GateObservation.Merged(merged.mergeCommit())))),
        closed -> Either.right(new GateObservation.Closed()),
        merged -> Either.right(new GateObservation.Merged(merged.mergeCommit()))));
  }

  private Either<PortFailure, StepDecision> decisionAt(GateQuestion question, CommitId head) {
    PromotionTarget target = question.target();
    return ports.ci().stateAt(head).flatMap(ci ->
        ports.reviews().reviews(question.pr()).flatMap(reviews ->
            ports.reviews().author(question.pr()).flatMap(author ->
                ports.deployments().statuses(question.source(), target.service()).flatMap(statuses ->
                    ports.pins().diff(head, layout.pinPath(target.environment(), target.service()), layout.key())
                        .map(diff -> question.decide(layout, head, author, Option.some(new CiResult(head, ci)), reviews, statuses, diff,
                            time.now()))))));
  }
}
