package io.platinur.gitlab;

import io.platinur.domain.InvalidValueException;
import java.util.Objects;

/**
 * The access token the adapter sends to GitLab in the {@code PRIVATE-TOKEN} header: a personal,
 * project or group access token (all three are sent alike; the kind only names the token in
 * messages, so an operator knows which one to check). It needs the {@code api} scope, and a role
 * that may push and merge to the production branch (Developer or Maintainer, as the branch's
 * protection asks).
 *
 * <pre>{@code
 * GitLabCredentials.projectAccessToken(System.getenv("GITLAB_TOKEN"))
 * }</pre>
 *
 * <p>{@link #toString()} shows the kind only, never the token.
 */
public final class GitLabCredentials {

  /** Which kind of access token this is. */
  public enum Kind {
    PERSONAL_ACCESS_TOKEN("personal access token"),
    PROJECT_ACCESS_TOKEN("project access token"),
    GROUP_ACCESS_TOKEN("group access token");

    private final String words;

    Kind(String words) {
      this.words = words;
    }

    /** As said in messages: {@code project access token}. */
    public String words() {
      return words;
    }
  }

  private final Kind kind;
  private final String token;

  private GitLabCredentials(Kind kind, String token) {
    this.kind = kind;
    this.token = token;
  }

  /** A user's personal access token. */
  public static GitLabCredentials personalAccessToken(String token) {
    return of(Kind.PERSONAL_ACCESS_TOKEN, token);
  }

  /** A project access token (its bot user is a member of the project only). */
  public static GitLabCredentials projectAccessToken(String token) {
    return of(Kind.PROJECT_ACCESS_TOKEN, token);
  }

  /** A group access token (its bot user is a member of the group and its projects). */
  public static GitLabCredentials groupAccessToken(String token) {
    return of(Kind.GROUP_ACCESS_TOKEN, token);
  }

  /**
   * A token of {@code kind}. Refused, without showing it, when it is empty or holds whitespace or
   * control characters (a token pasted with its line break would never authenticate).
   */
  public static GitLabCredentials of(Kind kind, String token) {
    Objects.requireNonNull(kind, "kind");
    if (token == null || token.isEmpty()) {
      throw new InvalidValueException("The GitLab " + kind.words() + " is empty.");
    }
    if (token.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw new InvalidValueException("The GitLab " + kind.words()
          + " holds whitespace or control characters; paste it without spaces or line breaks.");
    }
    if (token.length() > 1024) {
      throw new InvalidValueException("The GitLab " + kind.words() + " is longer than 1024 characters.");
    }
    return new GitLabCredentials(kind, token);
  }

  public Kind kind() {
    return kind;
  }

  /** The token itself; package-private, so it is never handed out. */
  String token() {
    return token;
  }

  @Override
  public String toString() {
    return "GitLabCredentials[" + kind.words() + ", hidden]";
  }
}
