package io.platinur.github;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every secret the adapter holds (the token, the App's private key, the webhook secret, and the
 * installation tokens and JWTs it mints), so that any text that came from the forge can be
 * scrubbed of them before it reaches a message, a log line or a {@code toString}. GitHub, or a
 * proxy in front of it, may echo a request's {@code Authorization} header back in an error body or
 * header; that text must never carry the credential further.
 *
 * <p>Besides the exact values, anything shaped like a credential is hidden too: GitHub token
 * formats, {@code Bearer}/{@code token} header values, JWTs and PEM private keys. A private key is
 * also matched line by line, since an echo may have re-wrapped or re-escaped it.
 *
 * <p>Thread-safe. Never prints what it holds.
 */
final class Secrets {
  static final String HIDDEN = "[hidden]";
  // a secret shorter than this is not looked for on its own (it would hide ordinary words)
  private static final int MIN_LENGTH = 8;
  private static final int LEARNED_KEPT = 16;
  private static final List<Pattern> SHAPES = List.of(
      Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)"),
      Pattern.compile("\\b(?:gh[pousr]_|github_pat_)[A-Za-z0-9_]{16,}"),
      Pattern.compile("\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"),
      Pattern.compile("(?i)(?<=\\b(?:bearer|token|basic)\\s{1,4})[A-Za-z0-9._~+/=-]{8,}"));

  private final List<String> configured;
  private final Deque<String> learned = new ArrayDeque<>();

  private Secrets(List<String> configured) {
    this.configured = List.copyOf(configured);
  }

  /** No configured secret: only the credential shapes are hidden. */
  static Secrets none() {
    return new Secrets(List.of());
  }

  /** The credentials' secrets and any others given (a webhook secret). */
  static Secrets of(GitHubCredentials credentials, Iterable<String> others) {
    List<String> all = new ArrayList<>();
    if (credentials != null) {
      all.addAll(credentials.secretTexts());
    }
    others.forEach(all::add);
    return new Secrets(variants(all));
  }

  /** Remembers a secret minted while running (an installation token, a JWT); the newest few are kept. */
  void learn(String secret) {
    if (secret == null || secret.length() < MIN_LENGTH) {
      return;
    }
    synchronized (learned) {
      learned.remove(secret);
      learned.addFirst(secret);
      while (learned.size() > LEARNED_KEPT) {
        learned.removeLast();
      }
    }
  }

  /** {@code text} with every known secret, and everything shaped like a credential, replaced by {@value #HIDDEN}. */
  String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    List<String> learnedNow;
    synchronized (learned) {
      learnedNow = List.copyOf(learned);
    }
    for (String secret : variants(learnedNow)) {
      out = out.replace(secret, HIDDEN);
    }
    for (String secret : configured) {
      out = out.replace(secret, HIDDEN);
    }
    return scrubShapes(out);
  }

  /** Hides only what is shaped like a credential; for texts where no configured secret is at hand. */
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

  /**
   * Each secret as it may be echoed: as is, with {@code /} JSON-escaped, and, for multi-line
   * secrets (a PEM key), each line on its own. Longest first, so a whole secret is hidden before its
   * parts.
   */
  private static List<String> variants(List<String> secrets) {
    List<String> all = new ArrayList<>();
    for (String secret : secrets) {
      if (secret == null) {
        continue;
      }
      add(all, secret);
      add(all, secret.replace("/", "\\/"));
      for (String line : secret.split("\\R")) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("-----")) {
          add(all, trimmed);
          add(all, trimmed.replace("/", "\\/"));
        }
      }
    }
    all.sort(Comparator.comparingInt(String::length).reversed());
    return all;
  }

  private static void add(List<String> all, String candidate) {
    if (candidate.length() >= MIN_LENGTH && !all.contains(candidate)) {
      all.add(candidate);
    }
  }

  /** The base64 text of a key's encoding, in PEM's 64-character lines. */
  static String pemBody(byte[] encoded) {
    return Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(encoded);
  }

  @Override
  public String toString() {
    return "Secrets[hidden]";
  }
}
