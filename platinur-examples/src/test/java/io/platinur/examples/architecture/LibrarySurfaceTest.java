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

  @Test
  void no_public_constructor_takes_more_than_five_parameters() {
    constructors().that().arePublic()
        .and().areDeclaredInClassesThat().arePublic()
        .should(new ArchCondition<JavaConstructor>("take at most " + MOST_CONSTRUCTOR_PARAMETERS + " parameters (use a builder)") {
          @Override
          public void check(JavaConstructor constructor, ConditionEvents events) {
            int parameters = constructor.getRawParameterTypes().size();
            // an inner (non-static) class's constructor also takes its outer instance
            if (!constructor.getOwner().getModifiers().contains(JavaModifier.STATIC) && constructor.getOwner().isInnerClass()) {
              parameters--;
            }
            events.add(new SimpleConditionEvent(constructor, parameters <= MOST_CONSTRUCTOR_PARAMETERS,
                constructor.getFullName() + " takes " + parameters + " parameters"));
          }
        })
        .check(LIBRARY);
  }
}
