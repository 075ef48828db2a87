package io.platinur.cli;

import io.platinur.git.GitRemote;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.URIish;

/**
 * A GitOps repository on a Git server, for hosts that share it without a forge: its URL
 * ({@code file://}, {@code http(s)://}, {@code ssh://}), over HTTP(S) the user named in the URL
 * and the password or token in {@value #PASSWORD_VARIABLE}. The password never appears in a
 * message; a URL that carries one is refused.
 */
final class GitServer {
  /** The environment variable holding the password or token for a Git server over HTTP(S). */
  static final String PASSWORD_VARIABLE = "PLATINUR_GIT_PASSWORD";

  private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*|[^/\\s]+@[^/\\s:]+:.*");

  private GitServer() {}

  /** The remote that {@code option} names with {@code url}; bad input when it is not one Platinur can use. */
  static GitRemote remote(String option, String url, Common common) {
    URIish uri;
    try {
      uri = new URIish(url);
    } catch (URISyntaxException e) {
      throw new Common.BadInput(option + " takes the URL of a Git repository (file://, https:// or ssh://), got ‘" + shown(url) + "’.");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("file") && !scheme.equals("http") && !scheme.equals("https") && !scheme.equals("ssh")) {
      throw new Common.BadInput(option + " takes the URL of a Git repository (file://, https:// or ssh://), got ‘" + shown(url) + "’.");
    }
    if (uri.getPass() != null) {
      throw new Common.BadInput(option + " must not carry a password: name the user in the URL (" + scheme + "://USER@HOST/…) and put the "
          + "password or token in " + PASSWORD_VARIABLE + ".");
    }
    if (!scheme.startsWith("http")) {
      return GitRemote.of(url); // ssh:// keeps its user; keys and known hosts come from ~/.ssh
    }
    GitRemote remote = GitRemote.of(uri.setUser(null).toString());
    String password = common.env.apply(PASSWORD_VARIABLE);
    if (password == null || password.isEmpty()) {
      return remote;
    }
    if (uri.getUser() == null) {
      throw new Common.BadInput(PASSWORD_VARIABLE + " is set, but " + option + " names no user: write it as " + scheme + "://USER@"
          + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + uri.getPath() + ".");
    }
    return remote.withCredentials(uri.getUser(), password.toCharArray());
  }

  /**
   * The local path {@code option} names; a URL is refused with where it belongs ({@code urlOption}),
   * since it would otherwise be read as a path.
   */
  static Path localPath(String option, String text, String urlOption, Common common) {
    if (URL.matcher(text).matches()) {
      throw new Common.BadInput(option + " takes a local path, not a URL (‘" + shown(text) + "’). For a repository on a Git server, pass its URL with "
          + urlOption + " and a path for the local cache of its Git data with " + option + ".");
    }
    return common.resolve(Path.of(text));
  }

  /** {@code text} with whatever stands between {@code //} and {@code @} (user and password) left out. */
  static String shown(String text) {
    return text.replaceAll("//[^/@\\s]*@", "//…@");
  }

  /** What to check when the Git server refused the credentials. */
  static String credentialsHint(String option) {
    return " Check the user in " + option + " and the password or token in " + PASSWORD_VARIABLE + ".";
  }
}
