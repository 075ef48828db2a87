package io.platinur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The packaged {@code platinur.jar}, run as a separate process the way a user runs it. */
public final class Jar {
  private final Path jar;
  private final Map<String, String> env;

  private Jar(Path jar, Map<String, String> env) {
    this.jar = jar;
    this.env = env;
  }

  /** The jar the build made (failsafe passes its path in {@code platinur.jar}). */
  public static Jar packaged() {
    Path jar = Path.of(System.getProperty("platinur.jar", "target/platinur.jar"));
    assertThat(jar).as("the shaded jar, built in the package phase").isRegularFile();
    return new Jar(jar, Map.of("PLATINUR_AUTHOR", "Ana <ana@example.com>"));
  }

  /** The same jar, run with these extra environment variables. */
  public Jar withEnv(Map<String, String> extra) {
    Map<String, String> merged = new java.util.HashMap<>(env);
    merged.putAll(extra);
    return new Jar(jar, merged);
  }

  /** Runs {@code java -jar platinur.jar args…} in {@code directory}. */
  public Result run(Path directory, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xlog:disable", "-Xshare:auto"));
    // A class-data archive made by the first run starts the later ones faster (many runs per build).
    Path archive = jar.resolveSibling("platinur-it.jsa");
    command.add(Files.isRegularFile(archive) ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + archive);
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
      builder.environment().remove("GITHUB_TOKEN");
      builder.environment().putAll(env);
      Process process = builder.start();
      process.getOutputStream().close();
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
      String out = read(process.getInputStream());
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("platinur " + String.join(" ", args) + " did not finish in 60 s");
      }
      return new Result(process.exitValue(), out, err.join());
    } catch (IOException e) {
      throw new AssertionError("could not start java", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Exit code, standard output and standard error of one run. */
  public record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Everything under {@code dir}, as relative paths, to show a failed command changed nothing. */
  public static List<String> listing(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      return walk.map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }
}
