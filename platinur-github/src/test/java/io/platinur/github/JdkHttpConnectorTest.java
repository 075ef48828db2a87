package io.platinur.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdkHttpConnectorTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  final JdkHttpConnector connector = new JdkHttpConnector(Duration.ofSeconds(2), Duration.ofMillis(300));

  BufferedRequest get(String path) throws Exception {
    return BufferedRequest.of("GET", new URL(wm.baseUrl() + path),
        Map.of("Accept-Encoding", "gzip", "X-GitHub-Api-Version", "2022-11-28"), null, null, true);
  }

  @Nested
  class with_a_server_that_answers {

    @Test
    void hands_back_a_gzip_answer_decompressed() throws Exception {
      ByteArrayOutputStream zipped = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
        gzip.write("{\"number\":42}".getBytes(StandardCharsets.UTF_8));
      }
      wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/zipped")).willReturn(aResponse()
          .withStatus(200).withHeader("Content-Encoding", "gzip").withBody(zipped.toByteArray())));

      BufferedResponse response = connector.send(get("/zipped"));

      assertThat(response.bodyText()).isEqualTo("{\"number\":42}");
      assertThat(response.header("Content-Encoding")).isNull();
      wm.verify(getRequestedFor(urlEqualTo("/zipped")).withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
    }

    @Test
    void does_not_follow_redirects_itself() throws Exception {
      wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/moved"))
          .willReturn(aResponse().withStatus(301).withHeader("Location", "https://elsewhere.example/")));

      assertThat(connector.send(get("/moved")).statusCode()).isEqualTo(301);
    }
  }

  @Nested
  class with_a_server_that_is_too_slow {

    @Test
    void gives_up_after_the_request_timeout() {
      wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/slow"))
          .willReturn(aResponse().withStatus(200).withFixedDelay(2_000)));

      assertThatThrownBy(() -> connector.send(get("/slow"))).isInstanceOf(HttpTimeoutException.class);
    }
  }
}
