package io.platinur.domain.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.repository.BranchName;
import org.junit.jupiter.api.Test;

class LaneConfigurationTest {

  private static LaneConfiguration.Builder valid() {
    LaneConfiguration.Builder builder = LaneConfiguration.builder();
    builder.stagingBranch(BranchName.of("staging"))
        .productionBranch(BranchName.of("main"))
        .addStagingSchemas("analytics_staging")
        .addProductionSchemas("analytics");
    return builder;
  }

  @Test
  void resolves_each_environment_to_its_branch_and_schemas() {
    LaneConfiguration config = valid().build();
    assertThat(config.sourceOfTruth(Environment.PROD)).isEqualTo(BranchName.of("main"));
    assertThat(config.sourceOfTruth(Environment.STAGING)).isEqualTo(BranchName.of("staging"));
    assertThat(config.outputSchemas(Environment.PROD)).containsExactly("analytics");
    assertThat(config.outputSchemas(Environment.STAGING)).containsExactly("analytics_staging");
  }

  @Test
  void rejects_the_same_branch_for_both_environments_when_built() {
    LaneConfiguration.Builder builder = valid();
    builder.productionBranch(BranchName.of("staging"));
    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("The staging and production branches must differ; both are ‘staging’.");
  }

  @Test
  void rejects_shared_output_schemas_ignoring_case_and_reports_every_problem() {
    LaneConfiguration.Builder builder = LaneConfiguration.builder();
    builder.stagingBranch(BranchName.of("main"))
        .productionBranch(BranchName.of("main"))
        .addStagingSchemas("Analytics", "shared")
        .addProductionSchemas("analytics", "bad name");
    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.problems()).containsExactly(
            "The staging and production branches must differ; both are ‘main’.",
            "Output schema ‘bad name’ is not a valid schema name.",
            "Output schema ‘Analytics’ is configured for both Staging and Prod; production output schemas must be separate from staging output schemas."));
  }

  @Test
  void needs_an_output_schema_per_environment() {
    LaneConfiguration.Builder builder = LaneConfiguration.builder();
    builder.stagingBranch(BranchName.of("staging")).productionBranch(BranchName.of("main"));
    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.problems()).containsExactly(
            "Staging needs at least one output schema.", "Prod needs at least one output schema."));
  }
}
