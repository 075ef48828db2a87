package io.platinur.domain.environment;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.Actor;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EnvironmentPolicyTest {
  private static final Set<Grant> EVERYTHING =
      HashSet.ofAll(java.util.Arrays.stream(Environment.values())
          .flatMap(e -> java.util.Arrays.stream(Capability.values()).map(c -> new Grant(e, c)))
          .toList());

  @Nested
  class Staging {
    @ParameterizedTest
    @EnumSource(Capability.class)
    void allows_every_capability(Capability capability) {
      assertThat(EnvironmentPolicy.allows(Environment.STAGING, capability)).isTrue();
      assertThat(EnvironmentPolicy.authorize(Actor.of("ana"), EVERYTHING, Environment.STAGING, capability).get()).isEqualTo(new Grant(Environment.STAGING, capability));
    }

    @Test
    void needs_a_staging_grant_for_refreshes() {
      Set<Grant> prodOnly = HashSet.of(new Grant(Environment.PROD, Capability.REFRESH_AND_SCHEDULE));
      assertThat(EnvironmentPolicy.authorize(Actor.of("ana"), prodOnly, Environment.STAGING, Capability.REFRESH_AND_SCHEDULE).getLeft()).isEqualTo(
          new EnvironmentRefusal.PermissionMissing(Actor.of("ana"), Environment.STAGING, Capability.REFRESH_AND_SCHEDULE));
      assertThat(EnvironmentPolicy.authorize(Actor.of("ana"), prodOnly, Environment.STAGING, Capability.REFRESH_AND_SCHEDULE).getLeft().message())
          .isEqualTo("ana lacks staging permission for refreshes and schedules in Staging.");
    }
  }

  @Nested
  class Prod {
    @Test
    void disables_assistant_development() {
      assertThat(EnvironmentPolicy.authorize(Actor.of("ana"), EVERYTHING, Environment.PROD, Capability.ASSISTANT_DEVELOPMENT).getLeft()).isEqualTo(new EnvironmentRefusal.CapabilityDisabled(
          Environment.PROD, Capability.ASSISTANT_DEVELOPMENT, "Assistant development is disabled in Prod. Develop in Staging and promote the batch."));
    }

    @Test
    void has_no_initial_run() {
      assertThat(EnvironmentPolicy.authorize(Actor.of("ana"), EVERYTHING, Environment.PROD, Capability.INITIAL_RUN).getLeft()).isEqualTo(new EnvironmentRefusal.CapabilityDisabled(
          Environment.PROD, Capability.INITIAL_RUN, "Initial Run is not available in Prod. It is available only in Staging."));
    }

    @Test
    void never_applies_proposals_directly() {
      assertThat(EnvironmentPolicy.disallowedReason(Environment.PROD, Capability.APPLY_PROPOSALS))
          .contains("Proposals are never applied to Prod directly. Apply them to Staging and promote the batch through a promotion PR.");
    }

    @Test
    void governs_refreshes_and_schedules_by_production_permissions() {
      Set<Grant> stagingOnly = HashSet.of(new Grant(Environment.STAGING, Capability.REFRESH_AND_SCHEDULE));
      assertThat(EnvironmentPolicy.authorize(Actor.of("bot"), stagingOnly, Environment.PROD, Capability.REFRESH_AND_SCHEDULE).getLeft()).extracting(EnvironmentRefusal::message)
          .isEqualTo("bot lacks production permission for refreshes and schedules in Prod.");
      assertThat(EnvironmentPolicy.authorize(Actor.of("bot"),
              stagingOnly.add(new Grant(Environment.PROD, Capability.REFRESH_AND_SCHEDULE)),
              Environment.PROD, Capability.REFRESH_AND_SCHEDULE).isRight()).isTrue();
    }

    @Test
    void disallowed_actions_are_refused_even_with_a_grant_and_name_the_environment() {
      for (Capability capability : Capability.values()) {
        EnvironmentPolicy.disallowedReason(Environment.PROD, capability)
            .forEach(reason -> assertThat(reason).contains("Prod"));
      }
    }
  }
}
