package io.platinur.domain.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class RecentDeliveriesTest {

  @Test
  void a_delivery_id_counts_once_and_the_oldest_are_forgotten_past_the_limit() {
    RecentDeliveries ids = new RecentDeliveries(2);
    assertThat(ids.firstTime("a")).isTrue();
    assertThat(ids.firstTime("a")).isFalse();
    assertThat(ids.firstTime("b")).isTrue();
    assertThat(ids.firstTime("c")).isTrue();
    assertThat(ids.firstTime("b")).isFalse();
    assertThat(ids.firstTime("a")).as("forgotten: only the latest two are kept").isTrue();
  }

  @Test
  void answers_as_a_list_of_the_latest_first_sightings_would() {
    qt().withExamples(300).forAll(integers().between(1, 5), lists().of(integers().between(0, 8)).ofSizeBetween(0, 40))
        .checkAssert((kept, deliveries) -> {
          RecentDeliveries ids = new RecentDeliveries(kept);
          Deque<String> model = new ArrayDeque<>();
          for (int delivery : deliveries) {
            String id = "d-" + delivery;
            boolean expected = !model.contains(id);
            if (expected) {
              model.addLast(id);
              if (model.size() > kept) {
                model.removeFirst();
              }
            }
            assertThat(ids.firstTime(id)).as("delivery %s with %s kept", id, model).isEqualTo(expected);
          }
        });
  }

  @Test
  void keeping_none_is_refused() {
    assertThatThrownBy(() -> new RecentDeliveries(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("At least one delivery id must be kept, got 0.");
  }
}
