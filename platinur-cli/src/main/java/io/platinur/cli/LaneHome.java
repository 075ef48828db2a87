package io.platinur.cli;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.git.GitLaneConfig;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The command's working directory for one lane: {@code <dir>/.platinur/}.
 *
 * <pre>
 * .platinur/config.properties                  repository, production, staging, schemas; with GitHub
 *                                              also github (owner/repo), github-api, git-url; with
 *                                              GitLab gitlab (group/project), gitlab-api, git-url
 * .platinur/proposals/&lt;id&gt;/proposal.properties  id and title
 * .platinur/proposals/&lt;id&gt;/files/&lt;path&gt;        the bytes the proposal writes at &lt;path&gt;
 * .platinur/proposals/&lt;id&gt;/deletes              paths the proposal deletes, one a line
 * </pre>
 *
 * Proposals are kept here, beside the repository rather than in it, because a proposal is not part
 * of the lane until it is applied; once applied, Git records it (commit trailer and file set).
 */
final class LaneHome {
  static final String DIR = ".platinur";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final Path root;

  LaneHome(Path directory) {
    this.root = directory.toAbsolutePath().normalize().resolve(DIR);
  }

  Path root() {
    return root;
  }

  Path configFile() {
    return root.resolve("config.properties");
  }

  boolean exists() {
    return Files.isRegularFile(configFile());
  }

  /** What {@code platinur init} recorded. */
  record Config(Path repository, BranchName production, BranchName staging, List<String> stagingSchemas,
      List<String> productionSchemas, Option<String> github, Option<String> githubApi, Option<String> gitUrl,
      Option<String> gitlab, Option<String> gitlabApi) {

    /** Whether the lane's promotion PRs live on a forge (GitHub or GitLab) rather than the offline host. */
    boolean onForge() {
      return github.isDefined() || gitlab.isDefined();
    }
  }

  Either<String, Config> config() {
    if (!exists()) {
      return Either.left("No lane here: " + configFile() + " does not exist. Run ‘platinur init --repository <path>’ first, or pass --dir.");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(configFile(), StandardCharsets.UTF_8)) {
      properties.load(reader);
      return Either.right(new Config(
          Path.of(required(properties, "repository")),
          BranchName.of(required(properties, "production")),
          BranchName.of(required(properties, "staging")),
          List.of(required(properties, "staging-schemas").split(",")),
          List.of(required(properties, "production-schemas").split(",")),
          Option.of(properties.getProperty("github")).filter(s -> !s.isBlank()),
          Option.of(properties.getProperty("github-api")).filter(s -> !s.isBlank()),
          Option.of(properties.getProperty("git-url")).filter(s -> !s.isBlank()),
          Option.of(properties.getProperty("gitlab")).filter(s -> !s.isBlank()),
          Option.of(properties.getProperty("gitlab-api")).filter(s -> !s.isBlank())));
 } catch (IOException | IllegalArgumentException e) {
      return Either.left(configFile() + " is unreadable: " + e.getMessage());
    }
  }

  private static String required(Properties properties, String key) {
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing ‘" + key + "’");
    }
    return value.trim();
  }

  void writeConfig(Config config) throws IOException {
    Files.createDirectories(root.resolve("proposals"));
    Properties properties = new Properties();
    properties.setProperty("repository", config.repository().toString());
    properties.setProperty("production", config.production().name());
    properties.setProperty("staging", config.staging().name());
    properties.setProperty("staging-schemas", config.stagingSchemas().mkString(","));
    properties.setProperty("production-schemas", config.productionSchemas().mkString(","));
    config.github().forEach(repo -> properties.setProperty("github", repo));
    config.githubApi().forEach(api -> properties.setProperty("github-api", api));
    config.gitUrl().forEach(url -> properties.setProperty("git-url", url));
    config.gitlab().forEach(project -> properties.setProperty("gitlab", project));
    config.gitlabApi().forEach(api -> properties.setProperty("gitlab-api", api));
    try (Writer writer = Files.newBufferedWriter(configFile(), StandardCharsets.UTF_8)) {
      properties.store(writer, "platinur lane");
    }
  }

  // ---- proposals ------------------------------------------------------------------------------

  Path proposalDir(ProposalId id) {
    return root.resolve("proposals").resolve(id.value());
  }

  /** Checks a proposal id typed on the command line: it names a directory, so it is kept simple. */
  static Either<String, ProposalId> parseId(String text) {
    if (text == null || !ID.matcher(text).matches()) {
      return Either.left("‘" + text + "’ is not a proposal id: use letters, digits, ‘.’, ‘_’ or ‘-’, starting with a letter or digit (at most 64).");
    }
    return Either.right(ProposalId.of(text));
  }

  /** The next free id of the form {@code p-<n>}. */
  ProposalId nextId() {
    int n = 1;
    while (Files.exists(proposalDir(ProposalId.of("p-" + n)))) {
      n++;
    }
    return ProposalId.of("p-" + n);
  }

  /** Stores a proposal; refuses to overwrite one with the same id. */
  Either<String, Proposal> save(Proposal proposal) throws IOException {
    Path dir = proposalDir(proposal.id());
    if (Files.exists(dir)) {
      return Either.left("Proposal " + proposal.id() + " already exists in " + dir + ".");
    }
    Path staging = Files.createTempDirectory(root.resolve("proposals"), ".new-");
    try {
      write(proposal, staging);
      // Appear whole or not at all: a crash half-way leaves only a hidden .new- directory.
      Files.move(staging, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteTree(staging);
      throw e;
    }
    return Either.right(proposal);
  }

  private static void write(Proposal proposal, Path staging) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("id", proposal.id().value());
    properties.setProperty("title", proposal.title());
    try (Writer writer = Files.newBufferedWriter(staging.resolve("proposal.properties"), StandardCharsets.UTF_8)) {
      properties.store(writer, "platinur proposal");
    }
    StringBuilder deletes = new StringBuilder();
    for (var entry : proposal.changes()) {
      String path = entry._1.value();
      entry._2.fold(
          write -> {
            try {
              Path file = LocalFiles.resolve(staging.resolve("files"), path);
              Files.createDirectories(file.getParent());
              Files.write(file, write.content());
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
            return null;
          },
          delete -> deletes.append(path).append('\n'));
    }
    Files.writeString(staging.resolve("deletes"), deletes.toString(), StandardCharsets.UTF_8);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      // Best effort: what is left is a hidden .new- directory that no listing reads.
    }
  }

  /** A stored proposal as read back: the proposal, or why it cannot be used (one line). */
  record Stored(String id, Either<String, Proposal> proposal) {}

  /**
   * Every stored proposal, in id order (numeric parts compared as numbers); one that cannot be
   * read or is not valid is listed with its reason, and does not hide the others.
   */
  Either<String, Seq<Stored>> proposals() {
    Path dir = root.resolve("proposals");
    if (!Files.isDirectory(dir)) {
      return Either.right(List.empty());
    }
    try (Stream<Path> entries = Files.list(dir)) {
      List<String> ids = List.ofAll(entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList())
          .sorted(NATURAL);
      return Either.right(ids.map(id -> new Stored(id, parseId(id).flatMap(this::load))));
    } catch (IOException e) {
      return Either.left("Could not list " + dir + ": " + e.getMessage());
    }
  }

  Either<String, Proposal> load(ProposalId id) {
    Path dir = proposalDir(id);
    if (!Files.isDirectory(dir)) {
      return Either.left(unknown(id));
    }
    try {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(dir.resolve("proposal.properties"), StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      Proposal.Builder builder = Proposal.builder(id, properties.getProperty("title", ""));
      Path files = dir.resolve("files");
      if (Files.isDirectory(files)) {
        for (LocalFiles.Found file : LocalFiles.regularFiles(files, ".platinur/proposals/" + id + "/files",
            GitLaneConfig.DEFAULT_MAX_FILE_BYTES, folder -> false).values()) {
          builder.write(file.path(), Files.readAllBytes(file.file()));
        }
      }
      Path deletes = dir.resolve("deletes");
      if (Files.isRegularFile(deletes)) {
        for (String line : Files.readAllLines(deletes, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            builder.delete(line);
          }
        }
      }
      Validation<Seq<String>, Proposal> valid = builder.validate();
      return valid.isValid() ? Either.right(valid.get())
          : Either.left("Proposal " + id + " in " + dir + " is not valid: " + valid.getError().mkString(" "));
    } catch (IOException | InvalidValueException | Common.BadInput e) {
      return Either.left("Proposal " + id + " in " + dir + " is unreadable: " + e.getMessage());
    }
  }

  /** Says that no proposal {@code id} is stored, and which are. */
  String unknown(ProposalId id) {
    Seq<String> known = knownIds();
    return "Unknown proposal ‘" + id + "’" + (known.isEmpty() ? ": none is stored yet (use ‘platinur propose’)."
        : "; known: " + known.mkString(", ") + ".");
  }

  private Seq<String> knownIds() {
    try (Stream<Path> entries = Files.list(root.resolve("proposals"))) {
      return List.ofAll(entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList()).sorted(NATURAL);
    } catch (IOException e) {
      return List.empty();
    }
  }

  /** p-2 before p-10. */
  private static final Comparator<String> NATURAL = (a, b) -> {
    String[] x = a.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
    String[] y = b.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = x[i].chars().allMatch(Character::isDigit) && y[i].chars().allMatch(Character::isDigit)
          ? new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i]))
          : x[i].compareTo(y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  };
}
