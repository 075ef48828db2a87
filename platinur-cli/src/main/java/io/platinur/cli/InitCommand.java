package io.platinur.cli;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code platinur init}: attach the working directory to a bare repository (creating it when the
 * path is new or an empty directory) and record the branches in {@code .platinur/config.properties}.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = {"Attach this directory to a bare Git repository as a staging lane, or create one.",
        "A new or empty path gets a bare repository whose production branch has one commit and whose staging branch points at it.",
        "An existing repository must have the production branch; a missing staging branch is created at production."})
final class InitCommand extends LaneCommand {
  @Option(names = "--repository", required = true, paramLabel = "PATH", description = "The bare repository.")
  Path repository;

  @Option(names = "--production", defaultValue = "main", paramLabel = "BRANCH", description = "Production branch (default: ${DEFAULT-VALUE}).")
  String production;

  @Option(names = "--staging", defaultValue = "staging", paramLabel = "BRANCH", description = "Staging branch (default: ${DEFAULT-VALUE}).")
  String staging;

  @Option(names = "--staging-schema", defaultValue = "analytics_staging", split = ",", paramLabel = "SCHEMA",
      description = "Output schemas Staging writes to (default: ${DEFAULT-VALUE}).")
  java.util.List<String> stagingSchemas;

  @Option(names = "--production-schema", defaultValue = "analytics", split = ",", paramLabel = "SCHEMA",
      description = "Output schemas Prod writes to, disjoint from Staging's (default: ${DEFAULT-VALUE}).")
  java.util.List<String> productionSchemas;

  @Override
  int run(Out out) throws IOException {
    LaneHome home = new LaneHome(common.dir());
    if (!Files.isDirectory(common.dir())) {
      throw new Common.BadInput("There is no directory " + common.dir() + ".");
    }
    if (home.exists()) {
      throw new Common.BadInput("This directory already has a lane (" + home.configFile() + "); remove .platinur/ to start again.");
    }
    BranchName productionBranch = BranchName.of(production);
    BranchName stagingBranch = BranchName.of(staging);
    GitLaneConfig gitConfig = GitLaneConfig.of(productionBranch, stagingBranch);
    Path repo = common.resolve(repository).toAbsolutePath().normalize();
    LaneHome.Config config = new LaneHome.Config(repo, productionBranch, stagingBranch,
        List.ofAll(stagingSchemas), List.ofAll(productionSchemas), io.vavr.control.Option.none(),
        io.vavr.control.Option.none(), io.vavr.control.Option.none(), io.vavr.control.Option.none(), io.vavr.control.Option.none());
    config = LaneContext.withOptions(config, common);
    LaneContext.laneConfiguration(config); // schemas valid and disjoint, before anything is written
    if (config.onForge()) {
      return initOnForge(out, home, config, gitConfig);
    }

    boolean create = !Files.exists(repo) || isEmptyDirectory(repo);
    String what;
    if (create) {
      CommitAuthor author = common.author(clock.instant());
      Either<PortFailure, GitStaging> created = out.during("Creating " + repo, () -> GitStaging.init(repo, gitConfig, author));
      if (created.isLeft()) {
        return out.error(created.getLeft().kind().name(), created.getLeft().message());
      }
      created.get().close();
      what = "Created bare repository " + repo + " with branches " + productionBranch + " and " + stagingBranch + ".";
    } else {
      if (!Files.isDirectory(repo)) {
        throw new Common.BadInput(repo + " is a file, not a repository.");
      }
      Either<PortFailure, GitStaging> opened = GitStaging.open(repo, gitConfig);
      if (opened.isLeft()) {
        return out.error(opened.getLeft().kind().name(), opened.getLeft().message());
      }
      opened.get().close();
      Either<String, String> attached = attach(repo, productionBranch, stagingBranch);
      if (attached.isLeft()) {
        throw new Common.BadInput(attached.getLeft());
      }
      what = attached.get();
    }
    home.writeConfig(config);
    return out.done(what + "\nLane " + stagingBranch + " → " + productionBranch + " recorded in " + home.configFile() + ".",
        Json.object().put("repository", repo.toString()).put("created", create)
            .put("productionBranch", productionBranch.name()).put("stagingBranch", stagingBranch.name())
            .put("config", home.configFile().toString()));
  }

  /** On a forge the repository path is a local cache of the forge's repository, created when missing. */
  private int initOnForge(Out out, LaneHome home, LaneHome.Config config, GitLaneConfig gitConfig) throws IOException {
    Either<String, LaneContext.ForgeLink> link = LaneContext.ForgeLink.of(config, common);
    if (link.isLeft()) {
      return out.error("BAD_INPUT", link.getLeft());
    }
    boolean existed = Files.exists(config.repository());
    Either<PortFailure, GitStaging> opened = out.during("Fetching " + link.get().where(),
        () -> GitStaging.openWithRemote(config.repository(), link.get().remote(), gitConfig));
    if (opened.isLeft()) {
      removeNewCache(existed, config.repository());
      return out.error(opened.getLeft().kind().name(), opened.getLeft().message());
    }
    try (GitStaging git = opened.get()) {
      var heads = git.staging().heads();
      if (heads.isLeft()) {
        removeNewCache(existed, config.repository());
        return out.error(heads.getLeft().kind().name(), heads.getLeft().message());
      }
    }
    home.writeConfig(config);
    String forge = link.get().name();
    return out.done("Attached to " + forge + (forge.equals("GitLab") ? " project " : " repository ") + link.get().where()
        + " (local cache " + config.repository() + ").\n"
        + "Lane " + config.staging() + " → " + config.production() + " recorded in " + home.configFile() + ".",
        Json.object().put(forge.toLowerCase(java.util.Locale.ROOT), link.get().where()).put("repository", config.repository().toString())
            .put("productionBranch", config.production().name()).put("stagingBranch", config.staging().name())
            .put("config", home.configFile().toString()));
  }

  /** A failed init leaves no cache it created behind. */
  private static void removeNewCache(boolean existed, Path cache) throws IOException {
    if (existed || !Files.exists(cache)) {
      return;
    }
    try (var walk = Files.walk(cache)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static boolean isEmptyDirectory(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return false;
    }
    try (var entries = Files.list(path)) {
      return entries.findAny().isEmpty();
    }
  }

  /** Checks the production branch exists; creates a missing staging branch at production. */
  private static Either<String, String> attach(Path repo, BranchName production, BranchName staging) throws IOException {
    try (Repository git = new FileRepositoryBuilder().setGitDir(repo.toFile()).setMustExist(true).build()) {
      Ref prod = git.exactRef(production.refName());
      if (prod == null || prod.getObjectId() == null) {
        List<String> branches = List.ofAll(git.getRefDatabase().getRefsByPrefix("refs/heads/"))
            .map(r -> r.getName().substring("refs/heads/".length())).sorted();
        return Either.left("The production branch ‘" + production + "’ does not exist in " + repo
            + (branches.isEmpty() ? " (it has no branches)." : " (branches: " + branches.mkString(", ") + ")."));
      }
      if (git.exactRef(staging.refName()) != null) {
        return Either.right("Attached to " + repo + ".");
      }
      RefUpdate update = git.updateRef(staging.refName());
      update.setExpectedOldObjectId(ObjectId.zeroId());
      update.setNewObjectId(prod.getObjectId());
      update.setRefLogMessage("platinur init: staging starts at " + production, false);
      RefUpdate.Result result = update.update();
      if (result != RefUpdate.Result.NEW) {
        return Either.left("Could not create the staging branch ‘" + staging + "’ in " + repo + " (" + result + ").");
      }
      return Either.right("Attached to " + repo + "; created branch " + staging + " at " + production + " ("
          + prod.getObjectId().abbreviate(7).name() + ").");
    } catch (InvalidValueException e) {
      return Either.left(e.getMessage());
    }
  }
}
