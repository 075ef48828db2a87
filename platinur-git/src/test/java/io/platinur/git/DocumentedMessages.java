package io.platinur.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The messages of {@code docs/offline-pull-requests.md}'s tables, as patterns: the text between
 * backticks, each {@code <placeholder>} standing for any text. A test holds a message the adapter
 * gave to the documented one, so the page and the behaviour cannot drift apart.
 */
final class DocumentedMessages {
  private static final Path PAGE = Path.of("..", "docs", "offline-pull-requests.md");

  private DocumentedMessages() {}

  /** The documented message that contains {@code words}, as a pattern; fails unless exactly one does. */
  static Pattern containing(String words) {
    List<String> found = messages().stream().filter(message -> message.contains(words)).toList();
    if (found.size() != 1) {
      throw new AssertionError("Expected one message containing ‘" + words + "’ in " + PAGE + ", found " + found);
    }
    StringBuilder regex = new StringBuilder();
    Matcher placeholder = Pattern.compile("<[^<>]+>").matcher(found.get(0));
    int at = 0;
    while (placeholder.find()) {
      regex.append(Pattern.quote(found.get(0).substring(at, placeholder.start()))).append(".+?");
      at = placeholder.end();
    }
    return Pattern.compile(regex.append(Pattern.quote(found.get(0).substring(at))).toString());
  }

  private static List<String> messages() {
    try {
      return Files.readAllLines(PAGE, StandardCharsets.UTF_8).stream().filter(line -> line.startsWith("|"))
          .flatMap(line -> Pattern.compile("`([^`]+)`").matcher(line).results().map(result -> result.group(1))).toList();
    } catch (IOException e) {
      throw new AssertionError("Cannot read " + PAGE.toAbsolutePath(), e);
    }
  }
}
