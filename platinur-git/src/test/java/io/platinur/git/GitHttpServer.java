package io.platinur.git;

import java.nio.file.Path;

/**
 * The testkit's Git server ({@link io.platinur.testkit.GitHttpServer}: C Git's own
 * {@code git http-backend} behind HTTP basic authentication), with the {@link GitRemote} of a
 * repository it serves.
 */
final class GitHttpServer implements AutoCloseable {
  /** What the server does with the next push. */
  enum Drop {
    /** Reads the request, then closes the connection without running the backend: nothing changes. */
    BEFORE_APPLYING,
    /** Runs the backend (the push takes effect), then closes the connection without an answer. */
    AFTER_APPLYING
  }

  private final io.platinur.testkit.GitHttpServer server;

  private GitHttpServer(io.platinur.testkit.GitHttpServer server) {
    this.server = server;
  }

  /** Serves the bare repositories under {@code projectRoot} to {@code user} with {@code password}. */
  static GitHttpServer start(Path projectRoot, String user, char[] password) {
    return new GitHttpServer(io.platinur.testkit.GitHttpServer.start(projectRoot, user, password));
  }

  /** The URL of the repository {@code name} (a directory under the project root). */
  String url(String name) {
    return server.url(name);
  }

  /** The remote {@code name} with the right credentials. */
  GitRemote remote(String name, char[] password) {
    return GitRemote.of(url(name)).withCredentials(server.user(), password);
  }

  /** Misbehaves on the next push only. */
  void dropNextPush(Drop drop) {
    server.dropNextPush(io.platinur.testkit.GitHttpServer.Drop.valueOf(drop.name()));
  }

  /** How many pushes (POSTs to git-receive-pack) reached the server, dropped ones included. */
  int pushes() {
    return server.pushes();
  }

  /** How many requests were answered 401 because the credentials were wrong (not merely missing). */
  int refusedRequests() {
    return server.refusedRequests();
  }

  @Override
  public void close() {
    server.close();
  }

  /** The bare repositories this server serves. */
  Path projectRoot() {
    return server.projectRoot();
  }
}
