package io.platinur.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.testkit.GitCli;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleExampleTest {
  @TempDir
  Path dir;

  @Test
  void serves_the_hosts_lane_and_proposals_and_applies_from_the_page() throws Exception {
    Path repository = dir.resolve("lane.git");
    try (ConsoleExample.Serving serving = ConsoleExample.start(repository, Clock.systemUTC())) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(serving.console().url()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.body()).contains("<h2>Staging is unlocked</h2>", "Add orders model", "Add customers model",
          "Merge promotion PR (offline host)");

      String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      Matcher token = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
      assertThat(token.find()).isTrue();
      HttpResponse<String> applied = http.send(HttpRequest.newBuilder(serving.console().url().resolve("/apply"))
          .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("csrf=" + token.group(1) + "&id=orders")).build(), HttpResponse.BodyHandlers.ofString());
      String answered = http.send(HttpRequest.newBuilder(serving.console().url().resolve(applied.headers().firstValue("Location").orElseThrow()))
          .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(answered).contains("Applied ‘Add orders model’ to Staging as commit ");
    }
    assertThat(new GitCli(repository).subjects("main..staging")).containsExactly("Add orders model");
  }

  @Test
  void serves_the_same_lane_again_as_it_was_left() throws Exception {
    Path repository = dir.resolve("lane.git");
    try (ConsoleExample.Serving first = ConsoleExample.start(repository, Clock.systemUTC())) {
      first.console();
    }
    new GitCli(repository).run("update-ref", "refs/heads/kept", "main");
    try (ConsoleExample.Serving again = ConsoleExample.start(repository, Clock.systemUTC())) {
      String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(again.console().url()).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(page).contains("<h2>Staging is unlocked</h2>", "Add orders model");
    }
    // opened, not created again: what was in the repository is still there
    assertThat(new GitCli(repository).revParse("kept")).isEqualTo(new GitCli(repository).revParse("main"));
  }
}
