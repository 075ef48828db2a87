package io.platinur.domain.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.repository.BranchName;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

class PromotionBranchTest {
  private static final PromotionTarget API_STAGING = PromotionTarget.of("api", "staging");

  @Test
  void names_the_promotion_and_rollback_branches_of_a_target() {
    assertThat(PromotionBranch.promotion(API_STAGING).name()).isEqualTo(BranchName.of("platinur/promote/api/staging"));
    assertThat(PromotionBranch.rollback(API_STAGING).name()).isEqualTo(BranchName.of("platinur/rollback/api/staging"));
  }

  @Test
  void reads_back_what_it_names() {
    for (PromotionBranch branch : List.of(PromotionBranch.promotion(API_STAGING), PromotionBranch.rollback(PromotionTarget.of("web-2", "prod")))) {
      assertThat(PromotionBranch.parse(branch.name())).contains(branch);
    }
  }

  @Test
  void other_branches_are_not_promotion_branches() {
    for (String name : List.of("main", "platinur/promote/api", "platinur/promote/api/staging/x", "platinur/merge/api/staging",
        "other/promote/api/staging", "platinur/promote/API/staging", "platinur/rollback/api/-prod")) {
      assertThat(PromotionBranch.parse(BranchName.of(name))).as(name).isEmpty();
    }
  }
}
