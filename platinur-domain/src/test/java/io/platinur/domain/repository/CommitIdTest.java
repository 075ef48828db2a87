package io.platinur.domain.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.domain.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommitIdTest {
  private static final String SHA1 = "0123456789abcdef0123456789abcdef01234567";
  private static final String SHA256 = "0123456789abcdef".repeat(4);

  @Test
  void accepts_a_full_sha1_id() {
    assertThat(CommitId.of(SHA1).hex()).isEqualTo(SHA1);
    assertThat(CommitId.of(SHA1).toString()).isEqualTo(SHA1);
  }

  @Test
  void accepts_a_full_sha256_id() {
    assertThat(CommitId.of(SHA256).hex()).isEqualTo(SHA256);
  }

  @Test
  void normalizes_upper_case_to_lower_case() {
    CommitId upper = CommitId.of(SHA1.toUpperCase(java.util.Locale.ROOT));
    assertThat(upper.hex()).isEqualTo(SHA1);
    assertThat(upper).isEqualTo(CommitId.of(SHA1));
  }

  @Test
  void abbreviates_to_seven_digits() {
    assertThat(CommitId.of(SHA1).abbreviated()).isEqualTo("0123456");
  }

  @Test
  void sorts_by_its_digits() {
    assertThat(CommitId.of("1".repeat(40))).isGreaterThan(CommitId.of("0".repeat(40)));
  }

  @Test
  void refuses_null() {
    assertThatThrownBy(() -> CommitId.of(null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("A commit id is required.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc1234", "0123456789abcdef0123456789abcdef0123456", "0123456789abcdef0123456789abcdef012345678",
      "g123456789abcdef0123456789abcdef01234567", " 123456789abcdef0123456789abcdef01234567"})
  void refuses_anything_but_40_or_64_hex_digits(String hex) {
    assertThatThrownBy(() -> CommitId.of(hex))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("A commit id must be 40 or 64 hexadecimal digits, got ‘" + hex + "’.");
  }

  @Test
  void refuses_an_abbreviation_in_upper_case_showing_it_normalized() {
    assertThatThrownBy(() -> CommitId.of("ABC1234"))
        .hasMessage("A commit id must be 40 or 64 hexadecimal digits, got ‘abc1234’.");
  }

  @Test
  void shows_at_most_80_characters_of_a_bad_id() {
    assertThatThrownBy(() -> CommitId.of("f".repeat(65)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("A commit id must be 40 or 64 hexadecimal digits, got ‘" + "f".repeat(65) + "’.");
    assertThatThrownBy(() -> CommitId.of("f".repeat(81)))
        .hasMessage("A commit id must be 40 or 64 hexadecimal digits, got ‘" + "f".repeat(80) + "…’.");
  }
}
