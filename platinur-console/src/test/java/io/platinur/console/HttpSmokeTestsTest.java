package io.platinur.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.testkit.StagingServer;
import io.platinur.domain.gate.SmokeCheck;
import io.platinur.domain.gate.SmokeOutcome;
import io.platinur.domain.repository.CommitId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HttpSmokeTestsTest {
  static final CommitId HEAD = CommitId.of("0123456789abcdef0123456789abcdef01234567");

  static SmokeCheck check(URI url, Duration timeout) {
    return new HttpSmokeTests(url, timeout, timeout).runAgainstStaging(HEAD).get();
  }

  @Nested
  class Staging_answers {
    StagingServer staging;

    @BeforeEach
    void start() throws IOException {
      staging = new StagingServer();
    }

    @AfterEach
    void stop() {
      staging.close();
    }

    @Test
    void passes_on_2xx() {
      staging.status = 200;
      SmokeCheck ok = check(staging.url("/health"), Duration.ofSeconds(5));
      assertThat(ok.outcome()).isEqualTo(SmokeOutcome.PASSED);
      assertThat(ok.commit()).isEqualTo(HEAD);
      assertThat(ok.detail()).isEqualTo("GET " + staging.url("/health") + " answered 200");
      staging.status = 204;
      assertThat(check(staging.url("/health"), Duration.ofSeconds(5)).outcome()).isEqualTo(SmokeOutcome.PASSED);
    }

    @Test
    void fails_on_any_other_status() {
      for (int status : new int[] {500, 503, 404, 301}) {
        staging.status = status;
        SmokeCheck failed = check(staging.url("/health"), Duration.ofSeconds(5));
        assertThat(failed.outcome()).as("status %d", status).isEqualTo(SmokeOutcome.FAILED);
        assertThat(failed.detail()).endsWith("answered " + status);
      }
    }

    @Test
    void is_unreachable_when_staging_does_not_answer_in_time() {
      staging.hang = true;
      SmokeCheck late = check(staging.url("/slow"), Duration.ofMillis(300));
      assertThat(late.outcome()).isEqualTo(SmokeOutcome.UNREACHABLE);
      assertThat(late.detail()).startsWith("GET " + staging.url("/slow") + " got no answer");
    }

    @Test
    void never_shows_credentials_from_the_url() {
      URI withSecrets = URI.create("http://user:s3cret@127.0.0.1:" + staging.port() + "/health?token=t0ken");
      HttpSmokeTests smoke = new HttpSmokeTests(withSecrets, Duration.ofSeconds(5), Duration.ofSeconds(5));
      SmokeCheck check = smoke.runAgainstStaging(HEAD).get();
      assertThat(check.detail() + smoke).doesNotContain("s3cret").doesNotContain("t0ken").doesNotContain("user");
    }
  }

  @Nested
  class Nothing_listens {
    @Test
    void is_unreachable_when_the_connection_is_refused() throws IOException {
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = socket.getLocalPort();
      }
      SmokeCheck refused = check(URI.create("http://127.0.0.1:" + port + "/"), Duration.ofSeconds(2));
      assertThat(refused.outcome()).isEqualTo(SmokeOutcome.UNREACHABLE);
    }
  }

  @Test
  void refuses_a_url_that_is_not_http() {
    assertThatThrownBy(() -> new HttpSmokeTests(URI.create("ftp://staging.example.com/"), Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("A staging URL must be an http or https URL with a host.");
  }
}
