package io.platinur.port;

import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.repository.BranchName;

/**
 * A GitOps repository for promote by digest, as one bundle: the branch whose environment
 * directories pin each service's digest, where the pins are ({@link PinLayout}), the pins read from
 * it, the promotion and rollback branches written to it, the record of the promotions, and the
 * defaults of the adapter that keeps them (the time of audit entries, how to wait after a lost
 * race). The Git adapter's {@code GitOpsRepository} is one; the testkit's {@code InMemoryGitOps} is
 * another. The branch and the layout are named once, when the repository is opened.
 *
 * <pre>{@code
 * try (GitOpsRepository gitops = GitOpsRepository.open(Path.of("/srv/gitops.git"), BranchName.of("main")).get()) {
 *   DigestPromotionService digests = DigestPromotionService.builder(gitops, github, canary).build();
 * }
 * }</pre>
 */
public interface GitOpsPorts {

  /** The GitOps branch: one directory per environment, differing only in values overlays. */
  BranchName branch();

  /** Where each environment pins each service's digest on {@link #branch()}. */
  PinLayout layout();

  /** The pins on {@link #branch()}, now or at a commit, and what a promotion PR changes. */
  PinnedDigests pins();

  /** The promotion and rollback branches: one commit each that changes only a pin scalar's bytes. */
  PinBranches pinBranches();

  /** The latest promotion of every target and the audit history, saved by compare-and-swap. */
  DigestPromotionStore digestPromotionStore();

  /** The time audit entries, soaks and canaries are measured with, unless the host gives its own. */
  TimeSource timeSource();

  /** How to wait before retrying after a lost compare-and-swap race, unless the host gives its own. */
  RetryBackoff retryBackoff();
}
