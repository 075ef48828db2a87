package io.platinur.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ActorTest {

  @Test
  void an_actor_is_one_clean_line_and_prints_as_its_name() {
    Actor ana = Actor.of("Ana Lima (bot)");
    assertThat(ana.name()).isEqualTo("Ana Lima (bot)");
    assertThat(ana).hasToString("Ana Lima (bot)");
    assertThat(Actor.parse("ana").get()).isEqualTo(Actor.of("ana"));
  }

  @Test
  void a_blank_name_is_refused() {
    assertThatThrownBy(() -> Actor.of(" \t")).isInstanceOf(InvalidValueException.class)
        .hasMessage("An actor needs a name: one non-blank line.");
    assertThatThrownBy(() -> Actor.of(null)).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void a_name_with_a_line_break_or_a_control_character_is_refused_without_repeating_it() {
    for (String bad : new String[] {"ana\nroot", "ana\rx", "ana\u0007", "ana\u007f", "ana\u0085", "ana\u2028x", "ana\u2029x", "a\tb"}) {
      assertThat(Actor.parse(bad).getError()).isEqualTo("An actor's name must be one line without control characters.");
    }
  }

  @Test
  void a_name_longer_than_the_limit_is_refused() {
    assertThat(Actor.parse("a".repeat(Actor.MAX_LENGTH)).isValid()).isTrue();
    assertThat(Actor.parse("a".repeat(Actor.MAX_LENGTH + 1)).getError())
        .isEqualTo("An actor's name is at most 256 characters long; this one has 257.");
  }
}
