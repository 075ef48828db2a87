package io.platinur.domain.repository;

import io.platinur.domain.InvalidValueException;
import io.vavr.collection.List;
import io.vavr.control.Validation;

/**
 * A branch name as Git accepts it (the rules of {@code git check-ref-format --branch}), without the
 * {@code refs/heads/} prefix: {@code staging}, {@code release/2026-11}.
 */
public record BranchName(String name) implements Comparable<BranchName> {
  private static final int MAX_LENGTH = 255;

  public BranchName {
    Validation<String, String> checked = check(name);
    if (checked.isInvalid()) {
      throw new InvalidValueException(checked.getError());
    }
  }

  public static BranchName of(String name) {
    return new BranchName(name);
  }

  /** Checks a candidate name without throwing; the error says what is wrong with it. */
  public static Validation<String, BranchName> parse(String name) {
    return check(name).map(BranchName::new);
  }

  /** The full ref name, {@code refs/heads/<name>}. */
  public String refName() {
    return "refs/heads/" + name;
  }

  @Override
  public int compareTo(BranchName other) {
    return name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return name;
  }

  private static Validation<String, String> check(String name) {
    if (name == null || name.isEmpty()) {
      return Validation.invalid("A branch name is required.");
    }
    String shown = name.length() > 80 ? name.substring(0, 80) + "…" : name;
    String prefix = "Branch name ‘" + printable(shown) + "’ ";
    if (name.length() > MAX_LENGTH) {
      return Validation.invalid(prefix + "is longer than " + MAX_LENGTH + " characters.");
    }
    if (name.startsWith("refs/")) {
      return Validation.invalid(prefix + "must be given without the refs/heads/ prefix.");
    }
    if (name.equals("@") || name.equals("HEAD")) {
      return Validation.invalid(prefix + "is reserved by Git.");
    }
    if (name.startsWith("-")) {
      return Validation.invalid(prefix + "must not start with ‘-’.");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return Validation.invalid(prefix + "contains a control character.");
      }
      if (" ~^:?*[\\".indexOf(c) >= 0) {
        return Validation.invalid(prefix + "contains ‘" + c + "’, which Git does not allow.");
      }
    }
    if (name.contains("..")) {
      return Validation.invalid(prefix + "contains ‘..’.");
    }
    if (name.contains("@{")) {
      return Validation.invalid(prefix + "contains ‘@{’.");
    }
    if (name.endsWith(".")) {
      return Validation.invalid(prefix + "ends with ‘.’.");
    }
    if (name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
      return Validation.invalid(prefix + "has an empty component.");
    }
    for (String component : List.of(name.split("/"))) {
      if (component.startsWith(".")) {
        return Validation.invalid(prefix + "has a component starting with ‘.’.");
      }
      if (component.endsWith(".lock")) {
        return Validation.invalid(prefix + "has a component ending with ‘.lock’.");
      }
    }
    return Validation.valid(name);
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .forEach(c -> out.append(c < 0x20 || c == 0x7f ? "\\u" + String.format("%04x", c) : Character.toString(c)));
    return out.toString();
  }
}
