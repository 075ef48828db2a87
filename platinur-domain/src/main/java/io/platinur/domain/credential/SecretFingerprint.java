package io.platinur.domain.credential;

import io.platinur.domain.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A SHA-256 fingerprint of a secret value, so two environments' secrets can be compared without
 * holding or printing either value. {@code toString} shows only the first eight digits.
 */
public record SecretFingerprint(String hex) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public SecretFingerprint {
    if (hex == null || !SHA256.matcher(hex).matches()) {
      throw new InvalidValueException("A secret fingerprint is 64 lowercase hexadecimal digits.");
    }
  }

  /** The fingerprint of a secret value. The value itself is not kept. */
  public static SecretFingerprint of(char[] secret) {
    byte[] bytes = new String(secret).getBytes(StandardCharsets.UTF_8);
    try {
      return new SecretFingerprint(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "SecretFingerprint[" + hex.substring(0, 8) + "…]";
  }
}
