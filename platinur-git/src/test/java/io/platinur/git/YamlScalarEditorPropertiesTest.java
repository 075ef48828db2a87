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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every edit of a pin either keeps every other byte and reads back the new value, or is a typed
 * refusal — never an exception. Over values files generated in block and flow styles, with
 * comments, LF or CRLF, anchors, aliases and merge keys elsewhere and around the pin, empty values
 * followed by comments, keys without a colon, and every form the pin itself can take: the refusal
 * is the one that form calls for, a written file is exactly the expected bytes, and it loads as the
 * original with only the pin changed (so no alias carried the edit anywhere else).
 */
class YamlScalarEditorPropertiesTest {
  private static final RepoPath FILE = RepoPath.of("environments/prod/api/values.yaml");
  private static final String OLD = "sha256:" + "b2".repeat(32);
  private static final String NEW = "sha256:" + "a1".repeat(32);

  @Test
  void every_edit_keeps_every_other_byte_and_reads_back_or_is_a_typed_refusal() {
    Map<Form, Integer> seen = new EnumMap<>(Form.class);
    int[] shared = new int[1];
    qt().withExamples(1500).forAll(longs().all()).checkAssert(seed -> {
      ValuesFile file = ValuesFile.from(new Random(seed));
      seen.merge(file.form(), 1, Integer::sum);
      String what = "seed " + seed + ", " + file.form() + ":\n" + file.original();
      Either<PinFileProblem, byte[]> result;
      try {
        result = YamlScalarEditor.write(FILE, bytes(file.original()), file.key(), NEW);
      } catch (RuntimeException thrown) {
        throw new AssertionError("thrown, not refused: " + what, thrown);
      }
      if (file.refusal() != null) {
        assertThat(result.isLeft()).as("refused: %s", what).isTrue();
        assertThat(result.getLeft()).as(what).isInstanceOf(file.refusal());
        assertThat(result.getLeft().message()).as(what).contains(FILE.value()).doesNotContain(OLD);
        shared[0] += result.getLeft() instanceof PinFileProblem.SharedByAlias ? 1 : 0;
        return;
      }
      assertThat(result.isRight()).as("written, but was %s: %s", result.isLeft() ? result.getLeft().message() : "", what).isTrue();
      String written = new String(result.get(), StandardCharsets.UTF_8);
      assertThat(written).as(what).isEqualTo(file.expected());
      assertThat(YamlScalarEditor.read(FILE, result.get(), file.key()).get()).as(what).isEqualTo(NEW);
      assertThat(load(written)).as("loads as the original with only the pin changed: %s", what)
          .isEqualTo(withPin(copy(load(file.original())), file.key(), NEW));
    });
    assertThat(seen.keySet()).as("every form of the pin was generated").containsExactlyInAnyOrder(Form.values());
    assertThat(shared[0]).as("pins inside a reused anchored node were generated").isPositive();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Object load(String text) {
    return new Load(LoadSettings.builder().build()).loadFromString(text);
  }

  /** A deep copy: what an alias shared in the loaded original is two values here. */
  private static Object copy(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<Object, Object> copied = new LinkedHashMap<>();
      map.forEach((key, value) -> copied.put(copy(key), copy(value)));
      return copied;
    }
    if (node instanceof List<?> list) {
      List<Object> copied = new ArrayList<>();
      list.forEach(item -> copied.add(copy(item)));
      return copied;
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private static Object withPin(Object root, PinKey key, String value) {
    Map<Object, Object> at = (Map<Object, Object>) root;
    for (String segment : key.segments().init()) {
      at = (Map<Object, Object>) at.get(segment);
    }
    at.put(key.segments().last(), value);
    return root;
  }

  /** The forms a pin takes in a values file. */
  enum Form {
    PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, EMPTY, NO_COLON, ANCHORED, ALIAS, TAGGED, BLOCK_SCALAR, MAPPING, LIST, TWICE, MISSING
  }

  /**
   * A generated values file: the text before the pin, the pin's entry as it is and as it must be
   * written, the text after it; {@code refusal} is the problem an edit must answer, or null.
   */
  record ValuesFile(Form form, PinKey key, String before, String pin, String pinWritten, String after,
      Class<? extends PinFileProblem> refusal) {
    String original() {
      return before + pin + after;
    }

    String expected() {
      return before + pinWritten + after;
    }

    static ValuesFile from(Random random) {
      String nl = random.nextInt(4) == 0 ? "\r\n" : "\n";
      Form form = Form.values()[random.nextInt(Form.values().length)];
      boolean flow = random.nextInt(3) == 0;
      boolean nested = random.nextInt(3) == 0;
      String indent = nested ? "    " : "  ";
      PinKey key = PinKey.of(nested ? "app.image.digest" : "image.digest");

      StringBuilder before = new StringBuilder();
      List<String> later = new ArrayList<>();
      if (form == Form.ALIAS) {
        before.append("pinned: &pin ").append(OLD).append(nl);
      }
      int decorations = random.nextInt(4);
      for (int i = 0; i < decorations; i++) {
        before.append(decoration(random, i, nl, later));
      }
      // the anchored nodes around the pin, and whether something reuses them
      boolean imageAnchored = random.nextInt(3) == 0;
      boolean appAnchored = nested && random.nextInt(3) == 0;
      boolean reused = false;
      if (nested) {
        before.append("app:").append(appAnchored ? " &app" : "").append(comment(random)).append(nl).append("  replicas: 2").append(nl);
        if (appAnchored && random.nextBoolean()) {
          later.add(reuse(random, "app", nl));
          reused = true;
        }
      }
      String parentIndent = nested ? "  " : "";
      if (imageAnchored && random.nextBoolean()) {
        later.add(reuse(random, "img", nl));
        reused = true;
      }

      // the image mapping with the pin among its siblings
      List<String> siblings = new ArrayList<>();
      int count = random.nextInt(3);
      for (int i = 0; i < count; i++) {
        siblings.add(List.of("repository" + i + ": registry/api", "pullPolicy" + i + ": 'IfNotPresent'", "tag" + i + ": \"v1.2 # not a comment\"",
            "minAvailable" + i + ":", "? flag" + i, "ports" + i + ": [8080, 9090]").get(random.nextInt(6)));
      }
      int at = random.nextInt(count + 1);
      String pin;
      String pinWritten;
      String opening = parentIndent + "image:" + (imageAnchored ? " &img" : "");
      StringBuilder head = new StringBuilder(before);
      StringBuilder tail = new StringBuilder();
      if (flow) {
        String[] entry = flowEntry(random, form);
        pin = entry[0];
        pinWritten = entry[1];
        head.append(opening).append(" {");
        for (String sibling : siblings.subList(0, at)) {
          head.append(flowSafe(sibling)).append(", ");
        }
        if (form == Form.TWICE) {
          head.append("digest: ").append(OLD).append(", ");
        }
        if (pin.endsWith("# c")) {
          // a comment runs to the end of its line: the flow mapping goes on on the next one
          tail.append(nl).append(parentIndent).append("  ");
        }
        for (String sibling : siblings.subList(at, count)) {
          tail.append(", ").append(flowSafe(sibling));
        }
        tail.append('}').append(nl);
      } else {
        String[] entry = blockEntry(random, form, indent, nl);
        pin = entry[0];
        pinWritten = entry[1];
        head.append(opening).append(comment(random)).append(nl);
        for (String sibling : siblings.subList(0, at)) {
          head.append(indent).append(sibling).append(comment(random)).append(nl);
        }
        if (form == Form.TWICE) {
          head.append(indent).append("digest: ").append(OLD).append(nl);
        }
        head.append(indent);
        tail.append(nl);
        for (String sibling : siblings.subList(at, count)) {
          tail.append(indent).append(sibling).append(comment(random)).append(nl);
        }
      }
      for (String line : later) {
        tail.append(line);
      }
      if (random.nextBoolean()) {
        tail.append("# trailing comment ✓").append(random.nextBoolean() ? nl : "");
      }
      Class<? extends PinFileProblem> refusal = switch (form) {
        case MISSING -> PinFileProblem.KeyMissing.class;
        case TWICE -> PinFileProblem.DuplicateKey.class;
        case MAPPING, LIST -> PinFileProblem.NotAScalar.class;
        case ANCHORED, ALIAS, TAGGED, BLOCK_SCALAR -> PinFileProblem.UnsupportedScalar.class;
        case NO_COLON -> PinFileProblem.KeyWithoutValue.class;
        default -> reused ? PinFileProblem.SharedByAlias.class : null;
      };
      return new ValuesFile(form, key, head.toString(), pin, pinWritten, tail.toString(), refusal);
    }

    /** The pin's entry in a block mapping, as it is and as it must be written. */
    private static String[] blockEntry(Random random, Form form, String indent, String nl) {
      String comment = comment(random);
      return switch (form) {
        case PLAIN -> new String[] {"digest: " + OLD + comment, "digest: " + NEW + comment};
        case SINGLE_QUOTED -> new String[] {"digest: '" + OLD + "'" + comment, "digest: '" + NEW + "'" + comment};
        case DOUBLE_QUOTED -> new String[] {"digest:   \"" + OLD + "\"" + comment, "digest:   \"" + NEW + "\"" + comment};
        case EMPTY -> {
          String[][] empties = {
              {"digest:", "digest: " + NEW},
              {"digest: ", "digest: " + NEW},
              {"digest:   ", "digest: " + NEW + "  "},
              {"digest: # 1", "digest: " + NEW + " # 1"},
              {"digest:   # 32", "digest: " + NEW + "  # 32"},
              {"digest:\t# pinned by Platinur", "digest: " + NEW + "\t# pinned by Platinur"},
              {"? digest" + nl + indent + ": # 1", "? digest" + nl + indent + ": " + NEW + " # 1"}};
          yield empties[random.nextInt(empties.length)];
        }
        case NO_COLON -> new String[] {"? digest" + comment, null};
        case ANCHORED -> new String[] {"digest: &d " + OLD, null};
        case ALIAS -> new String[] {"digest: *pin", null};
        case TAGGED -> new String[] {"digest: !!str " + OLD, null};
        case BLOCK_SCALAR -> new String[] {"digest: |" + nl + indent + "  " + OLD, null};
        case MAPPING -> new String[] {"digest:" + nl + indent + "  value: " + OLD, null};
        case LIST -> new String[] {"digest: [" + OLD + "]", null};
        case TWICE -> new String[] {"digest: " + OLD, null};
        case MISSING -> new String[] {"other: " + OLD, null};
      };
    }

    /** The pin's entry in a flow mapping, as it is and as it must be written. */
    private static String[] flowEntry(Random random, Form form) {
      return switch (form) {
        case PLAIN -> new String[] {"digest: " + OLD, "digest: " + NEW};
        case SINGLE_QUOTED -> new String[] {"digest: '" + OLD + "'", "digest: '" + NEW + "'"};
        case DOUBLE_QUOTED -> new String[] {"\"digest\": \"" + OLD + "\"", "\"digest\": \"" + NEW + "\""};
        case EMPTY -> {
          String[][] empties = {{"digest:", "digest: " + NEW}, {"digest: ", "digest: " + NEW}, {"digest: # c", "digest: " + NEW + " # c"}};
          yield empties[random.nextInt(empties.length)];
        }
        case NO_COLON -> new String[] {random.nextBoolean() ? "digest" : "? digest", null};
        case ANCHORED -> new String[] {"digest: &d " + OLD, null};
        case ALIAS -> new String[] {"digest: *pin", null};
        case TAGGED, BLOCK_SCALAR -> new String[] {"digest: !!str " + OLD, null};
        case MAPPING -> new String[] {"digest: {value: " + OLD + "}", null};
        case LIST -> new String[] {"digest: [" + OLD + "]", null};
        case TWICE -> new String[] {"digest: " + OLD, null};
        case MISSING -> new String[] {"other: " + OLD, null};
      };
    }

    /** A sibling as a flow mapping entry: a colon-less key stays one, an empty value stays empty. */
    private static String flowSafe(String sibling) {
      return sibling.startsWith("? ") ? sibling.substring(2) : sibling;
    }

    /** A top-level entry beside the pin; an anchor it defines may be reused by an entry {@code later}. */
    private static String decoration(Random random, int i, String nl, List<String> later) {
      return switch (random.nextInt(9)) {
        case 0 -> "replicas" + i + ": 3   # tuned" + nl;
        case 1 -> "min" + i + ": # 1" + nl;
        case 2 -> "? flag" + i + nl;
        case 3 -> "flow" + i + ": {enabled, size: 2, empty:}" + nl;
        case 4 -> {
          if (random.nextBoolean()) {
            later.add("use" + i + ": *base" + i + nl);
          }
          yield "base" + i + ": &base" + i + " {cpu: 100m, digest: " + OLD + "}" + nl;
        }
        case 5 -> "# comment " + i + " — image: {digest: " + OLD + "}" + nl;
        case 6 -> "list" + i + ":" + nl + "  - a" + nl + "  - \"b # not a comment\"" + nl;
        case 7 -> "quoted" + i + ": 'it''s: yes'" + nl;
        default -> "team" + i + ": \"Zoë ✓ 🚀\"" + nl;
      };
    }

    /** Something after the pin that reuses the anchored node {@code anchor}: an alias or a merge key. */
    private static String reuse(Random random, String anchor, String nl) {
      return switch (random.nextInt(3)) {
        case 0 -> "copy-" + anchor + ": *" + anchor + nl;
        case 1 -> "merged-" + anchor + ": {<<: *" + anchor + ", extra: 1}" + nl;
        default -> "merged-" + anchor + ":" + nl + "  <<: *" + anchor + nl + "  extra: 1" + nl;
      };
    }

    private static String comment(Random random) {
      return random.nextInt(3) == 0 ? "  # pinned" : "";
    }
  }
}
