package io.platinur.console;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The browser sessions of one console: each has a random id (kept in an HttpOnly, SameSite=Strict
 * cookie named after the console's port, so two consoles in one browser keep their own sessions),
 * its own CSRF token that every form carries, and the answers to its actions not shown yet. The
 * oldest sessions, and a session's oldest unshown answers, are forgotten beyond a bound, so no
 * client can grow memory without limit.
 */
final class ConsoleSessions {
  private static final int MAX_SESSIONS = 1_000;
  private static final int MAX_UNSHOWN_ANSWERS = 16;

  /**
   * What one action answered: {@code done}, {@code rejected} by a rule, {@code failed}, or
   * {@code invalid} input, which comes back with the form as it was sent and a problem per field.
   */
  record Answer(String kind, String text, Option<FormState> form) {
    Answer {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(form, "form");
    }

    Answer(String kind, String text) {
      this(kind, text, Option.none());
    }
  }

  /** A form sent back to the page as it was: its values, and what is wrong with which field. */
  record FormState(String form, Map<String, String> values, Map<String, String> problems) {
    FormState {
      Objects.requireNonNull(form, "form");
      Objects.requireNonNull(values, "values");
      Objects.requireNonNull(problems, "problems");
    }

    String value(String field) {
      return values.get(field).getOrElse("");
    }
  }

  static final class Session {
    final String id;
    final String csrfToken;
    private final SecureRandom random;
    private Map<String, Answer> unshown = LinkedHashMap.empty();

    private Session(String id, String csrfToken, SecureRandom random) {
      this.id = id;
      this.csrfToken = csrfToken;
      this.random = random;
    }

    /**
     * Keeps the answer to one request until the page that request is redirected to shows it, and
     * names it for that page: two tabs acting at once each see their own answer.
     */
    synchronized String answer(Answer answer) {
      String key = token(random, 12);
      unshown = unshown.put(key, answer);
      if (unshown.size() > MAX_UNSHOWN_ANSWERS) {
        unshown = unshown.tail();
      }
      return key;
    }

    /** The answer named {@code key}, once: shown, it is forgotten, so a reload does not show it again. */
    synchronized Option<Answer> takeAnswer(String key) {
      Option<Answer> answer = unshown.get(key);
      unshown = unshown.remove(key);
      return answer;
    }

    /** Whether {@code token} is this session's CSRF token, compared in constant time. */
    boolean accepts(String token) {
      return token != null
          && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), csrfToken.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final String cookie;
  private final SecureRandom random = new SecureRandom();
  private final java.util.Map<String, Session> sessions = new java.util.LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(java.util.Map.Entry<String, Session> eldest) {
      return size() > MAX_SESSIONS;
    }
  };

  /**
   * Sessions of the console listening on {@code port}: browsers send cookies to every port of a
   * host, so the cookie's name carries the port.
   */
  ConsoleSessions(int port) {
    this.cookie = "platinur_console_" + port;
  }

  String cookieName() {
    return cookie;
  }

  /** The session named by the request's cookie header, if it is one of ours. */
  synchronized Option<Session> find(String cookieHeader) {
    return cookieValue(cookieHeader).flatMap(id -> Option.of(sessions.get(id)));
  }

  synchronized Session create() {
    Session session = new Session(token(random, 32), token(random, 32), random);
    sessions.put(session.id, session);
    return session;
  }

  private static String token(SecureRandom random, int bytes) {
    byte[] drawn = new byte[bytes];
    random.nextBytes(drawn);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(drawn);
  }

  String setCookie(Session session) {
    return cookie + "=" + session.id + "; Path=/; HttpOnly; SameSite=Strict";
  }

  private Option<String> cookieValue(String header) {
    if (header == null) {
      return Option.none();
    }
    for (String part : header.split(";")) {
      String trimmed = part.trim();
      if (trimmed.startsWith(cookie + "=")) {
        return Option.some(trimmed.substring(cookie.length() + 1));
      }
    }
    return Option.none();
  }
}
