package io.platinur.cli;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
        "--from DIR: every file under DIR (which must exist) is written at its path relative to DIR: DIR/models/a.sql at models/a.sql.",
        "  Symbolic links, names that are not UTF-8 and files over the size limit are refused by name;",
        "  .git, .platinur and the lane's repository are left out, so --from . is safe.",
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
      long limit = lane.git.config().maxFileBytes();
      java.util.Set<String> leftOut = new java.util.TreeSet<>();
      if (source.from != null) {
        fromDirectory(builder, lane, limit, leftOut);
      } else {
        Either<UseCaseFailure<NoRefusal>, io.platinur.domain.lane.StagingLane> current = lane.service.lane();
        if (current.isLeft()) {
          return out.failed(current.getLeft());
        }
        fromDiff(builder, common.resolve(source.diff), source.diff, limit, lane.config.repository(), current.get().stagingHead());
      }
      Validation<Seq<String>, Proposal> valid = builder.validate();
      if (valid.isInvalid()) {
        throw new Common.BadInput(valid.getError().mkString(" "));
      }
      Proposal proposal = lane.home.save(valid.get()).getOrElseThrow(Common.BadInput::new);
      return out.done("Stored proposal " + proposal.id() + " ‘" + proposal.title() + "’ changing "
          + proposal.fileSet().size() + " file(s):\n" + Words.paths(proposal.fileSet().map(Object::toString), "  ")
          + (leftOut.isEmpty() ? "" : "Left out Git's and Platinur's own files: " + String.join(", ", leftOut) + "\n")
          + "Apply it with: platinur apply " + proposal.id(),
          Json.object().put("id", proposal.id().value()).put("title", proposal.title())
              .put("files", proposal.fileSet().map(Object::toString))
              .put("leftOut", leftOut)
              .put("stored", lane.home.proposalDir(proposal.id()).toString()));
    });
  }

  /**
   * Every regular file under {@code --from}, at its path relative to it. Git's and Platinur's own
   * files (any {@code .git}, the lane's {@code .platinur/} and its repository) are left out and
   * named; a symbolic link, a name that is not UTF-8 or a file over the limit is refused before
   * anything is read.
   */
  private void fromDirectory(Proposal.Builder builder, LaneContext lane, long limit, java.util.Set<String> leftOut) throws IOException {
    Path typed = source.from;
    Path dir = common.resolve(typed);
    if (!Files.isDirectory(dir)) {
      throw new Common.BadInput("There is no directory " + typed + ".");
    }
    Path root = dir.toRealPath();
    String shown = typed.toString();
    Map<String, LocalFiles.Found> files = LocalFiles.regularFiles(root, shown, limit, folder -> {
      boolean own = folder.getFileName().toString().equals(".git") || same(folder, lane.home.root()) || same(folder, lane.config.repository());
      if (own) {
        leftOut.add(LocalFiles.name(root, folder, shown) + "/");
      }
      return own;
    });
    if (files.isEmpty()) {
      throw new Common.BadInput(typed + " holds no files; a proposal needs at least one change.");
    }
    for (LocalFiles.Found file : files.values()) {
      builder.write(file.path(), Files.readAllBytes(file.file()));
    }
  }

  private static boolean same(Path a, Path b) {
    try {
      return Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /** The largest diff file read: a diff is text about files of at most the size limit each. */
  static final long MAX_DIFF_BYTES = 64L * 1024 * 1024;

  private static void fromDiff(Proposal.Builder builder, Path diff, Path typed, long limit, Path repository, CommitId base) throws IOException {
    if (!Files.isRegularFile(diff)) {
      throw new Common.BadInput("There is no file " + typed + ".");
    }
    if (Files.size(diff) > MAX_DIFF_BYTES) {
      throw new Common.BadInput(typed + " is " + LocalFiles.size(Files.size(diff)) + ", over the limit of "
          + LocalFiles.size(MAX_DIFF_BYTES) + " for a diff.");
    }
    Patch patch = new Patch();
    try (InputStream in = Files.newInputStream(diff)) {
      patch.parse(in);
    }
    if (!patch.getErrors().isEmpty()) {
      throw new Common.BadInput(typed + " is not a unified diff: " + patch.getErrors().get(0).getMessage());
    }
    if (patch.getFiles().isEmpty()) {
      throw new Common.BadInput(typed + " holds no file changes.");
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
            long size = reader.getObjectSize(tree.getObjectId(1), Constants.OBJ_BLOB);
            if (size > limit) {
              throw new Common.BadInput(tree.getPathString() + " would be " + LocalFiles.size(size) + " after the diff, over the limit of "
                  + LocalFiles.size(limit) + " for one file of a proposal.");
            }
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
