package io.platinur.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test Git server, checked with the {@code git} command line as a client. */
class GitHttpServerTest {
  static final String USER = "ci";
  static final String PASSWORD = "s3cret-for-tests";

  @TempDir Path dir;
  GitHttpServer server;
  GitCli served;
  GitCli work;

  @BeforeEach
  void start() {
    assertThat(GitCli.exec(List.of("git", "init", "-q", "--bare", "-b", "main", dir.resolve("srv/repo.git").toString())).exit()).isZero();
    served = new GitCli(dir.resolve("srv/repo.git"));
    assertThat(GitCli.exec(List.of("git", "init", "-q", "-b", "main", dir.resolve("work").toString())).exit()).isZero();
    work = new GitCli(dir.resolve("work/.git"));
    work.run("--work-tree=" + dir.resolve("work"), "-c", "user.name=Ops", "-c", "user.email=ops@example.com",
        "commit", "-q", "--allow-empty", "-m", "first");
    server = GitHttpServer.start(dir.resolve("srv"), USER, PASSWORD.toCharArray());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  String authenticated() {
    return server.url("repo.git").replace("http://", "http://" + USER + ":" + PASSWORD + "@");
  }

  GitCli.Result git(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("git", "--git-dir=" + dir.resolve("work/.git"), "-c", "credential.helper="));
    command.addAll(List.of(args));
    return GitCli.exec(command);
  }

  @Test
  void serves_pushes_and_fetches_to_the_right_credentials_and_refuses_wrong_ones() {
    assertThat(git("push", "-q", authenticated(), "main").exit()).isZero();
    assertThat(served.revParse("main")).isEqualTo(work.revParse("main"));
    assertThat(server.pushes()).isEqualTo(1);
    assertThat(git("ls-remote", authenticated()).out()).contains("refs/heads/main");

    GitCli.Result wrong = git("ls-remote", server.url("repo.git").replace("http://", "http://" + USER + ":wrong@"));
    assertThat(wrong.exit()).isNotZero();
    assertThat(server.refusedRequests()).isPositive();
    assertThat(server.user()).isEqualTo(USER);
    assertThat(server.projectRoot()).isEqualTo(dir.resolve("srv"));
  }

  @Test
  void drops_the_next_push_without_an_answer() throws Exception {
    server.dropNextPush(GitHttpServer.Drop.BEFORE_APPLYING);
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpRequest push = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("repo.git") + "/git-receive-pack"))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(
            java.nio.charset.StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-git-receive-pack-request")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("0000")).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.send(push, java.net.http.HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(java.io.IOException.class);
    assertThat(server.pushes()).isEqualTo(1);
    assertThat(served.run("for-each-ref")).as("nothing applied").isEmpty();

    // only the next push: the one after it goes through
    assertThat(git("push", "-q", authenticated(), "main").exit()).isZero();
    assertThat(served.revParse("main")).isEqualTo(work.revParse("main"));
  }
}
