package io.platinur.domain.digest;

import static io.platinur.domain.digest.PromotionExamples.API;
import static io.platinur.domain.digest.PromotionExamples.PROD;
import static io.platinur.domain.digest.PromotionExamples.STAGING;
import static io.platinur.domain.digest.PromotionExamples.T0;
import static io.platinur.domain.digest.PromotionExamples.commit;
import static io.platinur.domain.digest.PromotionExamples.digest;
import static io.platinur.domain.digest.PromotionExamples.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.forge.Review;
import io.platinur.domain.forge.ReviewState;
import io.platinur.domain.gate.CiResult;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The staging → prod gate over every combination of CI, approvals, soak, sync window and parity:
 * it passes exactly when every dimension holds, and names exactly the conditions that do not.
 */
class StepGateTest {
  private static final PromotionTarget TARGET = new PromotionTarget(API, PROD);
  private static final CommitId HEAD = commit(0xabc);
  private static final CommitId OLDER_HEAD = commit(0x9f8);
  private static final ImageDigest DIGEST = digest(0xa1);
  private static final RepoPath PIN = RepoPath.of("environments/prod/api/values.yaml");
  private static final Instant NOW = T0; // Tuesday 10:00 UTC, 11:00 in Berlin
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final StepPolicy POLICY = StepPolicy.builder()
      .requiredApprovals(1)
      .addAllowedReviewers("alice", "bob", "carol", "mallory")
      .minimumSoak(Duration.ofHours(1))
      .build();

  enum Ci { GREEN, PENDING, RED, NO_CHECKS, NOT_REPORTED, OTHER_COMMIT }

  enum Approval { VALID, NONE, BY_AUTHOR, STALE_HEAD, NOT_ALLOWED, WITHDRAWN_BY_CHANGES_REQUESTED, VALID_THEN_COMMENT }

  enum Soak { LONG_ENOUGH, TOO_SHORT, FAILED_SINCE, SUPERSEDED }

  enum Window { OPEN, OUTSIDE_ALLOW, DENIED }

  enum Parity { EXACT, EXTRA_FILE, WRONG_DIGEST, OTHER_BYTES_IN_PIN_FILE }

  @Test
  void passes_exactly_when_every_condition_holds_and_names_every_one_that_does_not() {
    int combinations = 0;
    java.util.Map<Window, StepPolicy> policies = new java.util.EnumMap<>(Window.class);
    for (Window window : Window.values()) {
      policies.put(window, policy(window));
    }
    for (Ci ci : Ci.values()) {
      for (Approval approval : Approval.values()) {
        for (Soak soak : Soak.values()) {
          for (Window window : Window.values()) {
            for (Parity parity : Parity.values()) {
              combinations++;
              StepDecision decision = decide(policies.get(window), evidence(ci, approval, soak, parity));
              Set<StepCondition> expected = EnumSet.noneOf(StepCondition.class);
              if (ci != Ci.GREEN) {
                expected.add(StepCondition.CI);
              }
              if (approval != Approval.VALID && approval != Approval.VALID_THEN_COMMENT) {
                expected.add(StepCondition.APPROVALS);
              }
              if (soak != Soak.LONG_ENOUGH) {
                expected.add(StepCondition.SOAK);
              }
              if (window != Window.OPEN) {
                expected.add(StepCondition.SYNC_WINDOW);
              }
              if (parity != Parity.EXACT) {
                expected.add(StepCondition.PARITY);
              }
              Set<StepCondition> failed = decision.fold(
                  passed -> EnumSet.noneOf(StepCondition.class),
                  blocked -> EnumSet.copyOf(blocked.failures().map(StepFailure::condition).toJavaList()));
              if (!failed.equals(expected) || decision.passed() != expected.isEmpty()) {
                assertThat(failed).as("%s %s %s %s %s", ci, approval, soak, window, parity).isEqualTo(expected);
                assertThat(decision.passed()).as("%s %s %s %s %s", ci, approval, soak, window, parity).isEqualTo(expected.isEmpty());
              }
            }
          }
        }
      }
    }
    assertThat(combinations).isEqualTo(6 * 7 * 4 * 3 * 4);
  }

  @Test
  void says_why_approvals_do_not_count() {
    Seq<StepFailure> failures = failures(POLICY, evidence(Ci.GREEN, Approval.NONE, Soak.LONG_ENOUGH, Parity.EXACT)
        .withReviews(List.of(
            new Review("Dave", ReviewState.APPROVED, HEAD, NOW.minusSeconds(50)),
            new Review("alice", ReviewState.APPROVED, HEAD, NOW.minusSeconds(40)),
            new Review("bob", ReviewState.APPROVED, OLDER_HEAD, NOW.minusSeconds(30)),
            new Review("mallory", ReviewState.APPROVED, HEAD, NOW.minusSeconds(20)),
            new Review("mallory", ReviewState.CHANGES_REQUESTED, HEAD, NOW.minusSeconds(10)))));
    assertThat(failures.map(StepFailure::message)).containsExactly(
        "Needs 1 approval of head " + HEAD.abbreviated() + "; has 0. Not counted: alice is the PR's author, bob approved an older head ("
            + OLDER_HEAD.abbreviated() + "), Dave is not an allowed reviewer.");
  }

  @Test
  void writes_exact_messages_for_ci_soak_window_and_parity() {
    StepPolicy closed = policy(Window.DENIED);
    assertThat(failures(closed, evidence(Ci.RED, Approval.VALID, Soak.TOO_SHORT, Parity.EXTRA_FILE)).map(StepFailure::message)).containsExactly(
        "CI is red at " + HEAD.abbreviated() + ".",
        DIGEST.abbreviated() + " must be deployed healthy in staging for 1 h before entering prod; it has been for 20 min.",
        "A deny window (TUE 09:00–12:00 Europe/Berlin) is in force; deny windows win over allow windows.",
        "The PR may change only environments/prod/api/values.yaml; it also changes environments/prod/api/secrets.yaml.");
    assertThat(failures(POLICY, evidence(Ci.OTHER_COMMIT, Approval.VALID, Soak.FAILED_SINCE, Parity.WRONG_DIGEST)).map(StepFailure::message)).containsExactly(
        "CI reported at " + OLDER_HEAD.abbreviated() + ", not at " + HEAD.abbreviated() + ", the PR's head.",
        DIGEST.abbreviated() + " is not deployed healthy in staging now.",
        "The PR leaves image.digest at " + digest(0xb2).abbreviated() + "; the promotion needs " + DIGEST.abbreviated() + ".");
    assertThat(failures(POLICY, evidence(Ci.NOT_REPORTED, Approval.VALID, Soak.LONG_ENOUGH, Parity.OTHER_BYTES_IN_PIN_FILE)).map(StepFailure::message)).containsExactly(
        "CI has not reported at " + HEAD.abbreviated() + ", the PR's head.",
        "The PR changes environments/prod/api/values.yaml beyond the image.digest scalar.");
  }

  @Test
  void a_commit_without_checks_is_green_only_when_the_policy_says_so() {
    StepPolicy lenient = StepPolicy.builder().noChecksCountsAsGreen(true).build();
    assertThat(decide(lenient, evidence(Ci.NO_CHECKS, Approval.NONE, Soak.TOO_SHORT, Parity.EXACT)).passed()).isTrue();
    assertThat(decide(StepPolicy.automatic(), evidence(Ci.NO_CHECKS, Approval.NONE, Soak.TOO_SHORT, Parity.EXACT)).passed()).isFalse();
  }

  // ---- building the evidence ------------------------------------------------------------------

  private static Seq<StepFailure> failures(StepPolicy policy, StepEvidence evidence) {
    return StepGate.evaluate(policy, evidence).fold(passed -> List.empty(), StepDecision.Blocked::failures);
  }

  private static StepPolicy policy(Window window) {
    Set<DayOfWeek> tuesday = EnumSet.of(DayOfWeek.TUESDAY);
    SyncWindows windows = switch (window) {
      case OPEN -> SyncWindows.allowing(new WeeklyWindow(tuesday, LocalTime.of(9, 0), LocalTime.of(17, 0), BERLIN));
      case OUTSIDE_ALLOW -> SyncWindows.allowing(new WeeklyWindow(tuesday, LocalTime.of(14, 0), LocalTime.of(17, 0), BERLIN));
      case DENIED -> SyncWindows.allowing(new WeeklyWindow(tuesday, LocalTime.of(9, 0), LocalTime.of(17, 0), BERLIN))
          .denying(new WeeklyWindow(tuesday, LocalTime.of(9, 0), LocalTime.of(12, 0), BERLIN));
    };
    return StepPolicy.builder().from(POLICY).syncWindows(windows).build();
  }

  private static Evidence evidence(Ci ci, Approval approval, Soak soak, Parity parity) {
    Option<CiResult> ciResult = switch (ci) {
      case GREEN -> Option.some(new CiResult(HEAD, CiState.GREEN));
      case PENDING -> Option.some(new CiResult(HEAD, CiState.PENDING));
      case RED -> Option.some(new CiResult(HEAD, CiState.RED));
      case NO_CHECKS -> Option.some(new CiResult(HEAD, CiState.NO_CHECKS));
      case NOT_REPORTED -> Option.none();
      case OTHER_COMMIT -> Option.some(new CiResult(OLDER_HEAD, CiState.GREEN));
    };
    Seq<Review> reviews = switch (approval) {
      case VALID -> List.of(new Review("bob", ReviewState.APPROVED, HEAD, NOW.minusSeconds(60)));
      case NONE -> List.empty();
      case BY_AUTHOR -> List.of(new Review("ALICE", ReviewState.APPROVED, HEAD, NOW.minusSeconds(60)));
      case STALE_HEAD -> List.of(new Review("bob", ReviewState.APPROVED, OLDER_HEAD, NOW.minusSeconds(60)));
      case NOT_ALLOWED -> List.of(new Review("eve", ReviewState.APPROVED, HEAD, NOW.minusSeconds(60)));
      case WITHDRAWN_BY_CHANGES_REQUESTED -> List.of(
          new Review("bob", ReviewState.CHANGES_REQUESTED, HEAD, NOW.minusSeconds(30)),
          new Review("bob", ReviewState.APPROVED, HEAD, NOW.minusSeconds(60)));
      case VALID_THEN_COMMENT -> List.of(
          new Review("bob", ReviewState.APPROVED, HEAD, NOW.minusSeconds(60)),
          new Review("bob", ReviewState.COMMENTED, HEAD, NOW.minusSeconds(30)));
    };
    Seq<DigestDeployment> deployments = switch (soak) {
      case LONG_ENOUGH -> List.of(healthy(STAGING, API, DIGEST, NOW.minus(Duration.ofMinutes(90))),
          healthy(STAGING, API, DIGEST, NOW.minus(Duration.ofMinutes(10))));
      case TOO_SHORT -> List.of(
          new DigestDeployment(STAGING, API, DIGEST, DeploymentState.FAILURE, NOW.minus(Duration.ofMinutes(90))),
          healthy(STAGING, API, DIGEST, NOW.minus(Duration.ofMinutes(20))));
      case FAILED_SINCE -> List.of(healthy(STAGING, API, DIGEST, NOW.minus(Duration.ofMinutes(90))),
          new DigestDeployment(STAGING, API, DIGEST, DeploymentState.FAILURE, NOW.minus(Duration.ofMinutes(5))));
      case SUPERSEDED -> List.of(healthy(STAGING, API, DIGEST, NOW.minus(Duration.ofMinutes(90))),
          healthy(STAGING, API, digest(0xc3), NOW.minus(Duration.ofMinutes(5))));
    };
    PromotionDiff diff = switch (parity) {
      case EXACT -> new PromotionDiff(TreeSet.of(PIN), Option.some(DIGEST), false);
      case EXTRA_FILE -> new PromotionDiff(TreeSet.of(PIN, RepoPath.of("environments/prod/api/secrets.yaml")), Option.some(DIGEST), false);
      case WRONG_DIGEST -> new PromotionDiff(TreeSet.of(PIN), Option.some(digest(0xb2)), false);
      case OTHER_BYTES_IN_PIN_FILE -> new PromotionDiff(TreeSet.of(PIN), Option.some(DIGEST), true);
    };
    return new Evidence(new StepEvidence(TARGET, STAGING, DIGEST, Option.some(DIGEST), PIN, PinKey.of("image.digest"), HEAD, "alice",
        ciResult, reviews, deployments, diff, NOW));
  }

  /** Evidence with one part replaced. */
  private record Evidence(StepEvidence value) {
    Evidence withReviews(Seq<Review> reviews) {
      StepEvidence e = value;
      return new Evidence(new StepEvidence(e.target(), e.source(), e.sourceDigest(), e.expectedPin(), e.pinPath(), e.key(), e.head(),
          e.author(), e.ci(), reviews, e.deployments(), e.diff(), e.now()));
    }
  }

  private static Seq<StepFailure> failures(StepPolicy policy, Evidence evidence) {
    return failures(policy, evidence.value());
  }

  private static StepDecision decide(StepPolicy policy, Evidence evidence) {
    return StepGate.evaluate(policy, evidence.value());
  }
}
