package io.platinur.github;

import io.platinur.domain.InvalidValueException;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import java.util.Objects;

/**
 * How the adapter authenticates to GitHub: a token (personal access token, fine-grained token, or
 * an installation token the host refreshes itself), or a GitHub App that the adapter exchanges for
 * installation tokens on its own, refreshing each well before it expires.
 *
 * <p>The secret parts are kept inside: {@link #toString()} never shows them, and no message or log
 * line the adapter writes contains them.
 */
public final class GitHubCredentials {
  private final String token;
  private final long appId;
  private final RSAPrivateKey appKey;
  private final long installationId;
  private final String appKeyPem;

  private GitHubCredentials(String token, long appId, RSAPrivateKey appKey, long installationId, String appKeyPem) {
    this.token = token;
    this.appId = appId;
    this.appKey = appKey;
    this.installationId = installationId;
    this.appKeyPem = appKeyPem;
  }

  /** A token sent as {@code Authorization: Bearer <token>}; it needs pull request, issue and status read/write. */
  public static GitHubCredentials token(String token) {
    if (token == null || token.isBlank()) {
      throw new InvalidValueException("A GitHub token is required.");
    }
    if (token.strip().chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
      throw new InvalidValueException("A GitHub token must not contain spaces or control characters.");
    }
    return new GitHubCredentials(token.strip(), 0, null, 0, null);
  }

  /**
   * A GitHub App installation: the app's id, its private key as downloaded from GitHub (PEM, either
   * {@code BEGIN RSA PRIVATE KEY} or {@code BEGIN PRIVATE KEY}) and the installation id on the
   * repository's owner. The key is read now, so a broken key fails here rather than at the first call.
   */
  public static GitHubCredentials app(long appId, String privateKeyPem, long installationId) {
    if (appId <= 0 || installationId <= 0) {
      throw new InvalidValueException("A GitHub App id and installation id must be positive.");
    }
    return new GitHubCredentials(null, appId, AppJwt.readPrivateKey(privateKeyPem), installationId, privateKeyPem);
  }

  boolean isApp() {
    return appKey != null;
  }

  String token() {
    return token;
  }

  long appId() {
    return appId;
  }

  RSAPrivateKey appKey() {
    return appKey;
  }

  long installationId() {
    return installationId;
  }

  /** The secret texts to hide wherever they are echoed: the token, or the key as given and as PKCS#8. */
  List<String> secretTexts() {
    return isApp() ? List.of(appKeyPem, Secrets.pemBody(appKey.getEncoded())) : List.of(token);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GitHubCredentials that
        && Objects.equals(token, that.token)
        && appId == that.appId
        && Objects.equals(appKey, that.appKey)
        && installationId == that.installationId;
  }

  @Override
  public int hashCode() {
    return Objects.hash(token, appId, installationId);
  }

  @Override
  public String toString() {
    return isApp()
        ? "GitHub App " + appId + ", installation " + installationId + " (private key hidden)"
        : "GitHub token (value hidden)";
  }
}
