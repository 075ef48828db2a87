package io.platinur.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The command stands on the library modules alone: the examples are programs to copy from, never
 * something the command runs. Its demo scenery lives in {@code io.platinur.cli.demo}.
 */
class CommandArchitectureTest {
  // only this module's own classes (main and test): resolving the libraries behind them is not needed
  static final JavaClasses COMMAND = new ClassFileImporter()
      .withImportOption(location -> location.contains("/platinur-cli/"))
      .importPackages("io.platinur.cli");
  static final JavaClasses COMMAND_MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(location -> location.contains("/platinur-cli/"))
      .importPackages("io.platinur.cli");

  @Test
  void does_not_depend_on_the_examples() {
    ArchRuleDefinition.noClasses()
        .that().resideInAPackage("io.platinur.cli..")
        .should().dependOnClassesThat().resideInAPackage("io.platinur.examples..")
        .check(COMMAND_MAIN);
  }

  @Test
  void its_tests_use_nothing_of_the_examples_either() {
    ArchRuleDefinition.noClasses()
        .that().resideInAPackage("io.platinur.cli..")
        .should().dependOnClassesThat().resideInAPackage("io.platinur.examples..")
        .check(COMMAND);
  }

  @Test
  void the_demo_scenery_is_used_by_the_commands_never_the_other_way() {
    ArchRuleDefinition.noClasses()
        .that().resideInAPackage("io.platinur.cli.demo..")
        .should().dependOnClassesThat().resideInAPackage("io.platinur.cli")
        .check(COMMAND_MAIN);
  }
}
