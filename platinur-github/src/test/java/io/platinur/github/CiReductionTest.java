package io.platinur.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.platinur.domain.gate.CiState;
import io.platinur.github.CiReduction.Report;
import io.platinur.github.CiReduction.Verdict;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class CiReductionTest {
  static final Gen<Report> REPORTS = integers().between(0, 5).zip(integers().between(0, 2),
      (name, verdict) -> new Report("check-" + name, Verdict.values()[verdict]));

  @Test
  void one_failure_makes_ci_red_whatever_else_reported() {
    qt().forAll(lists().of(REPORTS).ofSizeBetween(0, 12), REPORTS).checkAssert((others, any) -> {
      List<Report> reports = List.ofAll(others).append(new Report(any.name(), Verdict.FAILED));
      assertThat(CiReduction.reduce(reports, TreeSet.empty(), NoChecksPolicy.TREAT_AS_GREEN)).isEqualTo(CiState.RED);
    });
  }

  @Test
  void green_only_when_every_report_succeeded() {
    qt().forAll(lists().of(REPORTS).ofSizeBetween(1, 12)).checkAssert(reports -> {
      CiState state = CiReduction.reduce(List.ofAll(reports), TreeSet.empty(), NoChecksPolicy.REPORT_NO_CHECKS);
      boolean allSucceeded = reports.stream().allMatch(r -> r.verdict() == Verdict.SUCCEEDED);
      assertThat(state == CiState.GREEN).isEqualTo(allSucceeded);
    });
  }

  @Test
  void the_order_of_reports_does_not_matter() {
    qt().forAll(lists().of(REPORTS).ofSizeBetween(0, 12)).checkAssert(reports -> {
      List<Report> list = List.ofAll(reports);
      assertThat(CiReduction.reduce(list.reverse(), TreeSet.of("check-1"), NoChecksPolicy.TREAT_AS_PENDING))
          .isEqualTo(CiReduction.reduce(list, TreeSet.of("check-1"), NoChecksPolicy.TREAT_AS_PENDING));
    });
  }

  @Test
  void a_required_check_that_never_reported_keeps_ci_pending() {
    List<Report> reports = List.of(new Report("build", Verdict.SUCCEEDED));

    assertThat(CiReduction.reduce(reports, TreeSet.of("build", "e2e"), NoChecksPolicy.TREAT_AS_GREEN)).isEqualTo(CiState.PENDING);
    assertThat(CiReduction.reduce(List.empty(), TreeSet.of("e2e"), NoChecksPolicy.TREAT_AS_GREEN)).isEqualTo(CiState.PENDING);
  }
}
