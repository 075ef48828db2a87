package io.platinur.domain.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.domain.InvalidValueException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BranchNameTest {

  private static String refusal(String candidate) {
    String parsed = BranchName.parse(candidate).getError();
    assertThatThrownBy(() -> BranchName.of(candidate))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(parsed);
    return parsed;
  }

  @Nested
  class Accepted {
    @ParameterizedTest
    @ValueSource(strings = {
        "main", "staging", "release/2026-11", "feature/a.b", "a@b", "@@", "a/@", "x-", "head", "a/HEAD",
        "dépôt", "v1.0", "a.lockx", "lock", "a/b/c/d", "a_b+c=d,e;f!g#h%i&j'k\"l(m)n{o}p|q`r<s>t"})
    void accepts_a_name_git_accepts(String name) {
      BranchName branch = BranchName.of(name);
      assertThat(branch.name()).isEqualTo(name);
      assertThat(branch.toString()).isEqualTo(name);
      assertThat(branch.refName()).isEqualTo("refs/heads/" + name);
      assertThat(BranchName.parse(name).get()).isEqualTo(branch);
    }

    @Test
    void accepts_exactly_255_characters() {
      assertThat(BranchName.of("b".repeat(255)).name()).hasSize(255);
    }

    @Test
    void sorts_by_name() {
      assertThat(BranchName.of("main")).isLessThan(BranchName.of("staging"));
    }
  }

  @Nested
  class Refused {
    @Test
    void refuses_null_and_empty() {
      assertThat(refusal(null)).isEqualTo("A branch name is required.");
      assertThat(refusal("")).isEqualTo("A branch name is required.");
    }

    @Test
    void refuses_more_than_255_characters_showing_the_first_80() {
      assertThat(refusal("c".repeat(256)))
          .isEqualTo("Branch name ‘" + "c".repeat(80) + "…’ is longer than 255 characters.");
    }

    @Test
    void refuses_the_refs_prefix() {
      assertThat(refusal("refs/heads/main"))
          .isEqualTo("Branch name ‘refs/heads/main’ must be given without the refs/heads/ prefix.");
    }

    @Test
    void refuses_names_reserved_by_git() {
      assertThat(refusal("@")).isEqualTo("Branch name ‘@’ is reserved by Git.");
      assertThat(refusal("HEAD")).isEqualTo("Branch name ‘HEAD’ is reserved by Git.");
    }

    @Test
    void refuses_a_leading_dash() {
      assertThat(refusal("-f")).isEqualTo("Branch name ‘-f’ must not start with ‘-’.");
    }

    @Test
    void refuses_control_characters_and_shows_them_escaped() {
      assertThat(refusal("a\nb")).isEqualTo("Branch name ‘a\\u000ab’ contains a control character.");
      assertThat(refusal("a\u007f")).isEqualTo("Branch name ‘a\\u007f’ contains a control character.");
      assertThat(refusal("\u0000")).isEqualTo("Branch name ‘\\u0000’ contains a control character.");
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "~", "^", ":", "?", "*", "[", "\\"})
    void refuses_characters_git_does_not_allow(String c) {
      assertThat(refusal("a" + c + "b"))
          .isEqualTo("Branch name ‘a" + c + "b’ contains ‘" + c + "’, which Git does not allow.");
    }

    @Test
    void refuses_two_dots() {
      assertThat(refusal("a..b")).isEqualTo("Branch name ‘a..b’ contains ‘..’.");
    }

    @Test
    void refuses_at_brace() {
      assertThat(refusal("a@{1}")).isEqualTo("Branch name ‘a@{1}’ contains ‘@{’.");
    }

    @Test
    void refuses_a_trailing_dot() {
      assertThat(refusal("a.")).isEqualTo("Branch name ‘a.’ ends with ‘.’.");
      assertThat(refusal("a/.")).isEqualTo("Branch name ‘a/.’ ends with ‘.’.");
    }

    @Test
    void refuses_empty_components() {
      assertThat(refusal("/a")).isEqualTo("Branch name ‘/a’ has an empty component.");
      assertThat(refusal("a/")).isEqualTo("Branch name ‘a/’ has an empty component.");
      assertThat(refusal("a//b")).isEqualTo("Branch name ‘a//b’ has an empty component.");
    }

    @Test
    void refuses_a_component_starting_with_a_dot() {
      assertThat(refusal(".a")).isEqualTo("Branch name ‘.a’ has a component starting with ‘.’.");
      assertThat(refusal("a/.b")).isEqualTo("Branch name ‘a/.b’ has a component starting with ‘.’.");
    }

    @Test
    void refuses_a_component_ending_with_lock() {
      assertThat(refusal("a.lock")).isEqualTo("Branch name ‘a.lock’ has a component ending with ‘.lock’.");
      assertThat(refusal("a.lock/b")).isEqualTo("Branch name ‘a.lock/b’ has a component ending with ‘.lock’.");
    }
  }

  /**
   * The real {@code git check-ref-format --branch} and {@link BranchName} must agree on every
   * generated name. Two rules are deliberately stricter than Git and left out of the generated
   * set (they have their own tests above): the {@code refs/} prefix, which Git would accept as
   * {@code refs/heads/refs/...} but which almost always means the caller passed a full ref; and
   * {@code @}, which Git accepts as a branch but which also means HEAD in revision syntax.
   */
  @Nested
  class Agreement_with_git {
    private static final String[] TOKENS = {
        "a", "b", "main", "x1", "é", ".", "..", "/", "//", "@", "@{", "{", "}", "-", "_", " ", "~", "^", ":",
        "?", "*", "[", "]", "\\", "\t", "\u007f", ".lock", "lock", "HEAD", "refs/", "!", "#", "+", "=", ","};

    @Test
    void agrees_with_git_check_ref_format_on_generated_names(@TempDir Path outsideAnyRepository)
        throws IOException, InterruptedException {
      Set<String> names = new LinkedHashSet<>();
      Random random = new Random(20261124L); // a fixed seed: the same names on every run
      while (names.size() < 400) {
        StringBuilder name = new StringBuilder();
        int tokens = 1 + random.nextInt(5);
        for (int i = 0; i < tokens; i++) {
          name.append(TOKENS[random.nextInt(TOKENS.length)]);
        }
        String candidate = name.toString();
        if (!candidate.startsWith("refs/") && !candidate.equals("@")) {
          names.add(candidate);
        }
      }
      List<String> namesInOrder = new ArrayList<>(names);
      List<Boolean> gitAccepts = gitAccepts(namesInOrder, outsideAnyRepository);

      List<String> disagreements = new ArrayList<>();
      int accepted = 0;
      for (int i = 0; i < namesInOrder.size(); i++) {
        String name = namesInOrder.get(i);
        boolean domainAccepts = BranchName.parse(name).isValid();
        accepted += domainAccepts ? 1 : 0;
        if (domainAccepts != gitAccepts.get(i)) {
          disagreements.add("‘" + name + "’ git=" + gitAccepts.get(i) + " domain=" + domainAccepts);
        }
      }
      assertThat(disagreements).as("names where BranchName and git disagree").isEmpty();
      // The generated set must exercise both outcomes, or the agreement says little.
      assertThat(accepted).isBetween(50, namesInOrder.size() - 50);
    }

    @Test
    void is_stricter_than_git_only_where_documented(@TempDir Path outsideAnyRepository)
        throws IOException, InterruptedException {
      List<String> stricter = List.of("refs/heads/main", "refs/x", "@");
      assertThat(gitAccepts(stricter, outsideAnyRepository)).containsOnly(true);
      assertThat(stricter).allSatisfy(name -> assertThat(BranchName.parse(name).isInvalid()).isTrue());
    }

    /** One shell runs git once per name; the names go in as arguments, never through a shell string. */
    private List<Boolean> gitAccepts(List<String> names, Path workingDirectory)
        throws IOException, InterruptedException {
      List<String> command = new ArrayList<>(List.of(
          "sh", "-c",
          "for n in \"$@\"; do git check-ref-format --branch \"$n\" >/dev/null 2>&1; echo $?; done",
          "sh"));
      command.addAll(names);
      ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
      // Outside any repository, so @{-N} cannot resolve to a previously checked-out branch.
      builder.environment().put("GIT_CEILING_DIRECTORIES", workingDirectory.getParent().toString());
      builder.redirectErrorStream(true);
      Process process = builder.start();
      List<Boolean> results = new ArrayList<>();
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          results.add(line.trim().equals("0"));
        }
      }
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("git finished").isTrue();
      assertThat(process.exitValue()).isZero();
      assertThat(results).as("one answer from git per name").hasSize(names.size());
      return results;
    }
  }
}
