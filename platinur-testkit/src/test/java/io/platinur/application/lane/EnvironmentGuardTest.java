package io.platinur.application.lane;

import static io.platinur.application.lane.StagingLaneServiceTest.ANA;
import static io.platinur.application.lane.StagingLaneServiceTest.CONFIG;
import static io.platinur.application.lane.StagingLaneServiceTest.MAIN;
import static io.platinur.application.lane.StagingLaneServiceTest.ORDERS;
import static io.platinur.application.lane.StagingLaneServiceTest.STAGING;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.Refusal;
import io.platinur.domain.environment.Capability;
import io.platinur.domain.environment.Environment;
import io.platinur.domain.environment.EnvironmentRefusal;
import io.platinur.domain.environment.Grant;
import io.platinur.domain.lane.ApplyRejection;
import io.platinur.domain.lane.RejectionReason;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.Permissions;
import io.platinur.port.memory.InMemoryLaneStateStore;
import io.platinur.testkit.memory.InMemoryForge;
import io.vavr.collection.HashSet;
import io.vavr.control.Either;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnvironmentGuardTest {
  private static final CommitAuthor BOB = new CommitAuthor("Bob", "bob@example.com", Instant.parse("2026-11-24T09:00:00Z"));
  /** Ana may apply proposals in Staging; Bob holds nothing. */
  private static final Permissions PERMISSIONS = actor -> actor.name().equals("Ana")
      ? HashSet.of(new Grant(Environment.STAGING, Capability.APPLY_PROPOSALS))
      : HashSet.empty();

  private final InMemoryForge forge = new InMemoryForge(STAGING, MAIN);
  private final InMemoryLaneStateStore store = new InMemoryLaneStateStore(forge);
  private final StagingLaneService lane =
      new StagingLaneService(CONFIG, forge, store, forge, () -> Instant.parse("2026-11-24T10:00:00Z"));

  /** The refusal a rule answered, typed; fails the test when the outcome is anything else. */
  private static <R extends Refusal> R refusal(Either<UseCaseFailure<R>, ?> outcome) {
    assertThat(outcome.isLeft()).as("refused, but was %s", outcome).isTrue();
    assertThat(outcome.getLeft()).isInstanceOf(UseCaseFailure.Rejected.class);
    return ((UseCaseFailure.Rejected<R>) outcome.getLeft()).rejection();
  }

  @Test
  void refuses_prod_actions_with_the_seed_messages_whatever_the_permissions() {
    EnvironmentGuard guard = EnvironmentGuard.policyOnly();
    assertThat(refusal(guard.authorize(Actor.of("ana"), Environment.PROD, Capability.ASSISTANT_DEVELOPMENT))).isEqualTo(
        new EnvironmentRefusal.CapabilityDisabled(Environment.PROD, Capability.ASSISTANT_DEVELOPMENT,
            "Assistant development is disabled in Prod. Develop in Staging and promote the batch."));
    assertThat(refusal(guard.authorize(Actor.of("ana"), Environment.PROD, Capability.INITIAL_RUN)).message())
        .isEqualTo("Initial Run is not available in Prod. It is available only in Staging.");
    assertThat(guard.authorize(Actor.of("ana"), Environment.STAGING, Capability.INITIAL_RUN))
        .isEqualTo(Either.right(new Grant(Environment.STAGING, Capability.INITIAL_RUN)));
    assertThat(guard.authorize(Actor.of("ana"), Environment.PROD, Capability.REFRESH_AND_SCHEDULE))
        .isEqualTo(Either.right(new Grant(Environment.PROD, Capability.REFRESH_AND_SCHEDULE)));
  }

  @Test
  void an_apply_in_prod_is_refused_on_the_host_call_path_and_changes_nothing() {
    CommitId before = forge.head(STAGING);

    ApplyRejection refused = refusal(lane.apply(Environment.PROD, ORDERS, ANA));

    assertThat(refused).isEqualTo(new ApplyRejection.NotAllowed(new EnvironmentRefusal.CapabilityDisabled(
        Environment.PROD, Capability.APPLY_PROPOSALS,
        "Proposals are never applied to Prod directly. Apply them to Staging and promote the batch through a promotion PR.")));
    assertThat(refused.reason()).isEqualTo(RejectionReason.CAPABILITY_DISABLED);
    assertThat(refused.message())
        .isEqualTo("Proposals are never applied to Prod directly. Apply them to Staging and promote the batch through a promotion PR.");
    String by = refused.fold(notAllowed -> "guard", staged -> "lane", deployed -> "lane", open -> "lane", awaiting -> "lane", overlap -> "lane");
    assertThat(by).isEqualTo("guard");
    assertThat(forge.head(STAGING)).isEqualTo(before);
    assertThat(store.load().get()).isEmpty();
    assertThat(lane.apply(Environment.STAGING, ORDERS, ANA).isRight()).isTrue();
  }

  @Test
  void asks_the_host_permissions_before_applying_in_staging() {
    StagingLaneService guarded = lane.withGuard(new EnvironmentGuard(PERMISSIONS));
    CommitId before = forge.head(STAGING);

    ApplyRejection refused = refusal(guarded.apply(ORDERS, BOB));
    assertThat(refused).isEqualTo(new ApplyRejection.NotAllowed(
        new EnvironmentRefusal.PermissionMissing(Actor.of("Bob"), Environment.STAGING, Capability.APPLY_PROPOSALS)));
    assertThat(refused.reason()).isEqualTo(RejectionReason.PERMISSION_MISSING);
    assertThat(refused.message()).isEqualTo("Bob lacks staging permission for applying proposals in Staging.");
    assertThat(forge.head(STAGING)).isEqualTo(before);

    assertThat(guarded.apply(ORDERS, ANA).get().id()).isEqualTo(ORDERS.id());
    assertThat(forge.head(STAGING)).isNotEqualTo(before);
  }
}
