package io.platinur.application.digest;

import io.platinur.application.core.Retries;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.port.CanaryAnalysis;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.ForgePorts;
import io.platinur.port.GitOpsPorts;
import io.platinur.port.RetryBackoff;
import io.platinur.port.TimeSource;
import io.platinur.port.WriteBudget;
import java.util.Objects;

/**
 * The options of promote by digest ({@link DigestPromotionService#builder}): the GitOps repository's
 * bundle (its branch and pin layout, named once when it was opened), the forge's bundle (pull
 * requests, reviews, CI and deployment statuses) and the canary analysis that judges the steps
 * ending in a canary. Until the builder is told otherwise the path is {@link
 * PromotionPath#standard()} (dev → staging → prod with ADR-0034's gates), and time and backoff are
 * the GitOps adapter's, up to 8 attempts. {@link #build()} makes the service.
 */
public final class DigestPromotionBuilder {
  private final GitOpsPorts gitops;
  private final ForgePorts forge;
  private final CanaryAnalysis canary;
  private DigestPromotionStore store;
  private PromotionPath path = PromotionPath.standard();
  private TimeSource time;
  private Retries retries;
  private WriteBudget budget = WriteBudget.none();

  DigestPromotionBuilder(GitOpsPorts gitops, ForgePorts forge, CanaryAnalysis canary) {
    this.gitops = Objects.requireNonNull(gitops, "gitops");
    this.forge = Objects.requireNonNull(forge, "forge");
    this.canary = Objects.requireNonNull(canary, "canary");
    this.store = gitops.digestPromotionStore();
    this.time = gitops.timeSource();
    this.retries = new Retries(DigestPromotionService.DEFAULT_ATTEMPTS, gitops.retryBackoff());
  }

  /** The environments a digest climbs and each step's gate (default {@link PromotionPath#standard()}). */
  public DigestPromotionBuilder path(PromotionPath promotionPath) {
    this.path = Objects.requireNonNull(promotionPath, "promotionPath");
    return this;
  }

  /** The time audit entries, soaks and canaries are measured with (default: the GitOps adapter's). */
  public DigestPromotionBuilder clock(TimeSource timeSource) {
    this.time = Objects.requireNonNull(timeSource, "timeSource");
    return this;
  }

  /** Gives up after {@code attempts} lost races (default 8). */
  public DigestPromotionBuilder maxAttempts(int attempts) {
    this.retries = retries.withMaxAttempts(attempts);
    return this;
  }

  /** Waits as {@code retryBackoff} says before each retry (default: the GitOps adapter's). */
  public DigestPromotionBuilder backoff(RetryBackoff retryBackoff) {
    this.retries = retries.withBackoff(retryBackoff);
    return this;
  }

  /**
   * Keeps the promotions in {@code promotionStore} instead of the GitOps repository's own
   * ({@link GitOpsPorts#digestPromotionStore()}), for a host that records them elsewhere too.
   */
  public DigestPromotionBuilder store(DigestPromotionStore promotionStore) {
    this.store = Objects.requireNonNull(promotionStore, "promotionStore");
    return this;
  }

  /**
   * Waits for {@code writeBudget} before every push, PR opened or closed, merge and record save, so
   * that hosts sharing one budget stay within the forge's write limits (default: no waiting).
   */
  public DigestPromotionBuilder writeBudget(WriteBudget writeBudget) {
    this.budget = Objects.requireNonNull(writeBudget, "writeBudget");
    return this;
  }

  public DigestPromotionService build() {
    DigestPromotionService.Ports ports = new DigestPromotionService.Ports(gitops.pins(), gitops.pinBranches(), forge.pullRequests(), forge.openPullRequests(), forge.reviews(),
        forge.ci(), forge.digestDeployments(), canary, store);
    return new DigestPromotionService(path, gitops.layout(), gitops.branch(), ports, time, retries).withWriteBudget(budget);
  }
}
