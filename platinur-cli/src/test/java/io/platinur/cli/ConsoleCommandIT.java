package io.platinur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code platinur console} as a user starts it: it prints the URL, and the page there shows the lane. */
class ConsoleCommandIT {
  private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)");

  @TempDir
  Path dir;

  @Test
  void serves_a_fresh_lane_with_the_demo_proposals_when_the_directory_has_no_lane() throws Exception {
    String page = pageOf(dir, "console", "--port", "0", "--work-dir", dir.resolve("fresh").toString());
    assertThat(page).contains("<h2>Staging is unlocked</h2>", "Add orders model", "Add customers model", "Rework orders",
        "Merge promotion PR (offline host)");
    assertThat(dir.resolve("fresh/lane.git")).isDirectory();
  }

  @Test
  void serves_the_lane_of_the_directory_with_its_stored_proposals() throws Exception {
    Jar jar = Jar.packaged();
    assertThat(jar.run(dir, "init", "--repository", "lane.git").exit()).isZero();
    Files.createDirectories(dir.resolve("in/models"));
    Files.writeString(dir.resolve("in/models/orders.sql"), "select 1\n");
    assertThat(jar.run(dir, "propose", "--title", "<b>Orders</b>", "--from", "in").exit()).isZero();
    assertThat(jar.run(dir, "apply", "p-1").exit()).isZero();

    String page = pageOf(dir, "console", "--port", "0");
    assertThat(page).contains("<h3 class=\"title\" id=\"title-p-1\">&lt;b&gt;Orders&lt;/b&gt;</h3>", "<p class=\"status\">Staged</p>",
        "<code>models/orders.sql</code>", "Applied ‘&lt;b&gt;Orders&lt;/b&gt;’ to Staging");
    assertThat(page).doesNotContain("<b>Orders</b>");
  }

  /** Starts the command, reads the URL it prints, fetches the page there, and stops the command. */
  private static String pageOf(Path directory, String... args) throws Exception {
    Path jar = Path.of(System.getProperty("platinur.jar", "target/platinur.jar"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().remove("GITHUB_TOKEN");
    builder.environment().put("PLATINUR_AUTHOR", "Ana <ana@example.com>");
    Process process = builder.start();
    try {
      process.getOutputStream().close();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      URI url = CompletableFuture.supplyAsync(() -> {
        try {
          StringBuilder seen = new StringBuilder();
          for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            Matcher matcher = URL.matcher(line);
            if (matcher.find()) {
              return URI.create(matcher.group(1));
            }
          }
          throw new AssertionError("platinur console printed no URL:\n" + seen);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).get(60, TimeUnit.SECONDS);
      HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      return page.body();
    } finally {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
