package io.platinur.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The starter reaches Git and GitHub through the adapters' entry points only, and shows a small public surface. */
@AnalyzeClasses(packages = "io.platinur.spring", importOptions = ImportOption.DoNotIncludeTests.class)
class StarterArchitectureTest {
  @ArchTest
  static final ArchRule reaches_jgit_and_github_api_only_through_the_adapters =
      noClasses().that().resideInAPackage("io.platinur.spring..")
          .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jgit..", "org.kohsuke.github..");

  @ArchTest
  static final ArchRule public_surface_is_the_configuration_its_properties_the_syncs_and_the_start_failure =
      classes().that().resideInAPackage("io.platinur.spring").and().areTopLevelClasses().and().haveModifier(JavaModifier.PUBLIC)
          .should().haveSimpleNameStartingWith("Platinur");

  @ArchTest
  static final ArchRule the_wiring_is_internal =
      classes().that().haveSimpleNameEndingWith("Wiring").should().notBePublic();
}
