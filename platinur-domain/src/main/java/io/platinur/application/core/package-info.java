/**
 * What every use case shares: one {@link io.platinur.application.core.Transaction} that loads a
 * state with its version, decides on it, saves only what changed with compare-and-swap and an
 * audit entry, and retries a bounded number of times after a lost race; and one failure type,
 * {@link io.platinur.application.core.UseCaseFailure}, that hands each command's own sealed
 * refusal to the caller typed, or says which port was unavailable.
 *
 * <p>For a host developer: every use case answers {@code Either<UseCaseFailure<R>, T>}, where
 * {@code R} is the command's refusal type ({@code ApplyRejection} for apply, {@link
 * io.platinur.application.core.NoRefusal} for a use case that refuses nothing). For a use case's
 * author: adapt the port that keeps the state to a {@link
 * io.platinur.application.core.VersionedStore}, write each command as a {@link
 * io.platinur.application.core.Transaction.Decide} that returns a {@link
 * io.platinur.application.core.Decision} carrying what the caller needs next, and run it.
 */
package io.platinur.application.core;
