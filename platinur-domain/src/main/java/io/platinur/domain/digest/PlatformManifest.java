package io.platinur.domain.digest;

import io.vavr.collection.SortedMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What runs in one environment: its services, sorted by name, each with its pinned digest. Its
 * {@link #version()} is a stable id of exactly that content, so two environments (or one at two
 * moments) run the same platform when, and only when, their versions are equal.
 */
public record PlatformManifest(EnvironmentName environment, SortedMap<ServiceName, ImageDigest> services) {
  public PlatformManifest {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(services, "services");
  }

  /**
   * {@code pv-} and the first 16 hex digits of the SHA-256 of the lines {@code service digest\n},
   * sorted by service name. It does not depend on the environment's name.
   */
  public String version() {
    StringBuilder lines = new StringBuilder();
    services.forEach((service, digest) -> lines.append(service.value()).append(' ').append(digest.value()).append('\n'));
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(lines.toString().getBytes(StandardCharsets.UTF_8));
      return "pv-" + HexFormat.of().formatHex(hash).substring(0, 16);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("Every Java runtime provides SHA-256.", impossible);
    }
  }
}
