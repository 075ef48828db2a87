package io.platinur.git;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.preview.PreviewAction;
import io.platinur.domain.preview.PreviewEnvironment;
import io.platinur.domain.preview.PreviewInventory;
import io.platinur.domain.preview.PreviewLayout;
import io.platinur.domain.preview.PreviewPlan;
import io.platinur.domain.preview.UnmanagedDirectory;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchName;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.PortFailure;
import io.platinur.port.PreviewStore;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Previews as directories on one branch of a GitOps repository ({@code previews/pr-<n>/values.yaml}
 * by default), and the reaped previews waiting for their cleanup in
 * {@code refs/platinur/previews/<branch>} (a commit chain whose tree holds the list). A write is one
 * commit on the branch with every change of the plan, moved together with the list's ref in one
 * atomic compare-and-swap. The version token names both ids.
 */
final class GitPreviewStore implements PreviewStore {
  static final String PENDING_FILE = "pending";
  private static final int MAX_VALUES_BYTES = 64 * 1024;

  private final GitRefs git;
  private final BranchName branch;
  private final PreviewLayout layout;

  GitPreviewStore(GitRefs git, BranchName branch, PreviewLayout layout) {
    this.git = git;
    this.branch = branch;
    this.layout = layout;
  }

  String stateRef() {
    return "refs/platinur/previews/" + branch.name();
  }

  /** What one read saw: the branch head, the pending list's ref, and the inventory they hold. */
  private record Snapshot(ObjectId head, Option<ObjectId> state, PreviewInventory inventory) {
    PreviewVersion version() {
      return new PreviewVersion(head.name() + " " + state.map(ObjectId::name).getOrElse("-"));
    }

    StoredPreviews stored() {
      return new StoredPreviews(version(), inventory);
    }
  }

  @Override
  public Either<PortFailure, StoredPreviews> load() {
    return git.fresh(() -> Failures.guard(() -> snapshot().map(Snapshot::stored)));
  }

  @Override
  public Either<PortFailure, StoredPreviews> write(PreviewVersion expected, Seq<PreviewAction> actions, Instant at) {
    return git.fresh(() -> Failures.guard(() -> {
      Either<PortFailure, Snapshot> read = snapshot();
      return read.isLeft() ? Either.left(read.getLeft()) : write(read.get(), expected, actions, at);
    }));
  }

  private Either<PortFailure, StoredPreviews> write(Snapshot now, PreviewVersion expected, Seq<PreviewAction> actions, Instant at)
      throws IOException {
    if (!now.version().equals(expected)) {
      return conflict();
    }
    Option<PreviewAction> onForeign = actions.find(a -> now.inventory().occupied(a.pr()));
    if (onForeign.isDefined()) {
      return Failures.fail(Kind.INVALID_REQUEST, layout.directoryOf(onForeign.get().pr())
          + " holds files Platinur did not write; it is left alone.");
    }
    PreviewInventory next = new PreviewPlan(actions, List.empty(), List.empty(), List.empty()).applyTo(now.inventory());
    try (ObjectInserter inserter = git.repository.newObjectInserter(); ObjectReader reader = git.repository.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      RevCommit parent = walk.parseCommit(now.head());
      java.util.SortedMap<String, TreeRewriter.Edit> edits = new java.util.TreeMap<>();
      for (PreviewAction action : actions) {
        Option<PreviewEnvironment> written = action.fold(c -> Option.some(c.preview()), u -> Option.some(u.to()), r -> Option.none());
        if (written.isDefined()) {
          byte[] text = PreviewCodec.values(written.get()).getBytes(StandardCharsets.UTF_8);
          edits.put(layout.valuesFileOf(action.pr()).value(), TreeRewriter.Edit.write(inserter.insert(Constants.OBJ_BLOB, text)));
        } else {
          for (String file : filesUnder(reader, parent.getTree(), layout.directoryOf(action.pr()))) {
            edits.put(file, TreeRewriter.Edit.delete());
          }
        }
      }
      ObjectId tree;
      try {
        tree = new TreeRewriter(reader, inserter).rewrite(parent.getTree(), edits);
      } catch (TreeRewriter.Refused e) {
        return Either.left(e.failure());
      }
      PersonIdent platinur = new PersonIdent("Platinur", "platinur", at, ZoneOffset.UTC);
      ObjectId commit = ProposalCommits.insertCommit(inserter, tree, parent, platinur, platinur, message(actions));
      Seq<PreviewAction.Reap> reaps = actions.filter(PreviewAction.Reap.class::isInstance).map(PreviewAction.Reap.class::cast);
      Option<ObjectId> state = reaps.isEmpty()
          ? now.state()
          : Option.some(stateCommit(inserter, now.state(), next.pendingCleanups().values(), at,
              reaps.size() + " reaped preview(s) wait for their cleanup"));
      inserter.flush();
      Seq<RefMove> moves = List.of(new RefMove(branch.refName(), now.head(), commit));
      if (!state.equals(now.state())) {
        moves = moves.append(new RefMove(stateRef(), now.state().getOrElse(ObjectId.zeroId()), state.get()));
      }
      return git.atomically("reconcile previews on " + branch, moves)
          .map(done -> new Snapshot(commit, state, next).stored());
    }
  }

  @Override
  public Either<PortFailure, StoredPreviews> cleanedUp(PreviewVersion expected, Seq<PreviewEnvironment> cleaned) {
    return git.fresh(() -> Failures.guard(() -> {
      Either<PortFailure, Snapshot> read = snapshot();
      return read.isLeft() ? Either.left(read.getLeft()) : cleanedUp(read.get(), expected, cleaned);
    }));
  }

  private Either<PortFailure, StoredPreviews> cleanedUp(Snapshot now, PreviewVersion expected, Seq<PreviewEnvironment> cleaned)
      throws IOException {
    if (!now.version().equals(expected)) {
      return conflict();
    }
    Seq<PullRequestNumber> done = cleaned.filter(p -> now.inventory().pendingCleanups().get(p.pr()).contains(p)).map(PreviewEnvironment::pr);
    if (done.isEmpty()) {
      return Either.right(now.stored());
    }
    PreviewInventory next = now.inventory().cleanedUp(done);
    ObjectId state;
    try (ObjectInserter inserter = git.repository.newObjectInserter()) {
      state = stateCommit(inserter, now.state(), next.pendingCleanups().values(), Instant.now(),
          done.size() + " preview(s) cleaned up");
      inserter.flush();
    }
    return git.atomically("record preview cleanups on " + branch,
            List.of(new RefMove(stateRef(), now.state().getOrElse(ObjectId.zeroId()), state)))
        .map(ok -> new Snapshot(now.head(), Option.some(state), next).stored());
  }

  private static <T> Either<PortFailure, T> conflict() {
    return Failures.fail(Kind.CONFLICT, "The previews changed since they were read; read them again and reconcile.");
  }

  private Either<PortFailure, Snapshot> snapshot() throws IOException {
    Either<PortFailure, ObjectId> head = git.require(branch.refName());
    if (head.isLeft()) {
      return Either.left(head.getLeft());
    }
    Option<ObjectId> state = git.read(stateRef());
    try (ObjectReader reader = git.repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
      RevCommit commit = walk.parseCommit(head.get());
      Either<PortFailure, SortedMap<PullRequestNumber, PreviewEnvironment>> pending = pending(reader, walk, state);
      if (pending.isLeft()) {
        return Either.left(pending.getLeft());
      }
      SortedMap<PullRequestNumber, PreviewEnvironment> live = TreeMap.empty();
      Seq<UnmanagedDirectory> leftAlone = List.empty();
      try (TreeWalk root = TreeWalk.forPath(reader, layout.root().value(), commit.getTree())) {
        if (root != null && root.getFileMode(0) == FileMode.TREE) {
          try (TreeWalk dirs = new TreeWalk(reader)) {
            dirs.addTree(root.getObjectId(0));
            dirs.setRecursive(false);
            while (dirs.next()) {
              if (dirs.getFileMode(0) != FileMode.TREE) {
                continue;
              }
              String name = dirs.getNameString();
              RepoPath directory = RepoPath.of(layout.root().value() + "/" + name);
              Option<PullRequestNumber> number = layout.numberOf(name);
              if (number.isEmpty()) {
                leftAlone = leftAlone.append(new UnmanagedDirectory(directory, Option.none(), UnmanagedDirectory.Kind.NOT_CREATED_BY_PLATINUR,
                    layout.looksLikePreview(name) ? "Platinur does not name directories so" : "its name does not follow " + layout.directoryPattern()));
                continue;
              }
              Either<UnmanagedDirectory, PreviewEnvironment> read = readPreview(reader, dirs.getObjectId(0), directory, number.get());
              if (read.isRight()) {
                live = live.put(number.get(), read.get());
              } else {
                leftAlone = leftAlone.append(read.getLeft());
              }
            }
          }
        }
      }
      return Either.right(new Snapshot(head.get(), state, new PreviewInventory(live, pending.get(), leftAlone)));
    }
  }

  private Either<UnmanagedDirectory, PreviewEnvironment> readPreview(
      ObjectReader reader, ObjectId directoryTree, RepoPath directory, PullRequestNumber number) throws IOException {
    try (TreeWalk file = TreeWalk.forPath(reader, layout.valuesFileName(), directoryTree)) {
      if (file == null || file.getFileMode(0) != FileMode.REGULAR_FILE) {
        return Either.left(new UnmanagedDirectory(directory, Option.some(number), UnmanagedDirectory.Kind.NOT_CREATED_BY_PLATINUR,
            "it has no " + layout.valuesFileName()));
      }
      if (reader.getObjectSize(file.getObjectId(0), Constants.OBJ_BLOB) > MAX_VALUES_BYTES) {
        return Either.left(new UnmanagedDirectory(directory, Option.some(number), UnmanagedDirectory.Kind.DOES_NOT_PARSE,
            "its " + layout.valuesFileName() + " is larger than Platinur writes"));
      }
      byte[] content = reader.open(file.getObjectId(0), Constants.OBJ_BLOB).getBytes();
      return PreviewCodec.readValues(layout.valuesFileOf(number), content, number)
          .mapLeft(problem -> new UnmanagedDirectory(directory, Option.some(number), problem.kind(), problem.detail()));
    }
  }

  private Either<PortFailure, SortedMap<PullRequestNumber, PreviewEnvironment>> pending(
      ObjectReader reader, RevWalk walk, Option<ObjectId> state) throws IOException {
    if (state.isEmpty()) {
      return Either.right(TreeMap.empty());
    }
    RevCommit commit = walk.parseCommit(state.get());
    try (TreeWalk file = TreeWalk.forPath(reader, PENDING_FILE, commit.getTree())) {
      if (file == null) {
        return Failures.fail(Kind.REPOSITORY_DAMAGED, stateRef() + " has no ‘" + PENDING_FILE + "’ file.");
      }
      String text = new String(reader.open(file.getObjectId(0), Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
      return PreviewCodec.readPending(text)
          .<PortFailure>mapLeft(problem -> PortFailure.of(Kind.REPOSITORY_DAMAGED, stateRef() + ": " + problem + "."))
          .map(previews -> TreeMap.ofEntries(previews.map(p -> io.vavr.Tuple.of(p.pr(), p))));
    }
  }

  private Seq<String> filesUnder(ObjectReader reader, ObjectId rootTree, RepoPath directory) throws IOException {
    Seq<String> files = List.empty();
    try (TreeWalk dir = TreeWalk.forPath(reader, directory.value(), rootTree)) {
      if (dir == null || dir.getFileMode(0) != FileMode.TREE) {
        return files;
      }
      try (TreeWalk walk = new TreeWalk(reader)) {
        walk.addTree(dir.getObjectId(0));
        walk.setRecursive(true);
        while (walk.next()) {
          files = files.append(directory.value() + "/" + walk.getPathString());
        }
      }
    }
    return files;
  }

  private ObjectId stateCommit(ObjectInserter inserter, Option<ObjectId> parent, Seq<PreviewEnvironment> pending, Instant at, String subject)
      throws IOException {
    ObjectId blob = inserter.insert(Constants.OBJ_BLOB, PreviewCodec.pending(pending).getBytes(StandardCharsets.UTF_8));
    TreeFormatter tree = new TreeFormatter();
    tree.append(PENDING_FILE, FileMode.REGULAR_FILE, blob);
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(inserter.insert(tree));
    parent.forEach(commit::setParentId);
    PersonIdent platinur = new PersonIdent("Platinur", "platinur", at, ZoneOffset.UTC);
    commit.setAuthor(platinur);
    commit.setCommitter(platinur);
    commit.setEncoding(StandardCharsets.UTF_8);
    commit.setMessage("Previews on " + branch + ": " + subject + "\n");
    return inserter.insert(commit);
  }

  static String message(Seq<PreviewAction> actions) {
    int created = actions.count(PreviewAction.Create.class::isInstance);
    int updated = actions.count(PreviewAction.Update.class::isInstance);
    int reaped = actions.count(PreviewAction.Reap.class::isInstance);
    Seq<String> counts = List.of(
            created > 0 ? created + " created" : "", updated > 0 ? updated + " updated" : "", reaped > 0 ? reaped + " reaped" : "")
        .filter(s -> !s.isEmpty());
    return "Previews: " + counts.mkString(", ") + "\n\n" + actions.map(PreviewAction::message).mkString("\n") + "\n";
  }
}
