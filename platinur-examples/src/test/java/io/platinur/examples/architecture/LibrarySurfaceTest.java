package io.platinur.examples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What a host meets in every library module (the modules a host puts on its class path; not the
 * command, the examples or the benchmarks): no public constructor takes more than five parameters,
 * so a capability with many options is made by a builder, never by a row of positional arguments.
 */
class LibrarySurfaceTest {
  static final List<String> LIBRARY_MODULES = List.of(
      "platinur-domain", "platinur-testkit", "platinur-git", "platinur-github", "platinur-gitlab", "platinur-micrometer",
      "platinur-console");
  static final int MOST_CONSTRUCTOR_PARAMETERS = 5;

  /**
   * Records over the limit when the rule came: values and events whose components are read by name
   * but still made by position. They are to get builders or to split; the rule fails when one of
   * them fits again, so an exemption cannot outlive its reason. Nothing may join this list.
   */
  static final Set<String> RECORDS_OVER_THE_LIMIT_FOR_NOW = Set.of(
      "io.platinur.application.digest.PromotionBoard",
      "io.platinur.domain.digest.DigestPromotion$RolledBack",
      "io.platinur.domain.digest.StepEvidence",
      "io.platinur.domain.forge.OpenPullRequest",
      "io.platinur.domain.gate.GateEvidence",
      "io.platinur.domain.metrics.DeliveryEvent$DigestRollbackOpened",
      "io.platinur.domain.metrics.DeliveryKeys",
      "io.platinur.testkit.forge.FakeGitHub$PullRequestView",
      "io.platinur.testkit.model.LaneAgreement$StateView");

  /** The main classes of the library modules, from their build directories or their jars. */
  static final JavaClasses LIBRARY = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(location -> LIBRARY_MODULES.stream()
          .anyMatch(module -> location.contains("/" + module + "/") || location.contains("/" + module + "-")))
      .importPackages("io.platinur");

  @Test
  void reads_the_classes_of_every_library_module() {
    Set<String> sources = LIBRARY.stream()
        .map(type -> type.getSource().map(source -> source.getUri().toString()).orElse(""))
        .map(uri -> LIBRARY_MODULES.stream().filter(module -> uri.contains("/" + module + "/") || uri.contains("/" + module + "-"))
            .findFirst().orElse("elsewhere"))
        .collect(Collectors.toSet());

    assertThat(sources).containsExactlyInAnyOrderElementsOf(LIBRARY_MODULES);
  }

  static int parameters(JavaConstructor constructor) {
    int parameters = constructor.getRawParameterTypes().size();
    // an inner (non-static) class's constructor also takes its outer instance
    return constructor.getOwner().isInnerClass() && !constructor.getOwner().getModifiers().contains(JavaModifier.STATIC)
        ? parameters - 1 : parameters;
  }

  @Test
  void the_records_exempted_for_now_are_records_still_over_the_limit() {
    Set<String> over = LIBRARY.stream()
        .filter(type -> RECORDS_OVER_THE_LIMIT_FOR_NOW.contains(type.getName()))
        .filter(type -> type.isRecord() && type.getConstructors().stream()
            .anyMatch(constructor -> constructor.getModifiers().contains(JavaModifier.PUBLIC) && parameters(constructor) > MOST_CONSTRUCTOR_PARAMETERS))
        .map(type -> type.getName())
        .collect(Collectors.toSet());

    assertThat(over).containsExactlyInAnyOrderElementsOf(RECORDS_OVER_THE_LIMIT_FOR_NOW);
  }

  @Test
  void no_public_constructor_takes_more_than_five_parameters() {
    constructors().that().arePublic()
        .and().areDeclaredInClassesThat().arePublic()
        .should(new ArchCondition<JavaConstructor>("take at most " + MOST_CONSTRUCTOR_PARAMETERS + " parameters (use a builder)") {
          @Override
          public void check(JavaConstructor constructor, ConditionEvents events) {
            int parameters = parameters(constructor);
            boolean exempted = RECORDS_OVER_THE_LIMIT_FOR_NOW.contains(constructor.getOwner().getName());
            events.add(new SimpleConditionEvent(constructor, exempted || parameters <= MOST_CONSTRUCTOR_PARAMETERS,
                constructor.getFullName() + " takes " + parameters + " parameters"));
          }
        })
        .check(LIBRARY);
  }
}
