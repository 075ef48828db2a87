package io.platinur.port;

import io.platinur.domain.preview.PreviewEnvironment;
import io.vavr.control.Either;

/**
 * Removes what a reaped preview left outside Git: a per-PR database schema, a DNS record, a bucket.
 * (What lives in Git, the preview's directory, is removed by the reconcile's commit, and the
 * deployer removes what it deployed from it.)
 *
 * <p>Contract: idempotent. Platinur calls it after the commit that reaped the preview and again on
 * every later reconcile until a call succeeds, so it is called again after a crash, a failure, or by
 * several hosts at once; cleaning up what is already gone must succeed. The preview's
 * {@link PreviewEnvironment#created() creation time} tells two previews of one reopened pull request
 * apart, for hosts that name resources by both.
 */
@FunctionalInterface
public interface PreviewCleanup {

  /** Cleans up {@code reaped} and returns it. */
  Either<PortFailure, PreviewEnvironment> cleanUp(PreviewEnvironment reaped);

  /** For hosts whose previews live only in Git. */
  static PreviewCleanup nothingOutsideGit() {
    return Either::right;
  }
}
