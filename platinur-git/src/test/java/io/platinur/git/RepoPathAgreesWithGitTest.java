package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.platinur.domain.proposal.RepoPath;
import io.vavr.control.Validation;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.ObjectChecker;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * A proposal's path rules and the Git adapter's are one rule: a path {@link RepoPath} takes is one
 * Git writes (so a card that says "Ready to apply" never meets Git's refusal at apply), and where
 * {@code RepoPath} refuses a path for Git's reasons it says so in Git's own words, the words apply
 * would answer with.
 */
class RepoPathAgreesWithGitTest {
  /** Pieces that meet every rule: Windows' reserved characters, devices, dots, spaces, .git spellings, ignorables, surrogates. */
  private static final List<String> PIECES = List.of("a", "B", "x", "sql", ".", " ", "\"", "*", ":", "<", ">", "?", "|", "~",
      "con", "CON", "aux", "Nul", "prn", "com", "COM", "lpt", "Lpt", "1", "9", "0", "git", ".git", "GIT", "git~1", "\u200c", "\ufeff",
      "é", "😀", "\ud83d", "\ude00", "$", "&", "'", "=", "%", "#");
  private static final Gen<String> COMPONENTS = lists().of(integers().between(0, PIECES.size() - 1)).ofSizeBetween(1, 4)
      .map(indexes -> indexes.stream().map(PIECES::get).reduce("", String::concat));
  private static final Gen<String> PATHS = lists().of(COMPONENTS).ofSizeBetween(1, 3).map(components -> String.join("/", components));

  private static final ObjectChecker GIT = new ObjectChecker().setSafeForWindows(true).setSafeForMacOS(true);

  @Test
  void a_path_the_proposal_takes_is_one_git_writes() {
    AtomicInteger taken = new AtomicInteger();
    qt().withExamples(5_000).forAll(PATHS).checkAssert(path -> {
      if (RepoPath.parse(path).isValid()) {
        taken.incrementAndGet();
        assertThatCode(() -> GIT.checkPath(path)).as("Git writes ‘%s’", path).doesNotThrowAnyException();
      }
    });
    assertThat(taken.get()).as("paths the generator made that RepoPath takes").isGreaterThan(250);
  }

  @Test
  void a_path_refused_for_gits_reasons_is_refused_in_the_words_apply_answers_with() {
    AtomicInteger refusedForGit = new AtomicInteger();
    qt().withExamples(5_000).forAll(PATHS).checkAssert(path -> {
      Validation<String, RepoPath> parsed = RepoPath.parse(path);
      if (parsed.isInvalid() && parsed.getError().startsWith("Git refuses the path ")) {
        refusedForGit.incrementAndGet();
        Throwable refused = catchThrowable(() -> GIT.checkPath(path));
        assertThat(refused).as("Git refuses ‘%s’", path).isInstanceOf(CorruptObjectException.class);
        assertThat(parsed.getError()).isEqualTo("Git refuses the path ‘" + path + "’ (" + refused.getMessage() + ").");
      }
    });
    assertThat(refusedForGit.get()).as("paths the generator made that RepoPath refuses for Git's reasons").isGreaterThan(250);
  }

  @Test
  void refuses_what_a_windows_checkout_cannot_hold_as_git_does() {
    assertThat(RepoPath.parse("\"><img src=x onerror=alert(1)>").getError())
        .isEqualTo("Git refuses the path ‘\"><img src=x onerror=alert(1)>’ (char '\"' not allowed in Windows filename).");
    assertThat(RepoPath.parse("models/con.sql").getError()).isEqualTo("Git refuses the path ‘models/con.sql’ (invalid name 'CON').");
    assertThat(RepoPath.parse("Lpt7/x").getError()).isEqualTo("Git refuses the path ‘Lpt7/x’ (invalid name 'LPT7').");
    assertThat(RepoPath.parse("models/orders.").getError()).isEqualTo("Git refuses the path ‘models/orders.’ (invalid name ends with '.').");
    assertThat(RepoPath.parse("a\ud83d").getError())
        .isEqualTo("Repository path contains an unpaired surrogate character: it is not Unicode text.");
    assertThat(RepoPath.parse("console.sql").isValid()).isTrue();
    assertThat(RepoPath.parse("com10/lpt0.sql").isValid()).isTrue();
    assertThat(RepoPath.parse("models/😀.sql").isValid()).isTrue();
  }
}
