package io.platinur.domain.proposal;

import io.platinur.domain.InvalidValueException;
import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.util.Locale;

/**
 * A file's path inside the repository, relative to its root, with {@code /} between components:
 * {@code models/staging/orders.sql}.
 *
 * <p>Refused: empty paths, absolute paths, empty, {@code .} or {@code ..} components, a {@code .git}
 * component in any letter case or in a spelling Windows or macOS reads as {@code .git}, backslashes, NUL and other control characters,
 * unpaired surrogates, and paths longer than 4096 characters. Also refused, with the very words Git uses when it refuses to
 * write such a tree entry ({@code Git refuses the path ‘a"b.sql’ (char '"' not allowed in Windows filename).}), are names a
 * Windows checkout cannot hold: a component with one of {@code " * : < > ? |}, one ending in a space or a dot, and the device
 * names {@code AUX}, {@code CON}, {@code NUL}, {@code PRN}, {@code COM1}–{@code COM9} and {@code LPT1}–{@code LPT9} (alone or
 * before a dot, in any letter case). A proposal holding a path is therefore never refused by Git when it is applied for its
 * path. Two paths that differ only in letter case are different values but the
 * same {@link #folded() folded} key: on a case-insensitive checkout they are the same file, so the
 * overlap check treats them as one.
 */
public record RepoPath(String value) implements Comparable<RepoPath> {
  private static final int MAX_LENGTH = 4096;
  /** Characters Windows does not allow in a file name (backslash and control characters are refused before). */
  private static final String WINDOWS_RESERVED = "\"*:<>?|";

  public RepoPath {
    Validation<String, String> checked = check(value);
    if (checked.isInvalid()) {
      throw new InvalidValueException(checked.getError());
    }
  }

  public static RepoPath of(String value) {
    return new RepoPath(value);
  }

  /** Checks a candidate path without throwing; the error says what is wrong with it. */
  public static Validation<String, RepoPath> parse(String value) {
    return check(value).map(RepoPath::new);
  }

  /** The key two paths share when they differ only in letter case. */
  public String folded() {
    return value.toLowerCase(Locale.ROOT);
  }

  /** The last component: {@code orders.sql} for {@code models/staging/orders.sql}. */
  public String fileName() {
    return value.substring(value.lastIndexOf('/') + 1);
  }

  @Override
  public int compareTo(RepoPath other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }

  private static Validation<String, String> check(String value) {
    if (value == null || value.isEmpty()) {
      return Validation.invalid("A repository path must not be empty.");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        return Validation.invalid("Repository path contains a NUL character.");
      }
      if (c < 0x20 || c == 0x7f) {
        return Validation.invalid("Repository path contains a control character.");
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        // Git would write it as '?': what was proposed is not what would be committed.
        return Validation.invalid("Repository path contains an unpaired surrogate character: it is not Unicode text.");
      }
    }
    String shown = "Repository path ‘" + (value.length() > 120 ? value.substring(0, 120) + "…" : value) + "’ ";
    if (value.length() > MAX_LENGTH) {
      return Validation.invalid(shown + "is longer than " + MAX_LENGTH + " characters.");
    }
    if (value.indexOf('\\') >= 0) {
      return Validation.invalid(shown + "contains a backslash; use ‘/’ between components.");
    }
    if (value.startsWith("/")) {
      return Validation.invalid(shown + "is absolute; give it relative to the repository root.");
    }
    if (value.endsWith("/")) {
      return Validation.invalid(shown + "ends with ‘/’; name a file, not a directory.");
    }
    for (String component : value.split("/", -1)) {
      if (component.isEmpty()) {
        return Validation.invalid(shown + "has an empty component.");
      }
      if (component.equals(".") || component.equals("..")) {
        return Validation.invalid(shown + "contains a ‘" + component + "’ component.");
      }
      if (namesGitDirectory(component)) {
        return Validation.invalid(shown + "points into Git's own ‘.git’ directory.");
      }
      Option<String> refused = refusedOnWindows(component);
      if (refused.isDefined()) {
        return Validation.invalid("Git refuses the path ‘" + value + "’ (" + refused.get() + ").");
      }
    }
    return Validation.valid(value);
  }

  /**
   * Why Git refuses a component that a Windows checkout cannot hold, in Git's words (JGit's
   * {@code ObjectChecker} with Windows safety on, which the Git adapter applies to every path it
   * writes): a reserved character, a trailing space or dot, a device name.
   */
  private static Option<String> refusedOnWindows(String component) {
    for (int i = 0; i < component.length(); i++) {
      char c = component.charAt(i);
      if (WINDOWS_RESERVED.indexOf(c) >= 0) {
        return Option.some("char '" + c + "' not allowed in Windows filename");
      }
    }
    char last = component.charAt(component.length() - 1);
    if (last == ' ' || last == '.') {
      return Option.some("invalid name ends with '" + last + "'");
    }
    // ASCII letters only, as Windows and Git compare device names: one char per char, so indexes hold
    StringBuilder ascii = new StringBuilder(component.length());
    component.chars().forEach(c -> ascii.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : (char) c));
    String lower = ascii.toString();
    for (String device : List.of("aux", "con", "nul", "prn")) {
      if (lower.equals(device) || lower.startsWith(device + ".")) {
        return Option.some("invalid name '" + device.toUpperCase(Locale.ROOT) + "'");
      }
    }
    for (String device : List.of("com", "lpt")) {
      if (lower.length() >= 4 && lower.startsWith(device) && lower.charAt(3) >= '1' && lower.charAt(3) <= '9'
          && (lower.length() == 4 || lower.charAt(4) == '.')) {
        return Option.some("invalid name '" + device.toUpperCase(Locale.ROOT) + component.charAt(3) + "'");
      }
    }
    return Option.none();
  }

  /**
   * Whether a component names Git's own directory on some checkout: {@code .git} in any letter
   * case, and the spellings Windows reads as it (trailing dots or spaces, the short name
   * {@code git~1}, an alternate data stream such as {@code .git::$INDEX_ALLOCATION}) or macOS does
   * (with ignorable characters such as U+200C inside). Git itself refuses these paths.
   */
  private static boolean namesGitDirectory(String component) {
    StringBuilder visible = new StringBuilder();
    component.codePoints().filter(c -> !isHfsIgnorable(c)).forEach(visible::appendCodePoint);
    String name = visible.toString();
    int stream = name.indexOf(':');
    if (stream >= 0) {
      name = name.substring(0, stream);
    }
    int end = name.length();
    while (end > 0 && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
      end--;
    }
    name = name.substring(0, end);
    return name.equalsIgnoreCase(".git") || name.equalsIgnoreCase("git~1");
  }

  /** Code points HFS+ ignores when it compares names. */
  private static boolean isHfsIgnorable(int c) {
    return (c >= 0x200c && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x206a && c <= 0x206f) || c == 0xfeff;
  }
}
