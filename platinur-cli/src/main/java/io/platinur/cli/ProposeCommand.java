package io.platinur.cli;

import io.platinur.application.LaneFailure;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.patch.Patch;
import org.eclipse.jgit.patch.PatchApplier;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code platinur propose}: store a proposal under {@code .platinur/proposals/<id>/}, from a
 * directory of files (each written at its relative path) or from a unified diff (applied to the
 * staging branch's head, as {@code git apply} would).
 */
@Command(name = "propose", mixinStandardHelpOptions = true,
    description = {"Store a proposal (a titled change set) to apply later.",
        "--from DIR: every file under DIR is written at its path relative to DIR.",
        "--diff FILE: a unified diff (git diff output) applied to the staging head; its additions, changes and deletions become the proposal."})
final class ProposeCommand extends LaneCommand {
  @Option(names = "--title", required = true, description = "What the proposal does, as people will see it.")
  String title;

  @Option(names = "--id", description = "The proposal id (default: the next free p-<n>).")
  String id;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--from", paramLabel = "DIR", description = "A directory of files to write.")
    Path from;

    @Option(names = "--diff", paramLabel = "FILE", description = "A unified diff to apply to the staging head.")
    Path diff;
  }

  @Override
  int run(Out out) throws IOException {
    return withLane(out, lane -> {
      ProposalId proposalId = id == null ? lane.home.nextId() : LaneHome.parseId(id).getOrElseThrow(Common.BadInput::new);
      if (Files.exists(lane.home.proposalDir(proposalId))) {
        throw new Common.BadInput("Proposal " + proposalId + " already exists; choose another --id.");
      }
      Proposal.Builder builder = Proposal.builder(proposalId, title);
      if (source.from != null) {
        fromDirectory(builder, source.from);
      } else {
        Either<LaneFailure, io.platinur.domain.lane.StagingLane> current = lane.service.lane();
        if (current.isLeft()) {
          return out.failed(current.getLeft());
        }
        fromDiff(builder, source.diff, lane.config.repository(), current.get().stagingHead());
      }
      Validation<Seq<String>, Proposal> valid = builder.validate();
      if (valid.isInvalid()) {
        throw new Common.BadInput(valid.getError().mkString(" "));
      }
      Proposal proposal = lane.home.save(valid.get()).getOrElseThrow(Common.BadInput::new);
      return out.done("Stored proposal " + proposal.id() + " ‘" + proposal.title() + "’ changing "
          + proposal.fileSet().size() + " file(s): " + proposal.fileSet().mkString(", ") + ".\n"
          + "Apply it with: platinur apply " + proposal.id(),
          Json.object().put("id", proposal.id().value()).put("title", proposal.title())
              .put("files", proposal.fileSet().map(Object::toString))
              .put("stored", lane.home.proposalDir(proposal.id()).toString()));
    });
  }

  private static void fromDirectory(Proposal.Builder builder, Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new Common.BadInput("There is no directory " + dir + ".");
    }
    Map<String, Path> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> files.put(LaneHome.relative(dir, p), p));
    }
    if (files.isEmpty()) {
      throw new Common.BadInput(dir + " holds no files; a proposal needs at least one change.");
    }
    for (Map.Entry<String, Path> file : files.entrySet()) {
      builder.write(file.getKey(), Files.readAllBytes(file.getValue()));
    }
  }

  private static void fromDiff(Proposal.Builder builder, Path diff, Path repository, CommitId base) throws IOException {
    if (!Files.isRegularFile(diff)) {
      throw new Common.BadInput("There is no file " + diff + ".");
    }
    Patch patch = new Patch();
    try (InputStream in = Files.newInputStream(diff)) {
      patch.parse(in);
    }
    if (!patch.getErrors().isEmpty()) {
      throw new Common.BadInput(diff + " is not a unified diff: " + patch.getErrors().get(0).getMessage());
    }
    if (patch.getFiles().isEmpty()) {
      throw new Common.BadInput(diff + " holds no file changes.");
    }
    // The diff is applied in memory, to a copy of just the files it touches: the lane's repository
    // gets no objects from a proposal that is only being stored (or refused).
    try (Repository git = new FileRepositoryBuilder().setGitDir(repository.toFile()).setMustExist(true).build();
        ObjectReader laneReader = git.newObjectReader();
        RevWalk laneWalk = new RevWalk(laneReader);
        InMemoryRepository memory = new InMemoryRepository(new DfsRepositoryDescription("proposal"));
        ObjectInserter inserter = memory.newObjectInserter();
        ObjectReader reader = inserter.newReader();
        RevWalk walk = new RevWalk(reader)) {
      RevTree laneTree = laneWalk.parseCommit(ObjectId.fromString(base.hex())).getTree();
      DirCache index = DirCache.newInCore();
      DirCacheBuilder files = index.builder();
      java.util.Set<String> copied = new java.util.TreeSet<>();
      for (FileHeader file : patch.getFiles()) {
        for (String path : new String[] {file.getOldPath(), file.getNewPath()}) {
          if (path == null || path.equals(DiffEntry.DEV_NULL) || !copied.add(path)) {
            continue;
          }
          try (TreeWalk found = TreeWalk.forPath(laneReader, path, laneTree)) {
            if (found != null && found.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
              DirCacheEntry entry = new DirCacheEntry(path);
              entry.setFileMode(found.getFileMode(0));
              entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, laneReader.open(found.getObjectId(0)).getBytes()));
              files.add(entry);
            }
          }
        }
      }
      files.finish();
      ObjectId beforeId = index.writeTree(inserter);
      inserter.flush();
      RevTree before = walk.parseTree(beforeId);
      PatchApplier.Result result = new PatchApplier(memory, before, inserter).applyPatch(patch);
      if (!result.getErrors().isEmpty()) {
        throw new Common.BadInput("The diff does not apply to " + base.abbreviated() + " (the staging head): "
            + result.getErrors().get(0).toString().strip().replace('\n', ' '));
      }
      inserter.flush();
      try (TreeWalk tree = new TreeWalk(reader)) {
        tree.setRecursive(true);
        tree.addTree(before);
        tree.addTree(result.getTreeId());
        tree.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
        int changes = 0;
        while (tree.next()) {
          changes++;
          if (tree.getFileMode(1) == org.eclipse.jgit.lib.FileMode.MISSING) {
            builder.delete(tree.getPathString());
          } else {
            builder.write(tree.getPathString(), reader.open(tree.getObjectId(1)).getBytes());
          }
        }
        if (changes == 0) {
          throw new Common.BadInput("The diff changes nothing on " + base.abbreviated() + " (the staging head).");
        }
      }
    }
  }
}
