package io.platinur.domain.digest;

import static io.platinur.domain.digest.PromotionExamples.API;
import static io.platinur.domain.digest.PromotionExamples.DEV;
import static io.platinur.domain.digest.PromotionExamples.PROD;
import static io.platinur.domain.digest.PromotionExamples.STAGING;
import static io.platinur.domain.digest.PromotionExamples.WEB;
import static io.platinur.domain.digest.PromotionExamples.digest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.platinur.domain.InvalidValueException;
import io.vavr.collection.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ValuesTest {
  private static final String HEX = "0123456789abcdef".repeat(4);

  @Nested
  class An_image_digest {
    @Test
    void is_sha256_and_64_lowercase_hex_digits() {
      ImageDigest digest = ImageDigest.of("sha256:" + HEX);
      assertThat(digest.hex()).isEqualTo(HEX);
      assertThat(digest.abbreviated()).isEqualTo("sha256:0123456789ab");
    }

    @Test
    void refuses_a_tag_saying_a_digest_is_required() {
      assertThat(ImageDigest.parse(":latest").getError()).isEqualTo(
          "‘:latest’ is not an image digest. Promotion needs a digest (sha256: followed by 64 lowercase hexadecimal "
              + "digits), never a tag: build once, then promote that digest.");
      assertThat(ImageDigest.parse("v1.2").getError()).startsWith("‘v1.2’ is not an image digest. Promotion needs a digest");
      assertThat(ImageDigest.parse("registry.example/api:v1.2").isInvalid()).isTrue();
    }

    @Test
    void refuses_upper_case_short_and_non_hex_digits() {
      assertThat(ImageDigest.parse("sha256:" + HEX.toUpperCase()).getError())
          .isEqualTo("‘sha256:" + HEX.toUpperCase() + "’ is not an image digest: its hexadecimal digits must be lowercase.");
      assertThat(ImageDigest.parse("sha256:abc").getError())
          .isEqualTo("‘sha256:abc’ is not an image digest: it has 3 hexadecimal digits after sha256:, a digest has 64.");
      assertThat(ImageDigest.parse("sha256:" + HEX.substring(1) + "g").getError())
          .endsWith("is not an image digest: after sha256: only hexadecimal digits may follow.");
      assertThat(ImageDigest.parse("").getError())
          .isEqualTo("An image digest is required (sha256: followed by 64 lowercase hexadecimal digits).");
      assertThatThrownBy(() -> ImageDigest.of("latest")).isInstanceOf(InvalidValueException.class);
    }
  }

  @Nested
  class Names {
    @Test
    void are_lowercase_letters_digits_and_inner_hyphens() {
      assertThat(ServiceName.parse("billing-api").isValid()).isTrue();
      assertThat(ServiceName.parse("Api").getError())
          .isEqualTo("‘Api’ is not a valid service name: use 1 to 63 lowercase letters, digits and inner hyphens.");
      assertThat(EnvironmentName.parse("../prod").getError())
          .isEqualTo("‘../prod’ is not a valid environment name: use 1 to 63 lowercase letters, digits and inner hyphens.");
      assertThat(EnvironmentName.parse("").getError()).isEqualTo("An environment name is required.");
      assertThat(ServiceName.parse("-api").isInvalid()).isTrue();
      assertThat(ServiceName.parse("a".repeat(64)).isInvalid()).isTrue();
    }
  }

  @Nested
  class A_promotion_path {
    @Test
    void is_dev_staging_prod_by_default() {
      PromotionPath path = PromotionPath.standard();
      assertThat(path.environments()).containsExactly(DEV, STAGING, PROD);
      assertThat(path.source(PROD)).contains(STAGING);
      assertThat(path.source(STAGING)).contains(DEV);
      assertThat(path.source(DEV)).isEmpty();
      assertThat(path.next(STAGING)).contains(PROD);
      assertThat(path.policyFor(STAGING).get().requiredApprovals()).isZero();
      assertThat(path.policyFor(PROD).get().requiredApprovals()).isEqualTo(1);
      assertThat(path.policyFor(PROD).get().canaryTimeout()).isNotEmpty();
      assertThat(path.rollbackPolicy()).isEqualTo(StepPolicy.automatic());
      assertThat(path).hasToString("dev → staging → prod");
    }

    @Test
    void takes_any_names_but_needs_two_and_no_repeats() {
      EnvironmentName qa = EnvironmentName.of("qa");
      assertThat(PromotionPath.start(qa).then(PROD, StepPolicy.automatic()).build().isValid()).isTrue();
      assertThat(PromotionPath.start(qa).build().getError()).containsExactly("A promotion path needs at least two environments.");
      assertThat(PromotionPath.start(qa).then(PROD, StepPolicy.automatic()).then(qa, StepPolicy.automatic()).build().getError())
          .containsExactly("Environment ‘qa’ appears more than once on the promotion path.");
    }
  }

  @Nested
  class A_pin_layout {
    @Test
    void places_a_pin_by_environment_and_service() {
      PinLayout layout = PinLayout.standard();
      assertThat(layout.pinPath(PROD, API).value()).isEqualTo("environments/prod/api/values.yaml");
      assertThat(layout.key().segments()).containsExactly("image", "digest");
      assertThat(layout.environmentDirectory(PROD)).isEqualTo("environments/prod/");
      assertThat(layout.valuesFileName()).isEqualTo("values.yaml");
    }

    @Test
    void is_configurable_and_reports_every_problem() {
      assertThat(PinLayout.parse("deploy/{service}/{env}/values.yml", "spec.image.sha").get().pinPath(STAGING, API).value())
          .isEqualTo("deploy/api/staging/values.yml");
      assertThat(PinLayout.parse("values-{env}.yaml", "image..digest").getError()).containsExactly(
          "The pin path template ‘values-{env}.yaml’ must contain both {env} and {service}.",
          "‘image..digest’ is not a pin key: give one or more non-empty keys separated by dots, such as image.digest.");
      assertThat(PinLayout.parse("{service}/{env}.yaml", "image").getError()).containsExactly(
          "The pin path template ‘{service}/{env}.yaml’ must put {env} in a directory that holds the values files.");
    }
  }

  @Nested
  class A_platform_version {
    @Test
    void is_a_stable_id_of_the_sorted_manifest() {
      Pins pins = Pins.none().with(PROD, WEB, digest(2)).with(PROD, API, digest(1)).with(STAGING, API, digest(1)).with(STAGING, WEB, digest(2));
      assertThat(pins.manifest(PROD).version()).isEqualTo(pins.manifest(STAGING).version()).matches("pv-[0-9a-f]{16}");
      assertThat(pins.with(STAGING, WEB, digest(3)).manifest(STAGING).version()).isNotEqualTo(pins.manifest(PROD).version());
      assertThat(Pins.none().manifest(DEV).version()).isEqualTo(Pins.none().manifest(PROD).version());
    }

    @Test
    void does_not_depend_on_the_order_pins_were_read_in() {
      qt().withExamples(200)
          .forAll(lists().of(integers().between(0, 7)).ofSizeBetween(0, 8))
          .checkAssert(order -> {
            Pins forward = Pins.none();
            for (int n : order) {
              forward = forward.with(PROD, ServiceName.of("s" + n), digest(n + 1));
            }
            Pins backward = Pins.none();
            for (int n : List.ofAll(order).reverse()) {
              backward = backward.with(PROD, ServiceName.of("s" + n), digest(n + 1));
            }
            assertThat(forward.manifest(PROD).version()).isEqualTo(backward.manifest(PROD).version());
          });
    }
  }
}
