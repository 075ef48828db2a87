package io.platinur.gitlab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The secrets the adapter holds (the access token and the webhook secret token), so that any text
 * that came from GitLab, or from a proxy in front of it, is scrubbed of them before it reaches a
 * message, a log line or a {@code toString}. Anything shaped like a GitLab token ({@code glpat-…},
 * {@code gloas-…}, {@code glrt-…} and the other prefixed kinds) or a {@code PRIVATE-TOKEN} or
 * {@code Bearer} header value is hidden too. Never prints what it holds.
 */
final class Secrets {
  static final String HIDDEN = "[hidden]";
  private static final int MIN_LENGTH = 8;
  private static final List<Pattern> SHAPES = List.of(
      Pattern.compile("\\bgl(?:pat|oas|dt|rt|ptt|ft|imt|agent|cbt|soat|ffct|sbt|wt|cit)-[A-Za-z0-9_.-]{8,}"),
      Pattern.compile("(?i)(?<=private-token[\"']?\\s{0,2}[:=]\\s{0,4}[\"']?)[A-Za-z0-9._~+/=-]{8,}"),
      Pattern.compile("(?i)(?<=\\b(?:bearer|token|basic)\\s{1,4})[A-Za-z0-9._~+/=-]{8,}"));

  private final List<String> configured;

  private Secrets(List<String> configured) {
    this.configured = List.copyOf(configured);
  }

  static Secrets of(Iterable<String> secrets) {
    List<String> all = new ArrayList<>();
    for (String secret : secrets) {
      if (secret != null && secret.length() >= MIN_LENGTH && !all.contains(secret)) {
        all.add(secret);
        String escaped = secret.replace("/", "\\/");
        if (!all.contains(escaped)) {
          all.add(escaped);
        }
      }
    }
    all.sort(Comparator.comparingInt(String::length).reversed());
    return new Secrets(all);
  }

  /** {@code text} with every known secret, and everything shaped like a credential, replaced by {@value #HIDDEN}. */
  String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : configured) {
      out = out.replace(secret, HIDDEN);
    }
    return scrubShapes(out);
  }

  static String scrubShapes(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (Pattern shape : SHAPES) {
      out = shape.matcher(out).replaceAll(HIDDEN);
    }
    return out;
  }

  @Override
  public String toString() {
    return "Secrets[hidden]";
  }
}
