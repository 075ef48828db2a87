package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.platinur.domain.digest.PinFileProblem;
import io.platinur.domain.digest.PinKey;
import io.platinur.domain.proposal.RepoPath;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class YamlScalarEditorTest {
  private static final RepoPath FILE = RepoPath.of("environments/prod/api/values.yaml");
  private static final PinKey KEY = PinKey.of("image.digest");
  private static final String OLD = "sha256:" + "b2".repeat(32);
  private static final String NEW = "sha256:" + "a1".repeat(32);

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String written(String yaml, String value) {
    Either<PinFileProblem, byte[]> result = YamlScalarEditor.write(FILE, bytes(yaml), KEY, value);
    assertThat(result.isRight()).as("written, but was %s", result.isLeft() ? result.getLeft().message() : "").isTrue();
    return new String(result.get(), StandardCharsets.UTF_8);
  }

  private static String refused(String yaml) {
    Either<PinFileProblem, byte[]> result = YamlScalarEditor.write(FILE, bytes(yaml), KEY, NEW);
    assertThat(result.isLeft()).as("refused, but was written").isTrue();
    assertThat(YamlScalarEditor.read(FILE, bytes(yaml), KEY).isLeft()).isTrue();
    return result.getLeft().message();
  }

  @Nested
  class Rewrites_only_the_scalar {
    @Test
    void plain_with_comments_and_siblings() {
      String yaml = "# api in prod\nreplicas: 3 # scale\nimage:\n  repository: registry/api\n  digest: " + OLD + "   # pinned\n  pullPolicy: IfNotPresent\n";
      assertThat(written(yaml, NEW)).isEqualTo(yaml.replace(OLD, NEW));
      assertThat(YamlScalarEditor.read(FILE, bytes(yaml), KEY).get()).isEqualTo(OLD);
    }

    @Test
    void quoted_styles_stay_quoted() {
      assertThat(written("image:\n  digest: '" + OLD + "'\n", NEW)).isEqualTo("image:\n  digest: '" + NEW + "'\n");
      assertThat(written("image:\n  digest: \"" + OLD + "\"\n", NEW)).isEqualTo("image:\n  digest: \"" + NEW + "\"\n");
    }

    @Test
    void inside_a_flow_mapping_with_crlf_and_non_ascii_text_before_it() {
      String yaml = "team: \"Zoë ✓ 🚀\"\r\nimage: {repository: api, digest: " + OLD + ", tag: none}\r\n";
      assertThat(written(yaml, NEW)).isEqualTo(yaml.replace(OLD, NEW));
    }

    @Test
    void an_empty_value_and_a_value_that_must_be_quoted() {
      assertThat(written("image:\n  digest:\n  x: 1\n", NEW)).isEqualTo("image:\n  digest: " + NEW + "\n  x: 1\n");
      assertThat(written("image: {digest: , x: 1}\n", NEW)).isEqualTo("image: {digest: " + NEW + ", x: 1}\n");
      assertThat(written("image:\n  digest: x\n", "true")).isEqualTo("image:\n  digest: \"true\"\n");
      assertThat(written("image:\n  digest: x\n", "a: b")).isEqualTo("image:\n  digest: \"a: b\"\n");
    }

    @Test
    void an_empty_value_followed_by_a_comment_keeps_a_space_before_the_comment() {
      assertThat(written("image:\n  digest: # 1\n", NEW)).isEqualTo("image:\n  digest: " + NEW + " # 1\n");
      assertThat(written("image:\r\n  digest:   # 32\r\n  x: 1\r\n", NEW)).isEqualTo("image:\r\n  digest: " + NEW + "  # 32\r\n  x: 1\r\n");
      assertThat(written("image:\n  digest:\t# pinned\n", NEW)).isEqualTo("image:\n  digest: " + NEW + "\t# pinned\n");
      assertThat(written("image: {x: 1,\n  digest: # c\n  }\n", NEW)).isEqualTo("image: {x: 1,\n  digest: " + NEW + " # c\n  }\n");
      assertThat(written("image: {digest:, x: 1}\n", NEW)).isEqualTo("image: {digest: " + NEW + ", x: 1}\n");
      assertThat(written("image:\n  ? digest\n  : # 1\n", NEW)).isEqualTo("image:\n  ? digest\n  : " + NEW + " # 1\n");
    }

    @Test
    void inside_an_anchored_node_that_nothing_reuses() {
      assertThat(written("image: &img {digest: " + OLD + "}\n", NEW)).isEqualTo("image: &img {digest: " + NEW + "}\n");
      // the alias refers to the anchor's later definition, not to image
      String redefined = "image: &b {digest: " + OLD + "}\nother: &b {tier: gold}\ncopy: *b\n";
      assertThat(written(redefined, NEW)).isEqualTo(redefined.replace(OLD, NEW));
    }

    @Test
    void returns_the_same_bytes_when_the_value_is_already_there() {
      String yaml = "image:\n  digest:   " + OLD + "\n";
      assertThat(written(yaml, OLD)).isEqualTo(yaml);
    }
  }

  @Nested
  class Refuses {
    @Test
    void a_missing_key() {
      assertThat(refused("image:\n  repository: api\n")).isEqualTo("environments/prod/api/values.yaml has no key image.digest.");
      assertThat(refused("image: api\n")).isEqualTo("environments/prod/api/values.yaml has no key image.digest.");
      assertThat(refused("")).isEqualTo("environments/prod/api/values.yaml has no key image.digest.");
    }

    @Test
    void a_mapping_or_a_list_instead_of_a_scalar() {
      assertThat(refused("image:\n  digest:\n    value: " + OLD + "\n"))
          .isEqualTo("image.digest in environments/prod/api/values.yaml is a mapping, not a scalar.");
      assertThat(refused("image:\n  digest: [" + OLD + "]\n"))
          .isEqualTo("image.digest in environments/prod/api/values.yaml is a list, not a scalar.");
    }

    @Test
    void yaml_that_does_not_parse() {
      assertThat(refused("image:\n  digest: [unclosed\n")).startsWith("environments/prod/api/values.yaml is not valid YAML (line ");
      assertThat(refused("image: {\n")).startsWith("environments/prod/api/values.yaml is not valid YAML (line ");
    }

    @Test
    void two_documents() {
      assertThat(refused("image:\n  digest: " + OLD + "\n---\nimage:\n  digest: " + OLD + "\n"))
          .isEqualTo("environments/prod/api/values.yaml holds 2 YAML documents; a values file holds one.");
    }

    @Test
    void a_duplicate_key_an_alias_an_anchor_a_tag_and_a_block_scalar() {
      assertThat(refused("image:\n  digest: " + OLD + "\n  digest: " + OLD + "\n"))
          .isEqualTo("image.digest appears more than once in environments/prod/api/values.yaml.");
      assertThat(refused("base: &d " + OLD + "\nimage:\n  digest: *d\n"))
          .isEqualTo("image.digest in environments/prod/api/values.yaml is an alias; write the pin as a plain or quoted scalar.");
      assertThat(refused("image:\n  digest: &d " + OLD + "\nother: *d\n"))
          .isEqualTo("image.digest in environments/prod/api/values.yaml is an anchored scalar; write the pin as a plain or quoted scalar.");
      assertThat(refused("image:\n  digest: !!str " + OLD + "\n"))
          .isEqualTo("image.digest in environments/prod/api/values.yaml is a tagged scalar; write the pin as a plain or quoted scalar.");
      assertThat(refused("image:\n  digest: |\n    " + OLD + "\n"))
          .isEqualTo("image.digest in environments/prod/api/values.yaml is a block scalar; write the pin as a plain or quoted scalar.");
    }

    @Test
    void a_key_without_a_colon() {
      String message = "image.digest in environments/prod/api/values.yaml is a key without a colon, so it has no value to rewrite; "
          + "write it as ‘digest: <value>’.";
      assertThat(refused("image:\n  ? digest\n  x: 1\n")).isEqualTo(message);
      assertThat(refused("image:\n  ? digest\n")).isEqualTo(message);
      assertThat(refused("image: {digest, x: 1}\n")).isEqualTo(message);
      assertThat(refused("image: {x: 1, ? digest}\r\n")).isEqualTo(message);
    }

    @Test
    void a_pin_inside_an_anchored_node_that_an_alias_or_a_merge_key_reuses() {
      assertThat(refused("image: &b {digest: " + OLD + "}\nother: *b\n")).isEqualTo("image.digest in environments/prod/api/values.yaml is "
          + "inside &b, which *b reuses elsewhere in the file: rewriting it would change that copy too. Write the pin outside the anchored node.");
      assertThat(refused("image: &base\n  digest: " + OLD + "\nother:\n  <<: *base\n  tier: gold\n")).contains("is inside &base, which *base reuses");
      String elsewhere = "defaults: &d\n  image:\n    digest: " + OLD + "\nother: *d\nimage:\n  digest: " + OLD + "\n";
      assertThat(written(elsewhere, NEW)).as("a reused anchored node that does not hold the pin").isEqualTo(
          "defaults: &d\n  image:\n    digest: " + OLD + "\nother: *d\nimage:\n  digest: " + NEW + "\n");
      Either<PinFileProblem, byte[]> outer = YamlScalarEditor.write(FILE, bytes("app: &app\n  image:\n    digest: " + OLD + "\ncopy: {<<: *app}\n"),
          PinKey.of("app.image.digest"), NEW);
      assertThat(outer.getLeft()).isInstanceOf(PinFileProblem.SharedByAlias.class);
      assertThat(outer.getLeft().message()).startsWith("app.image.digest in environments/prod/api/values.yaml is inside &app, which *app reuses");
    }

    @Test
    void a_rewrite_that_would_not_read_back_as_written() {
      // a line break in a single-quoted scalar folds into a space: the file would hold another value
      Either<PinFileProblem, byte[]> result = YamlScalarEditor.write(FILE, bytes("image:\n  digest: '" + OLD + "'\n"), KEY, "a\nb");
      assertThat(result.getLeft()).isEqualTo(new PinFileProblem.NotRewritable(FILE, KEY));
      assertThat(result.getLeft().message()).isEqualTo("image.digest in environments/prod/api/values.yaml cannot be rewritten in place: "
          + "the edited file would not read back as written. Write the pin as a plain or quoted scalar after its key's colon.");
    }

    @Test
    void bytes_that_are_not_utf8() {
      Either<PinFileProblem, byte[]> result = YamlScalarEditor.write(FILE, new byte[] {'a', ':', ' ', (byte) 0xff, '\n'}, KEY, NEW);
      assertThat(result.getLeft().message()).isEqualTo("environments/prod/api/values.yaml is not UTF-8 text.");
    }
  }

  /**
   * Values files generated with comments, anchors and aliases elsewhere, plain, quoted and flow
   * styles, LF or CRLF, non-ASCII text, and the pin at any position among its siblings: the rewrite
   * equals the original with exactly the pin scalar's text replaced.
   */
  @Test
  void every_other_byte_stays_identical() {
    qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
      Generated doc = Generated.from(new Random(seed));
      String result = written(doc.original(), NEW);
      assertThat(result).as("seed %s:%n%s", seed, doc.original()).isEqualTo(doc.expected());
      assertThat(YamlScalarEditor.read(FILE, bytes(result), KEY).get()).isEqualTo(NEW);
    });
  }

  /** A generated values file: the text before the pin scalar, the scalar in a style, the text after. */
  record Generated(String before, String style, String after) {
    String original() {
      return before + styled(OLD) + after;
    }

    String expected() {
      return before + styled(NEW) + after;
    }

    String styled(String value) {
      return switch (style) {
        case "single" -> "'" + value + "'";
        case "double" -> "\"" + value + "\"";
        default -> value;
      };
    }

    static Generated from(Random random) {
      String nl = random.nextInt(4) == 0 ? "\r\n" : "\n";
      String style = List.of("plain", "single", "double").get(random.nextInt(3));
      List<String> lines = new ArrayList<>();
      int siblings = random.nextInt(6);
      for (int i = 0; i < siblings; i++) {
        lines.add(topLevel(random, i));
      }
      boolean flow = random.nextInt(4) == 0;
      StringBuilder before = new StringBuilder();
      for (String line : lines.subList(0, siblings / 2)) {
        before.append(line).append(nl);
      }
      String after;
      if (flow) {
        before.append("image: {repository: 'registry/api', ").append(random.nextBoolean() ? "tag: \"x, y\", " : "").append("digest: ");
        after = (random.nextBoolean() ? ", pullPolicy: Always}" : "}") + comment(random) + nl;
      } else {
        before.append("image:").append(comment(random)).append(nl);
        int inner = random.nextInt(4);
        int at = random.nextInt(inner + 1);
        StringBuilder tail = new StringBuilder();
        for (int i = 0; i < inner; i++) {
          String value = List.of("registry/api", "'IfNotPresent'", "\"v1.2 # not a comment\"", "[--port, \"8080\"]",
              "{team: payments, tier: gold}").get(random.nextInt(5));
          String sibling = "  key" + i + ": " + value + comment(random) + nl;
          if (i < at) {
            before.append(sibling);
          } else {
            tail.append(sibling);
          }
          if (random.nextInt(3) == 0) {
            (i < at ? before : tail).append("  # a note: digest: sha256:deadbeef").append(nl);
          }
        }
        before.append("  digest:").append(random.nextBoolean() ? " " : "   ");
        after = comment(random) + nl + tail;
      }
      StringBuilder rest = new StringBuilder(after);
      for (String line : lines.subList(siblings / 2, siblings)) {
        rest.append(line).append(nl);
      }
      if (random.nextBoolean()) {
        rest.append("# trailing comment ✓").append(random.nextBoolean() ? nl : "");
      }
      return new Generated(before.toString(), style, rest.toString());
    }

    private static String topLevel(Random random, int i) {
      return switch (random.nextInt(6)) {
        case 0 -> "base" + i + ": &anchor" + i + " {cpu: 100m, memory: \"128Mi\"}";
        case 1 -> "# comment " + i + " — digest: sha256:" + "0".repeat(64);
        case 2 -> "replicas" + i + ": " + random.nextInt(10) + "   # tuned";
        case 3 -> "quoted" + i + ": 'it''s fine: yes'";
        case 4 -> "list" + i + ":\n  - a\n  - \"b\""; // LF inside, even in a CRLF file
        default -> "note" + i + ": \"Zoë ✓ 🚀 \\u00e9\"";
      };
    }

    private static String comment(Random random) {
      return random.nextInt(3) == 0 ? "  # pinned by Platinur" : "";
    }
  }
}
