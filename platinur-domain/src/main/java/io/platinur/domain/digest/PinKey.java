package io.platinur.domain.digest;

import io.platinur.domain.InvalidValueException;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;

/**
 * Where a pin sits inside a YAML values file: the keys of nested mappings from the document's root,
 * written with dots ({@code image.digest}). The value there must be a scalar.
 */
public record PinKey(Seq<String> segments) {
  public PinKey {
    if (segments == null || segments.isEmpty() || segments.exists(segment -> segment == null || segment.isEmpty())) {
      throw new InvalidValueException("A pin key needs one or more non-empty keys separated by dots, such as image.digest.");
    }
    segments = List.ofAll(segments);
  }

  /** {@code image.digest} → [image, digest]. */
  public static PinKey of(String dotted) {
    Validation<String, PinKey> parsed = parse(dotted);
    if (parsed.isInvalid()) {
      throw new InvalidValueException(parsed.getError());
    }
    return parsed.get();
  }

  public static Validation<String, PinKey> parse(String dotted) {
    if (dotted == null || dotted.isEmpty() || dotted.startsWith(".") || dotted.endsWith(".") || dotted.contains("..")) {
      return Validation.invalid("‘" + dotted + "’ is not a pin key: give one or more non-empty keys separated by dots, such as image.digest.");
    }
    return Validation.valid(new PinKey(List.of(dotted.split("\\."))));
  }

  @Override
  public String toString() {
    return segments.mkString(".");
  }
}
