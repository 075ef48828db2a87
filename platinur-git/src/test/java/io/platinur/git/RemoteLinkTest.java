package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemoteLinkTest {

  @Test
  void a_refusal_of_the_credentials_is_recognized_by_its_words_or_its_status_code() {
    assertThat(RemoteLink.refusedCredentials("http://127.0.0.1:39819/lane.git: not authorized")).isTrue();
    assertThat(RemoteLink.refusedCredentials("https://git.example.com/lane.git: authentication is required")).isTrue();
    assertThat(RemoteLink.refusedCredentials("https://git.example.com/lane.git: 403 forbidden")).isTrue();
    assertThat(RemoteLink.refusedCredentials("https://git.example.com/lane.git: http 401")).isTrue();
  }

  @Test
  void a_port_or_a_number_that_only_contains_401_or_403_is_no_refusal() {
    assertThat(RemoteLink.refusedCredentials("http://127.0.0.1:34017/lane.git: unexpected end of file from server")).isFalse();
    assertThat(RemoteLink.refusedCredentials("http://127.0.0.1:40312/lane.git: unexpected end of file from server")).isFalse();
    assertThat(RemoteLink.refusedCredentials("http://127.0.0.1:54030/lane.git: connection reset")).isFalse();
  }
}
