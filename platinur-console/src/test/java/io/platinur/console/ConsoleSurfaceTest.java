package io.platinur.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The console's public surface: one entry point and the few types a host hands it; the page itself is package-private. */
class ConsoleSurfaceTest {
  // only this module's own classes: resolving the JDK and the libraries behind them is slow and not needed
  static final JavaClasses CONSOLE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(location -> location.contains("/platinur-console/"))
      .importPackages("io.platinur.console");

  @Test
  void exposes_the_console_its_builder_and_what_a_host_hands_it() {
    Set<String> publicTypes = CONSOLE.stream()
        .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
        .map(c -> c.getName().substring("io.platinur.console.".length()))
        .collect(Collectors.toSet());

    assertThat(publicTypes).containsExactlyInAnyOrder("PromotionsConsole", "PromotionsConsole$Builder", "ProposalCatalog",
        "ProposalCatalog$InMemory", "ProposalCatalog$Refused", "OfflineHost", "ReportedGateEvidence", "ReportedGateEvidence$Report", "HttpSmokeTests");
  }

  @Test
  void stands_on_the_use_cases_and_the_jdk_only() {
    ArchRuleDefinition.classes()
        .that().resideInAPackage("io.platinur.console..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("io.platinur.console..", "io.platinur.domain..", "io.platinur.port..",
            "io.platinur.application..", "io.vavr..", "java..", "javax.net..", "com.sun.net.httpserver..")
        .check(CONSOLE);
  }
}
