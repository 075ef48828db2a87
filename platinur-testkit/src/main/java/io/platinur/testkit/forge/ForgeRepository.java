package io.platinur.testkit.forge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The bare Git repository a fake forge hosts: the forge's pull requests run between its branches,
 * and merging writes a real merge commit. Tests use it to move branches as a person pushing would.
 * Thread-safe (each call is one JGit operation under the repository's lock).
 */
public final class ForgeRepository implements AutoCloseable {
  private static final Instant EPOCH = Instant.parse("2026-11-24T08:00:00Z");

  private final Repository git;
  private int commits;

  private ForgeRepository(Repository git) {
    this.git = git;
  }

  /** Opens the bare repository at {@code gitDir}, which must exist. */
  public static ForgeRepository open(Path gitDir) {
    try {
      return new ForgeRepository(new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates a bare repository at {@code gitDir} whose branches {@code production} and
   * {@code staging} point at one first commit.
   */
  public static ForgeRepository create(Path gitDir, String production, String staging) {
    try {
      Repository git = FileRepositoryBuilder.create(gitDir.toFile());
      git.create(true);
      ForgeRepository repository = new ForgeRepository(git);
      String first = repository.commitOn(null, "README.md", "The repository a fake forge hosts.\n", "First commit");
      repository.move(production, null, first);
      repository.move(staging, null, first);
      return repository;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where {@code branch} points, if it exists. */
  public synchronized Optional<String> head(String branch) {
    try {
      Ref ref = git.exactRef(Constants.R_HEADS + branch);
      return Optional.ofNullable(ref).map(r -> r.getObjectId().name());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds a commit writing {@code path} with {@code content} on top of {@code branch}, moves it there, returns it. */
  public synchronized String commit(String branch, String path, String content) {
    String parent = head(branch).orElseThrow(() -> new IllegalArgumentException("No branch " + branch));
    String commit = commitOn(parent, path, content, "Change " + path);
    move(branch, parent, commit);
    return commit;
  }

  /** Creates branch {@code name} where {@code from} points; returns that commit. */
  public synchronized String createBranch(String name, String from) {
    String at = head(from).orElseThrow(() -> new IllegalArgumentException("No branch " + from));
    if (!move(name, null, at)) {
      throw new IllegalStateException("Branch " + name + " exists already");
    }
    return at;
  }

  /** A commit writing {@code path} with {@code content} on top of {@code parent}, on no branch (a commit a pipeline deployed). */
  public synchronized String detachedCommit(String parent, String path, String content) {
    return commitOn(parent, path, content, "Change " + path);
  }

  /** Whether {@code ancestor} is in the history of {@code descendant}. */
  public synchronized boolean isAncestor(String ancestor, String descendant) {
    try (RevWalk walk = new RevWalk(git)) {
      return walk.isMergedInto(walk.parseCommit(ObjectId.fromString(ancestor)), walk.parseCommit(ObjectId.fromString(descendant)));
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether {@code branch}'s history contains {@code commit}. */
  public boolean contains(String branch, String commit) {
    return head(branch).map(head -> isAncestor(commit, head)).orElse(false);
  }

  /** The bytes of {@code path} at {@code commit}, if the commit exists and has the file. */
  public synchronized Optional<byte[]> fileAt(String commit, String path) {
    try (RevWalk walk = new RevWalk(git)) {
      RevCommit parsed = walk.parseCommit(ObjectId.fromString(commit));
      try (TreeWalk tree = TreeWalk.forPath(git, path, parsed.getTree())) {
        return tree == null ? Optional.empty() : Optional.of(git.open(tree.getObjectId(0)).getBytes());
      }
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Merges {@code head} into {@code base} as a forge does: a merge commit whose parents are the
   * base's head and {@code head} and whose tree is {@code head}'s (the base must be in its history),
   * moving the base by compare-and-swap. Empty when the base is not in {@code head}'s history or
   * moved meanwhile.
   */
  public synchronized Optional<String> merge(String base, String head, String message, Instant at) {
    String baseHead = head(base).orElseThrow(() -> new IllegalArgumentException("No branch " + base));
    if (!isAncestor(baseHead, head)) {
      return Optional.empty();
    }
    try (RevWalk walk = new RevWalk(git); ObjectInserter inserter = git.newObjectInserter()) {
      RevCommit headCommit = walk.parseCommit(ObjectId.fromString(head));
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(headCommit.getTree());
      commit.setParentIds(ObjectId.fromString(baseHead), headCommit);
      PersonIdent forge = new PersonIdent("Forge", "forge@example.com", at, ZoneOffset.UTC);
      commit.setAuthor(forge);
      commit.setCommitter(forge);
      commit.setEncoding(StandardCharsets.UTF_8);
      commit.setMessage(message);
      ObjectId merge = inserter.insert(commit);
      inserter.flush();
      return move(base, baseHead, merge.name()) ? Optional.of(merge.name()) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String commitOn(String parent, String path, String content, String message) {
    try (RevWalk walk = new RevWalk(git); ObjectInserter inserter = git.newObjectInserter()) {
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      if (parent != null) {
        builder.addTree(new byte[0], 0, git.newObjectReader(), walk.parseCommit(ObjectId.fromString(parent)).getTree());
      }
      builder.finish();
      DirCacheBuilder edited = index.builder();
      for (int i = 0; i < index.getEntryCount(); i++) {
        if (!index.getEntry(i).getPathString().equals(path)) {
          edited.add(index.getEntry(i));
        }
      }
      DirCacheEntry entry = new DirCacheEntry(path);
      entry.setFileMode(FileMode.REGULAR_FILE);
      entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8)));
      edited.add(entry);
      edited.finish();
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(inserter));
      if (parent != null) {
        commit.setParentId(ObjectId.fromString(parent));
      }
      PersonIdent person = new PersonIdent("Ada", "ada@example.com", EPOCH.plusSeconds(++commits), ZoneOffset.UTC);
      commit.setAuthor(person);
      commit.setCommitter(person);
      commit.setEncoding(StandardCharsets.UTF_8);
      commit.setMessage(message + "\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean move(String branch, String from, String to) {
    try {
      RefUpdate update = git.updateRef(Constants.R_HEADS + branch);
      update.setExpectedOldObjectId(from == null ? ObjectId.zeroId() : ObjectId.fromString(from));
      update.setNewObjectId(ObjectId.fromString(to));
      update.setRefLogMessage("fake forge", false);
      RefUpdate.Result result = update.update();
      return result == RefUpdate.Result.NEW || result == RefUpdate.Result.FAST_FORWARD || result == RefUpdate.Result.FORCED;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    git.close();
  }
}
