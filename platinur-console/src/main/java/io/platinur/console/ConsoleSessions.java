package io.platinur.console;

import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The browser sessions of one console: each has a random id (kept in an HttpOnly, SameSite=Strict
 * cookie), its own CSRF token that every form carries, and the answer to its last action. The
 * oldest sessions are forgotten beyond a bound, so no client can grow memory without limit.
 */
final class ConsoleSessions {
  static final String COOKIE = "platinur_console";
  private static final int MAX_SESSIONS = 1_000;

  /** What the last action of a session answered: done, rejected by a rule, or failed. */
  record Answer(String kind, String text) {}

  static final class Session {
    final String id;
    final String csrfToken;
    private volatile Option<Answer> answer = Option.none();

    private Session(String id, String csrfToken) {
      this.id = id;
      this.csrfToken = csrfToken;
    }

    Option<Answer> answer() {
      return answer;
    }

    void answer(Answer latest) {
      answer = Option.some(latest);
    }

    /** Whether {@code token} is this session's CSRF token, compared in constant time. */
    boolean accepts(String token) {
      return token != null
          && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), csrfToken.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
      return size() > MAX_SESSIONS;
    }
  };

  /** The session named by the request's cookie header, if it is one of ours. */
  synchronized Option<Session> find(String cookieHeader) {
    return cookieValue(cookieHeader).flatMap(id -> Option.of(sessions.get(id)));
  }

  synchronized Session create() {
    Session session = new Session(token(), token());
    sessions.put(session.id, session);
    return session;
  }

  private String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String setCookie(Session session) {
    return COOKIE + "=" + session.id + "; Path=/; HttpOnly; SameSite=Strict";
  }

  private static Option<String> cookieValue(String header) {
    if (header == null) {
      return Option.none();
    }
    for (String part : header.split(";")) {
      String trimmed = part.trim();
      if (trimmed.startsWith(COOKIE + "=")) {
        return Option.some(trimmed.substring(COOKIE.length() + 1));
      }
    }
    return Option.none();
  }
}
