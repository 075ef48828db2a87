package io.platinur.domain.proposal;

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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RepoPathTest {

  /** The message {@link RepoPath#parse} gives, which the constructor must throw unchanged. */
  private static String refusal(String candidate) {
    String parsed = RepoPath.parse(candidate).getError();
    assertThatThrownBy(() -> RepoPath.of(candidate))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(parsed);
    return parsed;
  }

  @Nested
  class Accepted {
    @ParameterizedTest
    @ValueSource(strings = {
        "README.md", "models/staging/orders.sql", ".gitignore", ".github/workflows/ci.yml",
        "a/.gitkeep", "dir.git/x", "x.git", "naïve/ファイル.txt", "with space.sql",
        ".gitx", ".git.x", "git~2", "git~1x", ".g.it", "console.sql", "com10/lpt0.sql", "models/😀.sql", "x..y/z.sql"})
    void accepts_a_relative_path_of_plain_components(String value) {
      RepoPath path = RepoPath.of(value);
      assertThat(path.value()).isEqualTo(value);
      assertThat(path.toString()).isEqualTo(value);
      assertThat(RepoPath.parse(value).get()).isEqualTo(path);
    }

    @Test
    void accepts_exactly_4096_characters() {
      String value = "a/".repeat(2047) + "bb";
      assertThat(value).hasSize(4096);
      assertThat(RepoPath.of(value).value()).isEqualTo(value);
    }

    @Test
    void names_its_last_component_as_file_name() {
      assertThat(RepoPath.of("models/staging/orders.sql").fileName()).isEqualTo("orders.sql");
      assertThat(RepoPath.of("orders.sql").fileName()).isEqualTo("orders.sql");
    }

    @Test
    void folds_letter_case_so_case_variants_share_a_key() {
      RepoPath upper = RepoPath.of("Models/Orders.SQL");
      RepoPath lower = RepoPath.of("models/orders.sql");
      assertThat(upper).isNotEqualTo(lower);
      assertThat(upper.folded()).isEqualTo(lower.folded()).isEqualTo("models/orders.sql");
    }

    @Test
    void folds_independently_of_the_default_locale() {
      // Turkish dotted/dotless i must not change the key on a host whose default locale is tr.
      java.util.Locale before = java.util.Locale.getDefault();
      try {
        java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
        assertThat(RepoPath.of("TITLE.sql").folded()).isEqualTo("title.sql");
      } finally {
        java.util.Locale.setDefault(before);
      }
    }

    @Test
    void sorts_by_its_text() {
      assertThat(RepoPath.of("B")).isLessThan(RepoPath.of("a"));
      assertThat(RepoPath.of("a/b")).isLessThan(RepoPath.of("a/c"));
      assertThat(RepoPath.of("a").compareTo(RepoPath.of("a"))).isZero();
    }
  }

  @Nested
  class Refused {
    @Test
    void refuses_null_and_empty() {
      assertThat(refusal(null)).isEqualTo("A repository path must not be empty.");
      assertThat(refusal("")).isEqualTo("A repository path must not be empty.");
    }

    @Test
    void refuses_an_absolute_path() {
      assertThat(refusal("/etc/passwd"))
          .isEqualTo("Repository path ‘/etc/passwd’ is absolute; give it relative to the repository root.");
      assertThat(refusal("/"))
          .isEqualTo("Repository path ‘/’ is absolute; give it relative to the repository root.");
    }

    @Test
    void refuses_a_dot_dot_component_anywhere() {
      assertThat(refusal("..")).isEqualTo("Repository path ‘..’ contains a ‘..’ component.");
      assertThat(refusal("../secrets")).isEqualTo("Repository path ‘../secrets’ contains a ‘..’ component.");
      assertThat(refusal("a/../../b")).isEqualTo("Repository path ‘a/../../b’ contains a ‘..’ component.");
      assertThat(refusal("a/..")).isEqualTo("Repository path ‘a/..’ contains a ‘..’ component.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        "\"><img src=x onerror=alert(1)># char '\"' not allowed in Windows filename",
        "models/a*b.sql# char '*' not allowed in Windows filename",
        "models/a:b.sql# char ':' not allowed in Windows filename",
        "a/b?.sql# char '?' not allowed in Windows filename",
        "a|b/c.sql# char '|' not allowed in Windows filename",
        "...# invalid name ends with '.'",
        "a/.../b# invalid name ends with '.'",
        "x.git.# invalid name ends with '.'",
        "models/orders.sql # invalid name ends with ' '",
        "con# invalid name 'CON'",
        "models/Con.sql# invalid name 'CON'",
        "AUX.txt# invalid name 'AUX'",
        "nul/x# invalid name 'NUL'",
        "prn.sql# invalid name 'PRN'",
        "com1# invalid name 'COM1'",
        "a/LpT9.log# invalid name 'LPT9'"}, ignoreLeadingAndTrailingWhitespace = false)
    void refuses_what_a_windows_checkout_cannot_hold_in_the_words_git_refuses_it_with(String value, String reason) {
      assertThat(refusal(value)).isEqualTo("Git refuses the path ‘" + value + "’ (" + reason.strip() + ").");
    }

    @Test
    void refuses_an_unpaired_surrogate() {
      assertThat(refusal("a\ud83d.sql")).isEqualTo("Repository path contains an unpaired surrogate character: it is not Unicode text.");
      assertThat(refusal("\ude00")).isEqualTo("Repository path contains an unpaired surrogate character: it is not Unicode text.");
    }

    @Test
    void refuses_a_dot_component_anywhere() {
      assertThat(refusal(".")).isEqualTo("Repository path ‘.’ contains a ‘.’ component.");
      assertThat(refusal("./a")).isEqualTo("Repository path ‘./a’ contains a ‘.’ component.");
      assertThat(refusal("a/./b")).isEqualTo("Repository path ‘a/./b’ contains a ‘.’ component.");
    }

    @ParameterizedTest
    @ValueSource(strings = {".git", ".GIT", ".Git", ".gIt", "a/.git", ".git/config", "sub/.GiT/hooks/pre-commit"})
    void refuses_a_git_component_in_any_letter_case(String value) {
      assertThat(refusal(value))
          .isEqualTo("Repository path ‘" + value + "’ points into Git's own ‘.git’ directory.");
    }

    @ParameterizedTest
    @ValueSource(strings = {".git.", ".git ", ".GIT. .", "a/.git./config", "git~1", "GIT~1/config",
        ".git::$INDEX_ALLOCATION/hooks/post-checkout", ".git:stream", ".g\u200cit/config", "\ufeff.git/x", ".gi\u200dt."})
    void refuses_spellings_that_windows_or_macos_read_as_the_git_directory(String value) {
      assertThat(refusal(value))
          .isEqualTo("Repository path ‘" + value + "’ points into Git's own ‘.git’ directory.");
    }

    @Test
    void refuses_a_backslash() {
      assertThat(refusal("models\\orders.sql"))
          .isEqualTo("Repository path ‘models\\orders.sql’ contains a backslash; use ‘/’ between components.");
      assertThat(refusal("..\\x"))
          .isEqualTo("Repository path ‘..\\x’ contains a backslash; use ‘/’ between components.");
    }

    @Test
    void refuses_a_nul_character_without_echoing_the_path() {
      assertThat(refusal("a\u0000b")).isEqualTo("Repository path contains a NUL character.");
      assertThat(refusal("\u0000")).isEqualTo("Repository path contains a NUL character.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\rb", "a\tb", "\u0001", "x\u001f", "x\u007f", "a/b\u001b[31m"})
    void refuses_control_characters_without_echoing_the_path(String value) {
      assertThat(refusal(value)).isEqualTo("Repository path contains a control character.");
    }

    @Test
    void refuses_a_trailing_slash() {
      assertThat(refusal("models/"))
          .isEqualTo("Repository path ‘models/’ ends with ‘/’; name a file, not a directory.");
      assertThat(refusal("a/b//"))
          .isEqualTo("Repository path ‘a/b//’ ends with ‘/’; name a file, not a directory.");
    }

    @Test
    void refuses_an_empty_component() {
      assertThat(refusal("a//b")).isEqualTo("Repository path ‘a//b’ has an empty component.");
      assertThat(refusal("a///b/c")).isEqualTo("Repository path ‘a///b/c’ has an empty component.");
    }

    @Test
    void refuses_more_than_4096_characters_and_shows_only_the_first_120() {
      String value = "a".repeat(4097);
      assertThat(refusal(value))
          .isEqualTo("Repository path ‘" + "a".repeat(120) + "…’ is longer than 4096 characters.");
    }

    @Test
    void shows_a_long_bad_path_shortened_to_120_characters() {
      String value = "b".repeat(130) + "\\c";
      assertThat(refusal(value))
          .isEqualTo("Repository path ‘" + "b".repeat(120) + "…’ contains a backslash; use ‘/’ between components.");
    }

    @Test
    void checks_characters_before_shape() {
      // A control character is reported without the text even when the path is also absolute.
      assertThat(refusal("/a\nb")).isEqualTo("Repository path contains a control character.");
    }
  }

  /**
   * Every path the real Git refuses to put in an index, RepoPath refuses too (RepoPath is
   * stricter in places: control characters, for one, which Git stores but no checkout wants).
   */
  @Nested
  class Agreement_with_git {
    private static final String[] TOKENS = {
        "a", "B", "x.sql", ".", "..", "/", "//", ".git", ".GIT", ".git.", ".git ", "git~1", "GIT~1", "git~2",
        ":", "::$INDEX_ALLOCATION", " ", "\\", "\t", ".gitx", "~", "é"};

    @Test
    void refuses_every_path_git_refuses(@TempDir Path repository) throws IOException, InterruptedException {
      Set<String> paths = new LinkedHashSet<>();
      Random random = new Random(20261124L); // a fixed seed: the same paths on every run
      while (paths.size() < 250) {
        StringBuilder path = new StringBuilder();
        int tokens = 1 + random.nextInt(5);
        for (int i = 0; i < tokens; i++) {
          path.append(TOKENS[random.nextInt(TOKENS.length)]);
        }
        paths.add(path.toString());
      }
      List<String> inOrder = new ArrayList<>(paths);
      List<Boolean> gitAccepts = gitAccepts(inOrder, repository);

      List<String> laxer = new ArrayList<>();
      int gitRefused = 0;
      for (int i = 0; i < inOrder.size(); i++) {
        if (!gitAccepts.get(i)) {
          gitRefused++;
          if (RepoPath.parse(inOrder.get(i)).isValid()) {
            laxer.add("‘" + inOrder.get(i) + "’");
          }
        }
      }
      assertThat(laxer).as("paths Git refuses but RepoPath accepts").isEmpty();
      assertThat(gitRefused).as("paths Git refused").isBetween(50, inOrder.size() - 50);
    }

    /** Git's own check, a fresh index file per path; paths go in as arguments, never through a shell string. */
    private List<Boolean> gitAccepts(List<String> paths, Path repository) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>(List.of(
          "sh", "-c",
          "git init -q . && b=$(echo x | git hash-object -w --stdin) && n=0 && "
              + "for p in \"$@\"; do n=$((n+1)); "
              + "GIT_INDEX_FILE=\"$PWD/index-$n\" git update-index --add --cacheinfo 100644,\"$b\",\"$p\" >/dev/null 2>&1; "
              + "echo $?; done",
          "sh"));
      command.addAll(paths);
      ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile());
      builder.environment().put("GIT_CEILING_DIRECTORIES", repository.getParent().toString());
      builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
      builder.environment().put("HOME", repository.toString()); // no user configuration
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
      assertThat(results).as("one answer from git per path").hasSize(paths.size());
      return results;
    }
  }
}
