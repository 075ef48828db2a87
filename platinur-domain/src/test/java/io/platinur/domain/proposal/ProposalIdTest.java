package io.platinur.domain.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.domain.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProposalIdTest {
  private static final String MESSAGE =
      "A proposal id must be 1 to 128 letters, digits or ‘. _ : / -’, starting with a letter or digit.";

  @ParameterizedTest
  @ValueSource(strings = {"p", "7", "P-42", "card:1234", "team/x.y_z", "a-", "A.B"})
  void accepts_letters_digits_and_the_listed_punctuation(String value) {
    assertThat(ProposalId.of(value).value()).isEqualTo(value);
    assertThat(ProposalId.of(value).toString()).isEqualTo(value);
  }

  @Test
  void accepts_exactly_128_characters() {
    assertThat(ProposalId.of("a".repeat(128)).value()).hasSize(128);
  }

  @Test
  void refuses_null() {
    assertThatThrownBy(() -> ProposalId.of(null)).isInstanceOf(InvalidValueException.class).hasMessage(MESSAGE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-a", ".a", "_a", ":a", "/a", "a b", "a\nb", "é", "a@b", "a#1", "a\\b"})
  void refuses_other_shapes_with_one_message(String value) {
    assertThatThrownBy(() -> ProposalId.of(value)).isInstanceOf(InvalidValueException.class).hasMessage(MESSAGE);
  }

  @Test
  void refuses_more_than_128_characters() {
    assertThatThrownBy(() -> ProposalId.of("a".repeat(129))).hasMessage(MESSAGE);
  }

  @Test
  void sorts_by_value() {
    assertThat(ProposalId.of("p1")).isLessThan(ProposalId.of("p2"));
  }
}
