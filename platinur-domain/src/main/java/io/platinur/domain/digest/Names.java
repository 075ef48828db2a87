package io.platinur.domain.digest;

import io.vavr.control.Validation;
import java.util.regex.Pattern;

/** The shared rule for service and environment names: safe as a directory and a branch component. */
final class Names {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private Names() {}

  static Validation<String, String> check(String role, String value) {
    if (value == null || value.isEmpty()) {
      return Validation.invalid((role.startsWith("e") ? "An " : "A ") + role + " name is required.");
    }
    if (!NAME.matcher(value).matches()) {
      String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
      return Validation.invalid("‘" + shown.replaceAll("\\p{Cntrl}", "?") + "’ is not a valid " + role
          + " name: use 1 to 63 lowercase letters, digits and inner hyphens.");
    }
    return Validation.valid(value);
  }
}
