package io.platinur.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's Java is the examples' code: every fenced {@code java} block of README.md (and of the
 * reference pages on wiring, {@link #PAGES}) is,
 * byte for byte after removing the common indentation, a region of an example source marked
 * {@code // README:begin <name>} … {@code // README:end}, and every marked region is shown. The
 * examples' tests run those regions, so the README cannot drift from code that compiles and works.
 */
class ReadmeSnippetsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL);
  /** The pages on wiring whose Java blocks are checked as the README's are. */
  private static final List<String> PAGES = List.of("docs/embedding.md", "docs/promote-by-digest.md", "docs/previews.md");
  private static final Pattern BEGIN = Pattern.compile("^\\s*// README:begin (\\S+)$");

  static List<String> javaBlocks(Path markdown) {
    String text = read(markdown);
    List<String> blocks = new ArrayList<>();
    Matcher matcher = JAVA_BLOCK.matcher(text);
    while (matcher.find()) {
      blocks.add(dedent(matcher.group(1)));
    }
    return blocks;
  }

  static Map<String, String> markedRegions() {
    Map<String, String> regions = new LinkedHashMap<>();
    try (Stream<Path> sources = Files.walk(ROOT.resolve("platinur-examples/src/main/java"))) {
      for (Path source : sources.filter(path -> path.toString().endsWith(".java")).sorted().collect(Collectors.toList())) {
        List<String> lines = List.of(read(source).split("\n", -1));
        for (int i = 0; i < lines.size(); i++) {
          Matcher begin = BEGIN.matcher(lines.get(i));
          if (begin.matches()) {
            int end = i + 1;
            while (!lines.get(end).strip().equals("// README:end")) {
              end++;
            }
            regions.put(begin.group(1), dedent(String.join("\n", lines.subList(i + 1, end)) + "\n"));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return regions;
  }

  static String dedent(String block) {
    List<String> lines = List.of(block.split("\n", -1));
    int indent = lines.stream().filter(line -> !line.isBlank())
        .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
    return lines.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).collect(Collectors.joining("\n"));
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void every_java_block_of_the_readme_is_a_marked_region_of_the_examples() {
    List<String> blocks = javaBlocks(ROOT.resolve("README.md"));
    Map<String, String> regions = markedRegions();

    assertThat(blocks).as("the README's Java blocks").hasSizeGreaterThanOrEqualTo(5);
    assertThat(regions.values()).as("the examples' marked regions").containsAll(blocks);
  }

  @Test
  void every_java_block_of_the_reference_pages_on_wiring_is_a_marked_region_too() {
    Map<String, String> regions = markedRegions();

    for (String page : PAGES) {
      assertThat(javaBlocks(ROOT.resolve(page))).as(page).isNotEmpty();
      assertThat(regions.values()).as(page).containsAll(javaBlocks(ROOT.resolve(page)));
    }
  }

  @Test
  void every_marked_region_is_shown() {
    List<String> blocks = new ArrayList<>(javaBlocks(ROOT.resolve("README.md")));
    PAGES.forEach(page -> blocks.addAll(javaBlocks(ROOT.resolve(page))));

    assertThat(markedRegions()).isNotEmpty()
        .allSatisfy((name, region) -> assertThat(blocks).as("region %s", name).contains(region));
  }

  @Test
  void a_block_that_differs_by_one_character_is_not_a_region() {
    String region = markedRegions().values().iterator().next();

    assertThat(markedRegions().values()).doesNotContain(region.replaceFirst("\\(", "( "));
  }
}
