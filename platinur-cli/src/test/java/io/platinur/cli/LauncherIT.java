package io.platinur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code ./platinur}: on first use it builds the jar and runs it, and what the build
 * says reaches the user without terminal colour codes. Maven is stood in for by a script that
 * writes the codes Maven writes and puts the packaged jar where the build would.
 */
class LauncherIT {
  @TempDir
  Path project;

  Path bin;

  @BeforeEach
  void copyTheLauncher() throws IOException {
    Path launcher = Path.of("..", "platinur");
    assertThat(launcher).as("the launcher at the project root").isRegularFile();
    Files.copy(launcher, project.resolve("platinur"));
    Files.createDirectories(project.resolve("platinur-cli/src/main/java"));
    Files.writeString(project.resolve("platinur-cli/src/main/java/Source.java"), "class Source {}\n");
    bin = Files.createDirectories(project.resolve("bin"));
  }

  void fakeMaven(String body) throws IOException {
    Path mvn = bin.resolve("mvn");
    Files.writeString(mvn, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  Jar.Result launch(String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("sh", project.resolve("platinur").toString()));
    command.addAll(java.util.List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().put("PACKAGED_JAR", Path.of(System.getProperty("platinur.jar", "target/platinur.jar")).toAbsolutePath().toString());
    Process process = builder.start();
    process.getOutputStream().close();
    java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return process.getErrorStream().readAllBytes();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Jar.Result(process.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
  }

  @Test
  void the_first_run_builds_then_runs_and_shows_no_colour_codes() throws Exception {
    fakeMaven("printf '\\033[0m\\033[0m'\nprintf '\\033[0m\\033[0m' >&2\n"
        + "mkdir -p platinur-cli/target && cp \"$PACKAGED_JAR\" platinur-cli/target/platinur.jar\n");

    Jar.Result first = launch("--version");

    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(first.err()).isEqualTo("Building platinur (first run only)…\n");
    assertThat(first.out()).isEqualTo("platinur 0.1.0-SNAPSHOT\n");

    Jar.Result second = launch("--version");
    assertThat(second.err()).as(second.toString()).isEmpty();
    assertThat(second.out()).isEqualTo("platinur 0.1.0-SNAPSHOT\n");
  }

  @Test
  void a_failed_build_says_what_maven_said_without_colour_codes() throws Exception {
    fakeMaven("printf '\\033[0m\\033[0m\\033[1;31m[ERROR]\\033[m Failed to compile Source.java\\n'\nexit 1\n");

    Jar.Result failed = launch("status");

    assertThat(failed.exit()).isEqualTo(1);
    assertThat(failed.err()).isEqualTo("Building platinur (first run only)…\n[ERROR] Failed to compile Source.java\n");
    assertThat(failed.out()).isEmpty();
  }
}
