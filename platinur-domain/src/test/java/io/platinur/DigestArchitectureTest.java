package io.platinur;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Promote by digest and the staging lane are two capabilities that share only the forge's words
 * (pull requests, reviews) and the application core: neither reaches into the other's model or use
 * cases, so each can change without the other. The rules keep ArchUnit's {@code failOnEmptyShould}.
 */
@AnalyzeClasses(
    packages = "io.platinur",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class DigestArchitectureTest {
  private static final String[] LANE_MODEL = {"io.platinur.domain.lane..", "io.platinur.domain.lock..", "io.platinur.domain.batch.."};

  @ArchTest
  static final ArchRule the_digest_model_does_not_use_the_lanes =
      noClasses().that().resideInAPackage("io.platinur.domain.digest..")
          .should().dependOnClassesThat().resideInAnyPackage(LANE_MODEL);

  @ArchTest
  static final ArchRule the_lanes_model_does_not_use_the_digests =
      noClasses().that().resideInAnyPackage(LANE_MODEL)
          .should().dependOnClassesThat().resideInAPackage("io.platinur.domain.digest..");

  @ArchTest
  static final ArchRule the_digest_use_cases_do_not_use_the_lanes =
      noClasses().that().resideInAPackage("io.platinur.application.digest..")
          .should().dependOnClassesThat().resideInAPackage("io.platinur.application.lane..");

  @ArchTest
  static final ArchRule the_lane_use_cases_do_not_use_the_digests =
      noClasses().that().resideInAPackage("io.platinur.application.lane..")
          .should().dependOnClassesThat().resideInAPackage("io.platinur.application.digest..");
}
