package io.platinur.domain.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackReason;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The pieces of delivery metrics one by one: translations, gaps, figures and the words they are said in. */
class DeliveryMetricsTest {
  static final Instant T = Instant.parse("2026-11-02T09:00:00Z");
  static final BranchName LANE = BranchName.of("staging");
  static final ServiceName API = ServiceName.of("api");
  static final PromotionTarget API_PROD = PromotionTarget.of("api", "prod");
  static final ImageDigest BUILT = ImageDigest.of("sha256:" + "a1".repeat(32));
  static final ImageDigest OLD = ImageDigest.of("sha256:" + "b2".repeat(32));
  static final Promotion INTO_PROD = new Promotion(API_PROD, EnvironmentName.of("staging"), BUILT, Option.some(OLD));
  static final PullRequestNumber PR = PullRequestNumber.of(4);
  static final CommitId MERGE = CommitId.of("1".repeat(40));
  static final String WHERE = "refs/platinur/digest-promotions at 1a2b3c4";

  static Seq<DigestPromotion> state(DigestPromotion... promotions) {
    return List.of(promotions);
  }

  static List<String> kinds(DigestDelivery.Changes changes) {
    return changes.events().map(event -> event.getClass().getSimpleName()).toList();
  }

  @Nested
  class Between_two_states_of_the_digest_promotions {
    @Test
    void a_promotion_seen_for_the_first_time_merged_reads_as_opened_and_deployed() {
      DigestDelivery.Changes changes = DigestDelivery.changes(List.empty(), state(new DigestPromotion.Merged(INTO_PROD, PR, MERGE)), T, WHERE);
      assertThat(kinds(changes)).containsExactly("DigestPromotionOpened", "DigestDeployed");
      assertThat(changes.events().last()).isEqualTo(new DeliveryEvent.DigestDeployed(API_PROD, EnvironmentName.of("staging"), BUILT, PR, T));
      assertThat(changes.problems()).isEmpty();
    }

    @Test
    void a_verified_promotion_rolled_back_reads_as_the_rollback_only() {
      DigestPromotion.Promoted promoted = new DigestPromotion.Promoted(INTO_PROD, PR, MERGE);
      DigestDelivery.Changes changes = DigestDelivery.changes(state(promoted),
          state(promoted.rollbackOpened(PullRequestNumber.of(5), RollbackReason.REQUESTED)), T, WHERE);
      assertThat(changes.events()).containsExactly(
          new DeliveryEvent.DigestRollbackOpened(API_PROD, BUILT, PR, PullRequestNumber.of(5), RollbackReason.REQUESTED, T));
    }

    @Test
    void a_rollback_closed_and_opened_again_reads_as_both() {
      DigestPromotion.Merged merged = new DigestPromotion.Merged(INTO_PROD, PR, MERGE);
      DigestPromotion.RollingBack first = merged.rollbackOpened(PullRequestNumber.of(5), RollbackReason.CANARY_TIMED_OUT);
      DigestDelivery.Changes changes = DigestDelivery.changes(state(first),
          state(merged.rollbackOpened(PullRequestNumber.of(6), RollbackReason.REQUESTED)), T, WHERE);
      assertThat(kinds(changes)).containsExactly("DigestRollbackWithdrawn", "DigestRollbackOpened");
    }

    @Test
    void a_promotion_that_went_back_is_a_gap_reported_by_name_and_not_counted() {
      DigestDelivery.Changes changes = DigestDelivery.changes(state(new DigestPromotion.Promoted(INTO_PROD, PR, MERGE)),
          state(new DigestPromotion.PrOpen(INTO_PROD, PR)), T, WHERE);
      assertThat(changes.events()).isEmpty();
      assertThat(changes.problems().map(HistoryProblem::message)).containsExactly(
          "refs/platinur/digest-promotions at 1a2b3c4: the promotion of api → prod went back from promoted to PR #4 open; this change is not counted.");
    }

    @Test
    void an_unfinished_promotion_replaced_or_dropped_is_a_gap() {
      DigestPromotion.PrOpen open = new DigestPromotion.PrOpen(INTO_PROD, PR);
      DigestDelivery.Changes replaced = DigestDelivery.changes(state(open), state(new DigestPromotion.PrOpen(INTO_PROD, PullRequestNumber.of(9))), T, WHERE);
      assertThat(replaced.problems().map(HistoryProblem::message)).containsExactly(
          "refs/platinur/digest-promotions at 1a2b3c4: the promotion of api → prod (PR #4 open) was replaced before it finished; its outcome is not counted.");
      assertThat(kinds(replaced)).containsExactly("DigestPromotionOpened");
      DigestDelivery.Changes dropped = DigestDelivery.changes(state(open), List.empty(), T, WHERE);
      assertThat(dropped.problems().map(HistoryProblem::message)).containsExactly(
          "refs/platinur/digest-promotions at 1a2b3c4: the promotion of api → prod (PR #4 open) is no longer recorded; what became of it is not counted.");
    }

    @Test
    void a_finished_promotion_followed_by_a_new_one_is_no_gap() {
      DigestDelivery.Changes changes = DigestDelivery.changes(state(new DigestPromotion.Withdrawn(INTO_PROD, PR)),
          state(new DigestPromotion.Proposed(INTO_PROD)), T, WHERE);
      assertThat(changes.events()).isEmpty();
      assertThat(changes.problems()).isEmpty();
    }

    @Test
    void builds_are_the_first_environments_pins_that_changed() {
      EnvironmentName dev = EnvironmentName.of("dev");
      assertThat(DigestDelivery.builds(dev, TreeMap.of(API, OLD), TreeMap.of(API, OLD, ServiceName.of("web"), BUILT), T))
          .containsExactly(new DeliveryEvent.DigestBuilt(ServiceName.of("web"), dev, BUILT, T));
      assertThat(DigestDelivery.builds(dev, TreeMap.of(API, OLD), TreeMap.empty(), T)).isEmpty();
    }
  }

  @Nested
  class A_lanes_change {
    @Test
    void reads_applies_unapplies_discards_merges_and_releases_and_leaves_the_pr_opening_out() {
      CommitId commit = CommitId.of("2".repeat(40));
      StagedProposal staged = new StagedProposal(ProposalId.of("p-1"), "Add orders", TreeSet.of(RepoPath.of("models/orders.sql")), commit);
      List<DeliveryEvent> events = LaneDelivery.events(LANE, List.of(new LaneEvent.ProposalStaged(staged),
          new LaneEvent.ProposalUnstaged(ProposalId.of("p-2"), List.empty()), new LaneEvent.BatchDiscarded(List.of(ProposalId.of("p-3"))),
          new LaneEvent.PromotionPrOpened(PR, commit), new LaneEvent.PromotionPrClosed(PR), new LaneEvent.PromotionPrMerged(PR, MERGE),
          new LaneEvent.PromotionFinalized(PR, List.of(ProposalId.of("p-1")), MERGE)), T,
          id -> id.equals(commit) ? Option.some(T.minusSeconds(60)) : Option.none()).toList();
      assertThat(events).containsExactly(
          new DeliveryEvent.ProposalApplied(LANE, ProposalId.of("p-1"), T, Option.some(T.minusSeconds(60))),
          new DeliveryEvent.ProposalWithdrawn(LANE, ProposalId.of("p-2"), T),
          new DeliveryEvent.ProposalWithdrawn(LANE, ProposalId.of("p-3"), T),
          new DeliveryEvent.ReleaseMerged(LANE, PR, MERGE, T),
          new DeliveryEvent.ReleaseDeployed(LANE, PR, List.of(ProposalId.of("p-1")), T));
      assertThat(events.map(DeliveryEvent::describe)).containsExactly(
          "Proposal p-1 applied to staging", "Proposal p-2 withdrawn from staging", "Proposal p-3 withdrawn from staging",
          "Promotion PR #4 of staging merged as 1111111", "Release of PR #4 deployed from staging: p-1");
    }

    @Test
    void a_release_of_a_proposal_whose_apply_is_missing_is_a_gap_and_counts_the_others() {
      DeliveryLedger ledger = DeliveryLedger.start().after(new DeliveryRead(List.of(
          new DeliveryEvent.ProposalApplied(LANE, ProposalId.of("p-1"), T, Option.none()),
          new DeliveryEvent.ReleaseDeployed(LANE, PR, List.of(ProposalId.of("p-1"), ProposalId.of("p-9")), T.plusSeconds(600))),
          List.empty(), DeliveryCursor.start().with("lane", "1")));
      assertThat(ledger.problems().map(HistoryProblem::message)).containsExactly(
          "lane staging: the release of PR #4 deployed p-9, whose apply is not in the lane's history; their lead time is not counted.");
      assertThat(ledger.keys(DeliveryScope.lane(LANE), new MetricsWindow(T, T.plusSeconds(3600))).leadTime().samples())
          .containsExactly(Duration.ofMinutes(10));
      assertThat(ledger.cursor().at("lane")).contains("1");
      assertThat(ledger.folded()).isEqualTo(2);
    }
  }

  @Nested
  class Figures_and_words {
    @Test
    void percentiles_are_by_nearest_rank_and_the_mean_to_the_millisecond() {
      DurationSummary summary = new DurationSummary(List.of(4, 1, 3, 2).map(Duration::ofMinutes));
      assertThat(summary.samples()).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(4));
      assertThat(summary.median()).contains(Duration.ofMinutes(2));
      assertThat(summary.p90()).contains(Duration.ofMinutes(4));
      assertThat(summary.mean()).contains(Duration.ofSeconds(150));
      assertThat(new DurationSummary(List.empty()).median()).isEmpty();
      assertThatThrownBy(() -> summary.percentile(0)).isInstanceOf(InvalidValueException.class).hasMessage("A percentile is 1 to 100, got 0.");
    }

    @Test
    void a_change_failure_rate_needs_deployments_and_no_more_failures_than_them() {
      assertThat(new ChangeFailureRate(1, 4).rate()).contains(0.25);
      assertThat(new ChangeFailureRate(0, 0).rate()).isEmpty();
      assertThatThrownBy(() -> new ChangeFailureRate(3, 2)).isInstanceOf(InvalidValueException.class)
          .hasMessage("A change failure rate counts 0 to 2 failed deployments, got 3.");
    }

    @Test
    void a_window_starts_before_it_ends() {
      assertThat(MetricsWindow.last(Duration.ofDays(7), T).days()).isEqualTo(7.0);
      assertThat(new MetricsWindow(T, T.plusSeconds(1)).contains(T.plusSeconds(1))).isFalse();
      assertThatThrownBy(() -> new MetricsWindow(T, T)).isInstanceOf(InvalidValueException.class)
          .hasMessage("A metrics window must start before it ends; got 2026-11-02T09:00:00Z to 2026-11-02T09:00:00Z.");
    }

    @Test
    void a_filter_selects_a_lane_or_services_and_says_which() {
      DeliveryScope lane = DeliveryScope.lane(LANE);
      DeliveryScope prod = DeliveryScope.target(API_PROD);
      assertThat(MetricsFilter.all().selects(lane) && MetricsFilter.all().selects(prod)).isTrue();
      assertThat(MetricsFilter.all().lane(LANE).selects(prod)).isFalse();
      assertThat(MetricsFilter.all().service(API).selects(lane)).isFalse();
      assertThat(MetricsFilter.all().service(API).environment(EnvironmentName.of("prod")).selects(prod)).isTrue();
      assertThat(MetricsFilter.all().environment(EnvironmentName.of("dev")).selects(prod)).isFalse();
      assertThat(MetricsFilter.all().describe()).isEqualTo("everything");
      assertThat(MetricsFilter.all().service(API).environment(EnvironmentName.of("prod")).describe()).isEqualTo("service api in prod");
      assertThat(MetricsFilter.all().environment(EnvironmentName.of("prod")).describe()).isEqualTo("environment prod");
      assertThat(MetricsFilter.all().lane(LANE).describe()).isEqualTo("lane staging");
    }

    @Test
    void a_report_without_data_says_why_in_one_sentence() {
      MetricsWindow window = new MetricsWindow(T, T.plus(Duration.ofDays(1)));
      assertThat(DeliveryLedger.start().report(window, MetricsFilter.all()).getLeft().message())
          .isEqualTo("No delivery is recorded: no lane change and no digest promotion in the history read.");
      DeliveryLedger ledger = DeliveryLedger.start().after(new DeliveryRead(List.of(
          new DeliveryEvent.DigestBuilt(API, EnvironmentName.of("dev"), BUILT, T.minus(Duration.ofDays(3)))), List.empty(), DeliveryCursor.start()));
      assertThat(ledger.report(window, MetricsFilter.all().service(API)).getLeft().message())
          .isEqualTo("Nothing was deployed, failed or restored for service api between 2026-11-02T09:00:00Z and 2026-11-03T09:00:00Z.");
      assertThat(ledger.report(window, MetricsFilter.all().lane(LANE)).getLeft().message())
          .isEqualTo("No delivery is recorded for lane staging: no lane change and no digest promotion in the history read.");
    }

    @Test
    void a_cursor_names_each_history_and_its_position() {
      assertThat(DeliveryCursor.start()).hasToString("start");
      assertThat(DeliveryCursor.start().with("refs/platinur/lanes/staging", "1a2b3c4d5e6f7a8b9c0d")).hasToString("refs/platinur/lanes/staging@1a2b3c4d5e6f");
      assertThatThrownBy(() -> DeliveryCursor.start().with(" ", "1")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void series_per_day_cover_every_day_of_the_window() {
      DeliveryLedger ledger = DeliveryLedger.start().after(new DeliveryRead(List.of(
          new DeliveryEvent.DigestBuilt(API, EnvironmentName.of("dev"), OLD, T.minus(Duration.ofHours(30))),
          new DeliveryEvent.DigestBuilt(API, EnvironmentName.of("dev"), BUILT, T),
          new DeliveryEvent.DigestDeployed(API_PROD, EnvironmentName.of("staging"), BUILT, PR, T.plus(Duration.ofHours(2))),
          new DeliveryEvent.DigestRollbackOpened(API_PROD, BUILT, PR, PullRequestNumber.of(5), RollbackReason.CANARY_FAILED, T.plus(Duration.ofHours(3))),
          new DeliveryEvent.DigestRolledBack(API_PROD, BUILT, PR, PullRequestNumber.of(5), T.plus(Duration.ofHours(4)))),
          List.empty(), DeliveryCursor.start()));
      MetricsWindow twoDays = new MetricsWindow(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-03T00:00:00Z"));
      List<DeliveryLedger.Series> series = ledger.daily(twoDays, MetricsFilter.all(), ZoneId.of("UTC")).toList();
      assertThat(series.map(s -> s.scope().describe())).containsExactly("api → dev", "api → prod");
      assertThat(series.get(0).days().map(DeliveryLedger.DayFigures::deployments)).containsExactly(1, 1);
      DeliveryLedger.DayFigures prodDay = series.get(1).days().get(1);
      assertThat(prodDay).isEqualTo(new DeliveryLedger.DayFigures(java.time.LocalDate.parse("2026-11-02"), 1, Option.some(Duration.ofHours(2)), 1, 1));
      assertThat(ledger.leadTimesOf(new DeliveryEvent.DigestDeployed(API_PROD, EnvironmentName.of("staging"), BUILT, PR, T.plus(Duration.ofHours(2)))))
          .containsExactly(Duration.ofHours(2));
      assertThat(ledger.restoreTimeOf(new DeliveryEvent.DigestRolledBack(API_PROD, BUILT, PR, PullRequestNumber.of(5), T.plus(Duration.ofHours(4)))))
          .contains(Duration.ofHours(1));
    }

    @Test
    void daily_totals_add_every_selected_scope_of_a_day_up() {
      DeliveryLedger ledger = DeliveryLedger.start().after(new DeliveryRead(List.of(
          new DeliveryEvent.DigestBuilt(API, EnvironmentName.of("dev"), OLD, T.minus(Duration.ofHours(30))),
          new DeliveryEvent.DigestBuilt(API, EnvironmentName.of("dev"), BUILT, T),
          new DeliveryEvent.DigestDeployed(API_PROD, EnvironmentName.of("staging"), BUILT, PR, T.plus(Duration.ofHours(2))),
          new DeliveryEvent.DigestRollbackOpened(API_PROD, BUILT, PR, PullRequestNumber.of(5), RollbackReason.CANARY_FAILED, T.plus(Duration.ofHours(3))),
          new DeliveryEvent.DigestRolledBack(API_PROD, BUILT, PR, PullRequestNumber.of(5), T.plus(Duration.ofHours(4)))),
          List.empty(), DeliveryCursor.start()));
      MetricsWindow twoDays = new MetricsWindow(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-03T00:00:00Z"));
      List<DeliveryLedger.DayFigures> totals = ledger.dailyTotals(twoDays, MetricsFilter.all(), ZoneId.of("UTC")).toList();
      List<DeliveryLedger.Series> series = ledger.daily(twoDays, MetricsFilter.all(), ZoneId.of("UTC")).toList();
      assertThat(totals).hasSize(2);
      for (int day = 0; day < 2; day++) {
        int d = day;
        assertThat(totals.get(d).deployments()).isEqualTo(series.map(s -> s.days().get(d).deployments()).sum().intValue());
        assertThat(totals.get(d).failures()).isEqualTo(series.map(s -> s.days().get(d).failures()).sum().intValue());
        assertThat(totals.get(d).restores()).isEqualTo(series.map(s -> s.days().get(d).restores()).sum().intValue());
      }
      assertThat(totals.get(1)).isEqualTo(new DeliveryLedger.DayFigures(java.time.LocalDate.parse("2026-11-02"), 2, Option.some(Duration.ofHours(2)), 1, 1));
      assertThat(ledger.dailyTotals(twoDays, MetricsFilter.all().environment(EnvironmentName.of("dev")), ZoneId.of("UTC"))
          .map(DeliveryLedger.DayFigures::deployments)).containsExactly(1, 1);
    }
  }
}
