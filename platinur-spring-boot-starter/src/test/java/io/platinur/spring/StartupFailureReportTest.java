package io.platinur.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A real start with a missing property: Spring Boot's report names the property and says what to set, with no stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTest {
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Host {}

  @Test
  void a_missing_repository_is_reported_in_one_description_and_one_action(CapturedOutput output) {
    assertThatThrownBy(() -> new SpringApplicationBuilder(Host.class).web(WebApplicationType.NONE)
        .properties("platinur.environments.staging.secrets.API_KEY=never-printed-9931").run().close())
        .hasRootCauseInstanceOf(PlatinurPropertyException.class);

    assertThat(output.getAll())
        .contains("APPLICATION FAILED TO START")
        .contains("Description:\n\nPlatinur has no repository: platinur.repository.path and platinur.repository.url are not set.\n")
        .contains("Action:\n\nSet platinur.repository.path to a bare Git repository on this machine, or platinur.repository.url to a remote")
        .doesNotContain("at io.platinur.spring.Wiring")
        .doesNotContain("never-printed-9931");
  }
}
