package io.platinur.domain.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.gate.CiResult;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.gate.StagingDeploy;
import io.platinur.domain.repository.CommitId;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class PipelineHealthTest {
  private static final CommitId HEAD = CommitId.of("c".repeat(40));

  @Test
  void a_failed_staging_deploy_and_red_ci_each_raise_one_alert() {
    PipelineHealth.Assessment assessment = PipelineHealth.assess(
        Option.some(new StagingDeploy(HEAD, Option.some(1), DeploymentState.FAILURE)),
        Option.some(new CiResult(HEAD, CiState.RED)));
    assertThat(assessment.raise().map(PipelineAlert::cause)).containsExactly(AlertCause.STAGING_DEPLOY_FAILED, AlertCause.CI_RED);
    assertThat(assessment.raise().head().details())
        .isEqualTo("The staging deploy of ccccccc failed: exit code 1, deployment status failure.");
    assertThat(assessment.resolve()).isEmpty();
  }

  @Test
  void a_healthy_pipeline_resolves_both_causes() {
    PipelineHealth.Assessment assessment = PipelineHealth.assess(
        Option.some(new StagingDeploy(HEAD, Option.some(0), DeploymentState.SUCCESS)),
        Option.some(new CiResult(HEAD, CiState.GREEN)));
    assertThat(assessment.raise()).isEmpty();
    assertThat(assessment.resolve()).containsExactly(AlertCause.STAGING_DEPLOY_FAILED, AlertCause.CI_RED);
  }

  @Test
  void work_in_progress_neither_raises_nor_resolves() {
    PipelineHealth.Assessment assessment = PipelineHealth.assess(
        Option.some(new StagingDeploy(HEAD, Option.none(), DeploymentState.IN_PROGRESS)),
        Option.some(new CiResult(HEAD, CiState.PENDING)));
    assertThat(assessment.raise()).isEmpty();
    assertThat(assessment.resolve()).isEmpty();
  }
}
