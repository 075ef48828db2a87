package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.repository.BranchName;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GitLaneConfigTest {

  @Test
  void names_the_lane_state_ref_after_the_staging_branch() {
    GitLaneConfig config = GitLaneConfig.of(BranchName.of("main"), BranchName.of("staging/eu"));
    assertThat(config.laneStateRef()).isEqualTo("refs/platinur/lanes/staging/eu");
    assertThat(org.eclipse.jgit.lib.Repository.isValidRefName(config.laneStateRef())).isTrue();
  }

  @Test
  void refuses_one_branch_for_both_staging_and_production() {
    assertThatThrownBy(() -> GitLaneConfig.of(BranchName.of("main"), BranchName.of("main")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("must differ");
  }

  @Test
  void refuses_branch_names_git_would_refuse_before_any_repository_is_touched() {
    assertThatThrownBy(() -> BranchName.of("staging..eu")).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> BranchName.of("staging.lock")).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> BranchName.of("")).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void refuses_negative_limits() {
    assertThatThrownBy(() -> new GitLaneConfig(BranchName.of("main"), BranchName.of("staging"), -1, Duration.ofMinutes(1)))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new GitLaneConfig(BranchName.of("main"), BranchName.of("staging"), 1, Duration.ofMinutes(-1)))
        .isInstanceOf(InvalidValueException.class);
  }
}
