package io.platinur.application.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.metrics.DeliveryCursor;
import io.platinur.domain.metrics.DeliveryEvent;
import io.platinur.domain.metrics.DeliveryRead;
import io.platinur.domain.metrics.MetricsFilter;
import io.platinur.domain.metrics.MetricsWindow;
import io.platinur.port.DeliveryHistory;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** The service over a history whose records the test writes: a position is how many were read. */
class DeliveryMetricsServiceTest {
  private static final Instant T = Instant.parse("2026-11-02T09:00:00Z");
  private static final MetricsWindow DAY = new MetricsWindow(T, T.plus(Duration.ofDays(1)));
  private final java.util.List<DeliveryEvent> recorded = new ArrayList<>();
  private final java.util.List<DeliveryCursor> asked = new ArrayList<>();
  private boolean down;

  private final DeliveryHistory history = cursor -> {
    asked.add(cursor);
    if (down) {
      return Either.left(PortFailure.of(PortFailure.Kind.UNAVAILABLE, "The repository could not be read."));
    }
    int from = cursor.at("list").map(Integer::parseInt).getOrElse(0);
    if (from > recorded.size()) {
      return Either.left(PortFailure.of(PortFailure.Kind.NOT_FOUND, "list no longer holds " + from + "."));
    }
    return Either.right(new DeliveryRead(List.ofAll(recorded.subList(from, recorded.size())), List.empty(),
        cursor.with("list", Integer.toString(recorded.size()))));
  };

  private void build(String hex, int minutes) {
    recorded.add(new DeliveryEvent.DigestBuilt(ServiceName.of("api"), EnvironmentName.of("dev"), ImageDigest.of("sha256:" + hex.repeat(32)),
        T.plus(Duration.ofMinutes(minutes))));
  }

  @Test
  void each_refresh_reads_from_where_the_last_stopped_and_tells_the_listeners_once() {
    java.util.List<Seq<DeliveryEvent>> told = new ArrayList<>();
    DeliveryMetricsService metrics = new DeliveryMetricsService(history).withListener(told::add);
    build("a1", 0);
    assertThat(metrics.refresh().get().events()).hasSize(1);
    build("b2", 10);
    assertThat(metrics.refresh().get().events()).hasSize(1);
    assertThat(metrics.refresh().get().events()).isEmpty();
    assertThat(asked.get(1).at("list")).contains("1");
    assertThat(told).extracting(Seq::size).containsExactly(1, 1, 0);
    assertThat(metrics.report(DAY, MetricsFilter.all()).get().scopes().head().keys().deployments()).isEqualTo(2);
  }

  @Test
  void a_rewritten_history_is_read_again_from_the_start() {
    DeliveryMetricsService metrics = new DeliveryMetricsService(history);
    build("a1", 0);
    build("b2", 10);
    metrics.refresh();
    recorded.remove(1);
    DeliveryMetricsService.DeliveryUpdate update = metrics.refresh().get();
    assertThat(update.rebuilt()).isTrue();
    assertThat(update.ledger().keys(update.ledger().scopes().head(), DAY).deployments()).isEqualTo(1);
    assertThat(asked.get(asked.size() - 1)).isEqualTo(DeliveryCursor.start());
  }

  @Test
  void a_history_that_cannot_be_read_changes_nothing_and_says_why() {
    DeliveryMetricsService metrics = new DeliveryMetricsService(history);
    build("a1", 0);
    metrics.refresh();
    down = true;
    assertThat(metrics.report(DAY, MetricsFilter.all()).getLeft().message()).isEqualTo("The repository could not be read.");
    assertThat(metrics.ledger().folded()).isEqualTo(1);
    down = false;
    assertThat(metrics.report(new MetricsWindow(T.minus(Duration.ofDays(2)), T.minus(Duration.ofDays(1))), MetricsFilter.all())
        .getLeft()).isInstanceOf(DeliveryMetricsService.MetricsFailure.NoData.class);
    assertThat(metrics.daily(DAY, MetricsFilter.all(), ZoneId.of("UTC")).get().head().days()).as("09:00 to 09:00 touches two days").hasSize(2);
  }

  @Test
  void the_json_shapes_are_those_the_docs_show() {
    DeliveryMetricsService metrics = new DeliveryMetricsService(history);
    build("a1", 0);
    String report = DeliveryMetricsJson.report(metrics.report(DAY, MetricsFilter.all()).get());
    assertThat(report).isEqualTo("{\"window\":{\"from\":\"2026-11-02T09:00:00Z\",\"until\":\"2026-11-03T09:00:00Z\",\"days\":1.0},"
        + "\"filter\":\"everything\",\"scopes\":[{\"scope\":\"target\",\"service\":\"api\",\"environment\":\"dev\",\"deployments\":1,"
        + "\"deploymentsPerDay\":1.0,\"leadTime\":{\"count\":0,\"medianSeconds\":null,\"p90Seconds\":null,\"meanSeconds\":null},"
        + "\"leadTimeFromCommit\":{\"count\":0,\"medianSeconds\":null,\"p90Seconds\":null,\"meanSeconds\":null},"
        + "\"changeFailureRate\":{\"failed\":0,\"deployments\":1,\"rate\":0.0},"
        + "\"timeToRestore\":{\"count\":0,\"medianSeconds\":null,\"p90Seconds\":null,\"meanSeconds\":null}}],\"problems\":[]}");
    assertThat(DeliveryMetricsJson.event(recorded.get(0))).isEqualTo("{\"type\":\"DigestBuilt\",\"at\":\"2026-11-02T09:00:00Z\","
        + "\"scope\":\"target\",\"service\":\"api\",\"environment\":\"dev\",\"description\":\"sha256:a1a1a1a1a1a1 of api pinned in dev\"}");
    assertThat(DeliveryMetricsJson.daily(DAY, ZoneId.of("UTC"), metrics.daily(DAY, MetricsFilter.all(), ZoneId.of("UTC")).get()))
        .isEqualTo("{\"window\":{\"from\":\"2026-11-02T09:00:00Z\",\"until\":\"2026-11-03T09:00:00Z\",\"days\":1.0},\"zone\":\"UTC\","
            + "\"series\":[{\"scope\":\"target\",\"service\":\"api\",\"environment\":\"dev\",\"days\":["
            + "{\"day\":\"2026-11-02\",\"deployments\":1,\"medianLeadTimeSeconds\":null,\"failures\":0,\"restores\":0},"
            + "{\"day\":\"2026-11-03\",\"deployments\":0,\"medianLeadTimeSeconds\":null,\"failures\":0,\"restores\":0}]}]}");
    assertThat(DeliveryMetricsJson.string("a \"q\" \\ \n\t\u0001")).isEqualTo("\"a \\\"q\\\" \\\\ \\n\\t\\u0001\"");
  }
}
