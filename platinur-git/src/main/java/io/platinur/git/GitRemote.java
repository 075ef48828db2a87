package io.platinur.git;

import io.platinur.domain.InvalidValueException;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Objects;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The shared repository a lane is kept in when host instances run on several machines: a
 * {@code file://} path, an {@code https://} URL (with {@link #withCredentials credentials}: user
 * name and password or token), or an {@code ssh://} URL (SSH inside the JVM, with keys and known
 * hosts from the usual {@code ~/.ssh} configuration).
 *
 * <p>Credentials are kept apart from the URL and never appear in {@code toString}, logs or error
 * messages; a URL that carries a password itself is refused.
 */
public final class GitRemote {
  private final URIish uri;
  private final String username;
  private final char[] password;

  private GitRemote(URIish uri, String username, char[] password) {
    this.uri = uri;
    this.username = username;
    this.password = password;
  }

  /** A remote at {@code uri}, without credentials. */
  public static GitRemote of(String uri) {
    Objects.requireNonNull(uri, "uri");
    URIish parsed;
    try {
      parsed = new URIish(uri);
    } catch (URISyntaxException e) {
      throw new InvalidValueException("The remote is not a valid Git URL.");
    }
    if (parsed.getPass() != null) {
      throw new InvalidValueException("The remote URL contains a password; pass credentials with withCredentials instead.");
    }
    String scheme = parsed.getScheme() == null ? "" : parsed.getScheme();
    if (!scheme.equals("file") && !scheme.equals("https") && !scheme.equals("ssh") && !scheme.equals("http")) {
      throw new InvalidValueException("The remote must be a file://, https:// or ssh:// URL.");
    }
    return new GitRemote(parsed, null, null);
  }

  /** The same remote, authenticating with this user name and password or token (copied). */
  public GitRemote withCredentials(String username, char[] passwordOrToken) {
    if (username == null || username.isBlank() || passwordOrToken == null) {
      throw new InvalidValueException("Credentials need a user name and a password or token.");
    }
    return new GitRemote(uri, username, passwordOrToken.clone());
  }

  URIish uri() {
    return uri;
  }

  CredentialsProvider credentials() {
    return username == null ? null : new UsernamePasswordCredentialsProvider(username, password.clone());
  }

  /** The URL without any user information, safe to show. */
  String describe() {
    return uri.setUser(null).setPass(null).toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GitRemote that
        && uri.equals(that.uri)
        && Objects.equals(username, that.username)
        && Arrays.equals(password, that.password);
  }

  @Override
  public int hashCode() {
    return uri.hashCode();
  }

  @Override
  public String toString() {
    return "GitRemote[" + describe() + (username == null ? "" : ", credentials: set") + "]";
  }
}
