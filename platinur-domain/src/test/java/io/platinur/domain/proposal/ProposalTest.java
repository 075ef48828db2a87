package io.platinur.domain.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.domain.InvalidValueException;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Seq;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProposalTest {
  private static final ProposalId ID = ProposalId.of("p-1");

  private static Seq<String> problems(Proposal.Builder builder) {
    Seq<String> problems = builder.validate().getError();
    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(String.join(" ", problems))
        .satisfies(e -> assertThat(((InvalidValueException) e).problems()).isEqualTo(problems));
    return problems;
  }

  @Nested
  class A_valid_proposal {
    @Test
    void keeps_its_id_title_and_changes_in_the_order_given() {
      Proposal proposal = Proposal.builder(ID, "Add orders model")
          .write("models/orders.sql", "select 1")
          .delete("models/old.sql")
          .write("README.md", "# x")
          .build();
      assertThat(proposal.id()).isEqualTo(ID);
      assertThat(proposal.title()).isEqualTo("Add orders model");
      assertThat(proposal.changes().keySet().map(RepoPath::value))
          .containsExactly("models/orders.sql", "models/old.sql", "README.md");
      assertThat(proposal.changes().get(RepoPath.of("models/old.sql")).get()).isEqualTo(Change.delete());
    }

    @Test
    void has_its_paths_sorted_as_file_set() {
      Proposal proposal = Proposal.builder(ID, "t").write("b", "1").write("a/z", "2").write("C", "3").build();
      assertThat(proposal.fileSet().map(RepoPath::value)).containsExactly("C", "a/z", "b");
    }

    @Test
    void counts_both_paths_of_a_rename() {
      Proposal rename = Proposal.builder(ID, "Rename").delete("old.sql").write("new.sql", "x").build();
      assertThat(rename.fileSet().map(RepoPath::value)).containsExactly("new.sql", "old.sql");
    }

    @Test
    void lets_a_later_change_to_the_same_path_replace_the_earlier() {
      Proposal proposal = Proposal.builder(ID, "t").write("a", "first").write("b", "x").delete("a").build();
      assertThat(proposal.changes()).hasSize(2);
      assertThat(proposal.changes().get(RepoPath.of("a")).get()).isEqualTo(Change.delete());
    }

    @Test
    void accepts_a_title_of_exactly_200_characters() {
      assertThat(Proposal.builder(ID, "t".repeat(200)).write("a", "x").build().title()).hasSize(200);
    }

    @Test
    void equals_another_with_the_same_id_title_and_changes() {
      Proposal one = Proposal.builder(ID, "t").write("a", "x").build();
      Proposal same = Proposal.builder(ID, "t").write("a", "x".getBytes(StandardCharsets.UTF_8)).build();
      Proposal otherContent = Proposal.builder(ID, "t").write("a", "y").build();
      assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(otherContent);
    }

    @ParameterizedTest
    @ValueSource(strings = {".env.example", "config/.env.example", ".env.sample", ".env.template", ".ENV.EXAMPLE",
        ".envrc", "x.env", "env", "config.env.local"})
    void may_add_an_env_example_or_other_files_that_are_not_env_files(String path) {
      assertThat(Proposal.builder(ID, "t").write(path, "KEY=").validate().isValid()).isTrue();
      assertThat(Proposal.isEnvFile(RepoPath.of(path))).isFalse();
    }

    @Test
    void may_delete_an_env_file() {
      assertThat(Proposal.builder(ID, "Remove leaked env").delete(".env").build().fileSet().map(RepoPath::value))
          .containsExactly(".env");
    }
  }

  @Nested
  class Title_rules {
    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   \t "})
    void refuses_a_blank_title(String title) {
      assertThat(problems(Proposal.builder(ID, title).write("a", "x"))).containsExactly("A proposal needs a title.");
    }

    @Test
    void refuses_a_missing_title() {
      assertThat(problems(Proposal.builder(ID, null).write("a", "x"))).containsExactly("A proposal needs a title.");
    }

    @Test
    void refuses_a_title_over_200_characters() {
      assertThat(problems(Proposal.builder(ID, "t".repeat(201)).write("a", "x")))
          .containsExactly("A proposal title must be at most 200 characters.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"two\nlines", "tab\there", "bell\u0007", "del\u007f", "x\r"})
    void refuses_control_characters_in_a_title(String title) {
      assertThat(problems(Proposal.builder(ID, title).write("a", "x")))
          .containsExactly("A proposal title must be one line without control characters.");
    }

    @ParameterizedTest
    @ValueSource(strings = {" leading", "trailing ", "\u2003em space"})
    void refuses_white_space_around_a_title(String title) {
      assertThat(problems(Proposal.builder(ID, title).write("a", "x")))
          .containsExactly("A proposal title must not start or end with white space.");
    }
  }

  @Nested
  class Other_rules {
    @Test
    void refuses_a_proposal_without_changes() {
      assertThat(problems(Proposal.builder(ID, "t"))).containsExactly("A proposal must change at least one file.");
      assertThat(Proposal.validate(ID, "t", LinkedHashMap.empty()).getError())
          .containsExactly("A proposal must change at least one file.");
      assertThat(Proposal.validate(ID, "t", null).getError())
          .containsExactly("A proposal must change at least one file.");
    }

    @Test
    void a_refused_path_is_the_only_problem_named_when_it_was_the_only_change() {
      assertThat(problems(Proposal.builder(ID, "t").write("x/a b\\c.sql", "1")))
          .containsExactly("Repository path ‘x/a b\\c.sql’ contains a backslash; use ‘/’ between components.");
      assertThat(problems(Proposal.builder(ID, " t").write("/abs", "1"))).hasSize(2)
          .contains("A proposal title must not start or end with white space.")
          .doesNotContain("A proposal must change at least one file.");
    }

    @Test
    void refuses_a_proposal_without_id() {
      assertThat(problems(Proposal.builder(null, "t").write("a", "x"))).containsExactly("A proposal needs an id.");
    }

    @Test
    void refuses_paths_that_differ_only_in_letter_case() {
      assertThat(problems(Proposal.builder(ID, "t").write("models/a.sql", "1").write("Models/A.sql", "2")))
          .containsExactly("Paths ‘Models/A.sql’ and ‘models/a.sql’ differ only in letter case.");
    }

    @Test
    void names_every_spelling_and_every_group_of_case_only_collisions() {
      Seq<String> problems = problems(Proposal.builder(ID, "t")
          .write("readme.md", "1").write("README.md", "2").delete("Readme.md")
          .write("z.sql", "3").write("Z.SQL", "4").write("other", "5"));
      assertThat(problems).containsExactly(
          "Paths ‘README.md’ and ‘Readme.md’ and ‘readme.md’ differ only in letter case.",
          "Paths ‘Z.SQL’ and ‘z.sql’ differ only in letter case.");
    }

    @ParameterizedTest
    @ValueSource(strings = {".env", "config/.env", ".env.local", ".ENV", ".Env.Local", ".env.production", "a/b/.env.staging"})
    void refuses_writing_an_env_file(String path) {
      assertThat(problems(Proposal.builder(ID, "t").write(path, "DB_PASSWORD=hunter2")))
          .containsExactly("Proposals may not add ‘" + path + "’: secrets live in each environment, not in the repository.");
      assertThat(Proposal.isEnvFile(RepoPath.of(path))).isTrue();
    }

    @Test
    void never_shows_env_file_content_in_the_refusal() {
      assertThatThrownBy(() -> Proposal.builder(ID, "t").write(".env", "DB_PASSWORD=hunter2").build())
          .hasMessageNotContaining("hunter2");
    }

    @Test
    void reports_every_problem_at_once_paths_first() {
      Seq<String> problems = problems(Proposal.builder(null, " untrimmed")
          .write("/abs", "x")
          .write("a//b", "x")
          .write("A", "1").write("a", "2")
          .write(".env", "S=1").write(".env.local", "S=2"));
      assertThat(problems).containsExactly(
          "Repository path ‘/abs’ is absolute; give it relative to the repository root.",
          "Repository path ‘a//b’ has an empty component.",
          "A proposal needs an id.",
          "A proposal title must not start or end with white space.",
          "Paths ‘A’ and ‘a’ differ only in letter case.",
          "Proposals may not add ‘.env’: secrets live in each environment, not in the repository.",
          "Proposals may not add ‘.env.local’: secrets live in each environment, not in the repository.");
    }
  }

  @Nested
  class Contents {
    @Test
    void a_write_copies_the_bytes_it_is_given() {
      byte[] bytes = "secret".getBytes(StandardCharsets.UTF_8);
      Change.Write write = Change.write(bytes);
      bytes[0] = 'X';
      assertThat(new String(write.content(), StandardCharsets.UTF_8)).isEqualTo("secret");
    }

    @Test
    void a_write_hands_out_a_copy_of_its_bytes() {
      Change.Write write = Change.write("secret");
      write.content()[0] = 'X';
      assertThat(new String(write.content(), StandardCharsets.UTF_8)).isEqualTo("secret");
      assertThat(write.size()).isEqualTo(6);
    }

    @Test
    void the_builder_copies_the_bytes_it_is_given() {
      byte[] bytes = {1, 2, 3};
      Proposal proposal = Proposal.builder(ID, "t").write("a.bin", bytes).build();
      bytes[0] = 9;
      Change.Write write = (Change.Write) proposal.changes().get(RepoPath.of("a.bin")).get();
      assertThat(write.content()).containsExactly(1, 2, 3);
    }

    @Test
    void a_write_may_be_empty_but_not_missing() {
      assertThat(Change.write(new byte[0]).size()).isZero();
      assertThatThrownBy(() -> Change.write((byte[]) null))
          .isInstanceOf(InvalidValueException.class)
          .hasMessage("A write needs content (it may be empty).");
    }

    @Test
    void writes_text_as_utf8() {
      assertThat(Change.write("é").content()).containsExactly((byte) 0xc3, (byte) 0xa9);
    }

    @Test
    void folds_to_the_kind_of_change() {
      assertThat(Change.write("x").<String>fold(w -> "write " + w.size(), d -> "delete")).isEqualTo("write 1");
      assertThat(Change.delete().<String>fold(w -> "write", d -> "delete")).isEqualTo("delete");
    }

    @Test
    void to_string_never_shows_content() {
      Proposal proposal = Proposal.builder(ID, "Rotate keys")
          .write("config/app.yml", "password: hunter2")
          .delete("old.yml")
          .build();
      assertThat(proposal.toString())
          .isEqualTo("Proposal[p-1 ‘Rotate keys’, 2 file(s)]")
          .doesNotContain("hunter2");
      assertThat(Change.write("password: hunter2").toString()).isEqualTo("Write[17 bytes]");
      assertThat(Change.delete().toString()).isEqualTo("Delete");
      assertThat(proposal.changes().toString()).doesNotContain("hunter2");
    }
  }
}
