package io.platinur.domain.digest;

import io.platinur.domain.InvalidValueException;
import io.vavr.control.Validation;
import java.util.regex.Pattern;

/**
 * An immutable image digest: {@code sha256:} followed by 64 lowercase hexadecimal digits. A tag
 * ({@code :latest}, {@code v1.2}) is refused: "build once" means the exact bytes tested in one
 * environment are the bytes promoted to the next, and only a digest names exact bytes. Upper case
 * and short hex are refused too, rather than normalized or guessed.
 */
public record ImageDigest(String value) implements Comparable<ImageDigest> {
  private static final String PREFIX = "sha256:";
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern ANY_HEX = Pattern.compile("[0-9a-fA-F]*");

  public ImageDigest {
    Validation<String, String> checked = check(value);
    if (checked.isInvalid()) {
      throw new InvalidValueException(checked.getError());
    }
  }

  public static ImageDigest of(String value) {
    return new ImageDigest(value);
  }

  /** Checks a candidate digest without throwing; the error says what is wrong with it. */
  public static Validation<String, ImageDigest> parse(String value) {
    return check(value).map(ImageDigest::new);
  }

  /** The 64 hexadecimal digits, without {@code sha256:}. */
  public String hex() {
    return value.substring(PREFIX.length());
  }

  /** {@code sha256:} and the first 12 digits, as image tools show a digest to people. */
  public String abbreviated() {
    return value.substring(0, PREFIX.length() + 12);
  }

  @Override
  public int compareTo(ImageDigest other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }

  private static Validation<String, String> check(String value) {
    if (value == null || value.isBlank()) {
      return Validation.invalid("An image digest is required (sha256: followed by 64 lowercase hexadecimal digits).");
    }
    String shown = "‘" + (value.length() > 100 ? value.substring(0, 100) + "…" : value) + "’";
    if (!value.startsWith(PREFIX)) {
      return Validation.invalid(shown + " is not an image digest. Promotion needs a digest (sha256: followed by "
          + "64 lowercase hexadecimal digits), never a tag: build once, then promote that digest.");
    }
    String hex = value.substring(PREFIX.length());
    if (!ANY_HEX.matcher(hex).matches()) {
      return Validation.invalid(shown + " is not an image digest: after sha256: only hexadecimal digits may follow.");
    }
    if (hex.length() != 64) {
      return Validation.invalid(shown + " is not an image digest: it has " + hex.length()
          + " hexadecimal digits after sha256:, a digest has 64.");
    }
    if (!HEX.matcher(hex).matches()) {
      return Validation.invalid(shown + " is not an image digest: its hexadecimal digits must be lowercase.");
    }
    return Validation.valid(value);
  }
}
