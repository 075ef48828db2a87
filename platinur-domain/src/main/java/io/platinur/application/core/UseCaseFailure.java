package io.platinur.application.core;

import io.platinur.domain.Refusal;
import io.platinur.port.PortFailure;
import java.util.Objects;
import java.util.function.Function;

/**
 * Why a use case did not complete, the same for every capability: a rule {@link Rejected refused}
 * it, with the command's own sealed refusal type {@code R} (show its exact message to the user), or
 * Git or the forge was {@link Unavailable unavailable} (an operator's matter: retry or sync).
 * Either way nothing observable was changed, except what a sync settles (the port failure's
 * {@link PortFailure.Kind#UNKNOWN_OUTCOME} says so).
 *
 * <pre>{@code
 * Either<UseCaseFailure<ApplyRejection>, StagedProposal> applied = lane.apply(proposal, author);
 * applied.peekLeft(failure -> failure.fold(
 *     rejection -> showToUser(rejection.message()),
 *     unavailable -> alertOperator(unavailable.kind(), unavailable.message())));
 * }</pre>
 *
 * <p>A use case that never refuses anything answers {@code UseCaseFailure<NoRefusal>}: only
 * {@link Unavailable} can reach its caller.
 *
 * @param <R> the command's refusal type
 */
public sealed interface UseCaseFailure<R extends Refusal> permits UseCaseFailure.Rejected, UseCaseFailure.Unavailable {

  /** A rule refused the command. */
  static <R extends Refusal> UseCaseFailure<R> rejected(R rejection) {
    return new Rejected<>(rejection);
  }

  /** A port could not do what the use case asked. */
  static <R extends Refusal> UseCaseFailure<R> unavailable(PortFailure failure) {
    return new Unavailable<>(failure);
  }

  /** The message to show: the refusal's exact words, or the port failure's. */
  String message();

  /** One function per case: the refusal, or the port failure. */
  <X> X fold(Function<? super R, ? extends X> onRejected, Function<? super PortFailure, ? extends X> onUnavailable);

  /** The same failure, with a refusal turned into another command's (a use case built on another). */
  default <Q extends Refusal> UseCaseFailure<Q> mapRejection(Function<? super R, ? extends Q> into) {
    return fold(rejection -> rejected(into.apply(rejection)), UseCaseFailure::unavailable);
  }

  /** Whether a rule refused the command (as opposed to a port failing). */
  default boolean isRejected() {
    return fold(rejection -> true, failure -> false);
  }

  /** A rule refused the command; {@code rejection} says which rule, with the exact message. */
  record Rejected<R extends Refusal>(R rejection) implements UseCaseFailure<R> {
    public Rejected {
      Objects.requireNonNull(rejection, "rejection");
    }

    @Override
    public String message() {
      return rejection.message();
    }

    @Override
    public <X> X fold(Function<? super R, ? extends X> onRejected, Function<? super PortFailure, ? extends X> onUnavailable) {
      return onRejected.apply(rejection);
    }
  }

  /** Git, the forge or another port failed; {@code failure} has the kind and an operator's message. */
  record Unavailable<R extends Refusal>(PortFailure failure) implements UseCaseFailure<R> {
    public Unavailable {
      Objects.requireNonNull(failure, "failure");
    }

    @Override
    public String message() {
      return failure.message();
    }

    @Override
    public <X> X fold(Function<? super R, ? extends X> onRejected, Function<? super PortFailure, ? extends X> onUnavailable) {
      return onUnavailable.apply(failure);
    }
  }
}
