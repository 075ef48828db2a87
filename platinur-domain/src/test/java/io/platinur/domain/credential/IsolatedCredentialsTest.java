package io.platinur.domain.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.environment.Environment;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IsolatedCredentialsTest {
  private static final String SHARED_VALUE = "correct-horse-battery-staple";

  private static EnvironmentCredentials.Builder staging() {
    return EnvironmentCredentials.builder(Environment.STAGING);
  }

  private static EnvironmentCredentials.Builder prod() {
    return EnvironmentCredentials.builder(Environment.PROD);
  }

  @Nested
  class Isolated {
    @Test
    void staging_and_prod_with_their_own_secrets_and_databases_are_accepted() {
      var isolated = IsolatedCredentials.of(
          staging().secret("DB_PASSWORD", "staging-pw".toCharArray()).databaseInstance("db-staging.internal").build(),
          prod().secret("DB_PASSWORD", "prod-pw".toCharArray()).databaseInstance("db-prod.internal").build());

      assertThat(isolated.isRight()).isTrue();
      assertThat(isolated.get().staging().databaseInstances()).containsExactly("db-staging.internal");
      assertThat(isolated.get().toString())
          .isEqualTo("IsolatedCredentials[Staging: DB_PASSWORD on db-staging.internal; Prod: DB_PASSWORD on db-prod.internal]")
          .doesNotContain("staging-pw").doesNotContain("prod-pw");
    }
  }

  @Nested
  class Sharing {
    @Test
    void refuses_a_shared_secret_value_and_a_shared_database_naming_both_by_name_only() {
      var refused = IsolatedCredentials.of(
          staging().secret("STAGING_DB_PASSWORD", SHARED_VALUE.toCharArray()).databaseInstance("db.internal").build(),
          prod().secret("DB_PASSWORD", SHARED_VALUE.toCharArray()).databaseInstance("DB.internal").build());

      assertThat(refused.isLeft()).isTrue();
      assertThat(refused.getLeft().sharings()).containsExactly(
          new CredentialSharing.SharedSecret(Environment.STAGING, "STAGING_DB_PASSWORD", Environment.PROD, "DB_PASSWORD"),
          new CredentialSharing.SharedDatabaseInstance("db.internal", Environment.STAGING, Environment.PROD));
      assertThat(refused.getLeft().message()).isEqualTo(
          "Secret STAGING_DB_PASSWORD in Staging and secret DB_PASSWORD in Prod have the same value. Each environment must own its secrets."
              + " Database instance ‘db.internal’ is used by both Staging and Prod. Each environment must use its own database instance.");
      assertThat(refused.getLeft().toString()).doesNotContain(SHARED_VALUE);
    }

    @Test
    void the_exception_of_a_refusal_lists_every_sharing_as_a_problem() {
      var refusal = IsolatedCredentials.of(
          staging().secret("A", SHARED_VALUE.toCharArray()).build(),
          prod().secret("B", SHARED_VALUE.toCharArray()).build()).getLeft();

      SharedCredentialsException thrown = new SharedCredentialsException(refusal);

      assertThat(thrown.refusal()).isEqualTo(refusal);
      assertThat(thrown.problems()).containsExactly(
          "Secret A in Staging and secret B in Prod have the same value. Each environment must own its secrets.");
      assertThat(thrown).isInstanceOf(InvalidValueException.class).hasMessageNotContaining(SHARED_VALUE);
    }
  }

  @Nested
  class Mistakes {
    @Test
    void environments_given_the_wrong_way_round_are_a_typed_error() {
      assertThatThrownBy(() -> IsolatedCredentials.of(prod().build(), staging().build()))
          .isInstanceOf(InvalidValueException.class)
          .hasMessage("Give Staging's credentials first and Prod's second; got Prod's and Staging's.");
    }

    @Test
    void a_secret_without_a_value_or_given_twice_is_refused_by_name() {
      assertThatThrownBy(() -> staging().secret("TOKEN", new char[0]))
          .isInstanceOf(InvalidValueException.class).hasMessage("Secret TOKEN of Staging has no value.");
      assertThatThrownBy(() -> staging().secret("TOKEN", "x".toCharArray()).secret("TOKEN", "y".toCharArray()))
          .isInstanceOf(InvalidValueException.class).hasMessage("Secret TOKEN of Staging is given twice.");
      assertThatThrownBy(() -> staging().secret(" ", "x".toCharArray()))
          .isInstanceOf(InvalidValueException.class).hasMessage("A secret needs a name: one non-blank line.");
      assertThatThrownBy(() -> prod().databaseInstance(""))
          .isInstanceOf(InvalidValueException.class).hasMessage("A database instance needs a name: its host name.");
    }
  }
}
