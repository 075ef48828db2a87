package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The adapter's public surface: one small entry point, domain and port types only in its signatures. */
class GitAdapterSurfaceTest {
  // only this module's own classes: resolving JGit and the JDK behind them is slow and not needed
  static final JavaClasses ADAPTER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(location -> location.contains("/platinur-git/"))
      .importPackages("io.platinur.git");

  @Test
  void exposes_the_entry_points_their_configuration_the_remote_the_offline_reviews_and_the_yaml_scalar_editor_only() {
    Set<String> publicTypes = ADAPTER.stream()
        .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
        .map(c -> c.getName().substring("io.platinur.git.".length()))
        .collect(Collectors.toSet());

    assertThat(publicTypes).containsExactlyInAnyOrder(
        "GitStaging", "GitStaging$DigestPins", "GitLaneConfig", "GitRemote", "YamlScalarEditor", "GitPreviews", "OfflineReviews");
  }

  @Test
  void speaks_in_domain_and_port_types_never_jgit_types() {
    Stream<Method> api = Stream.of(GitStaging.class, GitLaneConfig.class, GitRemote.class, YamlScalarEditor.class, GitPreviews.class,
            OfflineReviews.class)
        .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
        .filter(method -> Modifier.isPublic(method.getModifiers()));

    assertThat(api.flatMap(method -> Stream.concat(Stream.of(method.getReturnType()), Arrays.stream(method.getParameterTypes())))
            .map(Class::getName))
        .isNotEmpty()
        .noneMatch(name -> name.startsWith("org.eclipse.jgit") || name.startsWith("org.snakeyaml"));
  }

  @Test
  void does_not_depend_on_the_github_adapter() {
    ArchRuleDefinition.noClasses()
        .that().resideInAPackage("io.platinur.git..")
        .should().dependOnClassesThat().resideInAPackage("io.platinur.github..")
        .check(ADAPTER);
  }
}
