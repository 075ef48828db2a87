package io.platinur.git;

import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.vavr.collection.List;
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
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ThreeWayMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Pull requests on plain Git, so the whole promotion lifecycle runs without a forge. An open pull
 * request {@code n} is a ref {@code refs/platinur/pulls/<n>} pointing at a chain of record commits
 * (file {@code pull}: head and base branch, state, merge commit, title, body). Merging writes a
 * merge commit of the head branch into the base branch; merging or closing files the final record
 * into the archive and deletes the pull request's refs, base branch included, in one atomic
 * compare-and-swap. Numbers are taken by moving {@code refs/platinur/pulls-last} from the newest
 * pull request to the new one, so two machines opening at once get one pull request between them.
 *
 * <p>The refs do not grow with the pull requests ever opened (Git rewrites the whole packed-refs
 * file on an atomic update, so every ref kept would cost every later write): a merged or closed
 * pull request's record is a file {@code <bucket>/<n>} in the tree of one ref,
 * {@code refs/platinur/pulls-closed} (256 buckets, {@code n} modulo 256 in two hex digits), read
 * only for the pull request asked and rewritten only along that bucket. What stays under
 * {@code refs/platinur/} is one ref per open pull request, {@code refs/platinur/open-pulls/<head>/<base>}
 * naming the open one per pair of branches (created with it, deleted with it), the newest and the
 * archive. Repositories written before the archive, whose merged and closed pull requests kept
 * their {@code pulls/<n>} refs, are read as they are; the next merge or close files those records
 * into the archive and deletes their refs in the same update. A repository whose pull requests
 * predate {@code pulls-last} is scanned once, until the next pull request is opened.
 *
 * <p>For previews, {@link #listOpen} reads the open pull requests' records only: each at its head
 * branch's tip, updated when its record or its head last changed (the later commit time). Offline
 * pull requests carry no labels.
 */
final class OfflinePullRequestHost implements PullRequestHost, OpenPullRequests {
  static final String PULLS = "refs/platinur/pulls/";
  static final String OPEN = "refs/platinur/open-pulls/";
  static final String LAST = "refs/platinur/pulls-last";
  /** The archive of merged and closed pull requests: a commit chain whose tree holds {@code <bucket>/<n>}. */
  static final String CLOSED = "refs/platinur/pulls-closed";
  private static final String RECORD_FILE = "pull";
  private static final String FORMAT = "platinur-pull 1";
  private static final int ATTEMPTS = 8;

  private final GitRepo git;

  OfflinePullRequestHost(GitRepo git) {
    this.git = git;
  }

  private record Record(
      PullRequestNumber number, BranchName head, BranchName base, String state, Option<CommitId> merge, CommitId openedAt,
      String title, String body) {

    Record with(String nextState, Option<CommitId> mergeCommit) {
      return new Record(number, head, base, nextState, mergeCommit, openedAt, title, body);
    }

    boolean isOpen() {
      return state.equals("open");
    }
  }

  /** A pull request as stored: its record, and the record commit its ref points at while it has one (not once archived). */
  private record Stored(Option<ObjectId> commit, Record record) {}

  @Override
  public Either<PortFailure, PromotionPullRequest> openPromotionPr(BranchName head, BranchName base, String title, String body) {
    if (head.equals(base)) {
      return Failures.fail(Kind.INVALID_REQUEST, "A pull request needs two different branches, got ‘" + head + "’ twice.");
    }
    if (title == null || title.isBlank() || body == null) {
      return Failures.fail(Kind.INVALID_REQUEST, "A pull request needs a title and a body (which may be empty).");
    }
    return Failures.guard(() -> {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        Either<PortFailure, Option<PromotionPullRequest>> open = findOpenPromotionPr(head, base);
        if (open.isLeft() || open.get().isDefined()) {
          return open.map(Option::get);
        }
        Either<PortFailure, ObjectId> headId = git.require(head.refName());
        Either<PortFailure, ObjectId> baseId = git.require(base.refName());
        if (headId.isLeft()) {
          return Either.left(headId.getLeft());
        }
        if (baseId.isLeft()) {
          return Either.left(baseId.getLeft());
        }
        try (RevWalk walk = new RevWalk(git.repository)) {
          if (walk.isMergedInto(walk.parseCommit(headId.get()), walk.parseCommit(baseId.get()))) {
            return Failures.fail(Kind.REJECTED, "‘" + base + "’ already contains every commit of ‘" + head + "’; nothing to promote.");
          }
        }
        Option<ObjectId> last = git.read(LAST);
        long lastNumber;
        if (last.isDefined()) {
          Either<PortFailure, Record> newest = read(last.get());
          if (newest.isLeft()) {
            return Either.left(newest.getLeft());
          }
          lastNumber = newest.get().number().value();
        } else {
          lastNumber = numbers().appendAll(archivedNumbers()).max().getOrElse(0L);
        }
        PullRequestNumber number = PullRequestNumber.of(lastNumber + 1);
        Record record = new Record(number, head, base, "open", Option.none(), GitRepo.commitId(headId.get()), title, body);
        ObjectId written = write(record, Option.none());
        Either<PortFailure, Void> created = git.atomically("open pull request " + number, List.of(
            RefMove.create(ref(number), written),
            RefMove.create(openRef(head, base), written),
            new RefMove(LAST, last.getOrElse(ObjectId.zeroId()), written)));
        if (created.isRight()) {
          return Either.right(new PromotionPullRequest(number, head, base, record.openedAt(), Option.none()));
        }
        if (!created.getLeft().isConflict()) {
          return Either.left(created.getLeft());
        }
        // Someone took that number: look again, the pull request may now be theirs.
      }
      return Failures.fail(Kind.CONFLICT, "Could not take a pull request number after " + ATTEMPTS + " attempts; retry.");
    });
  }

  @Override
  public Either<PortFailure, Option<PromotionPullRequest>> findOpenPromotionPr(BranchName head, BranchName base) {
    return git.fresh(() -> Failures.guard(() -> {
      Option<ObjectId> index = git.read(openRef(head, base));
      if (index.isEmpty()) {
        return git.read(LAST).isEmpty() ? scanForOpen(head, base) : Either.right(Option.none());
      }
      Either<PortFailure, Record> opened = read(index.get());
      if (opened.isLeft()) {
        return Either.left(opened.getLeft());
      }
      Either<PortFailure, Stored> current = load(opened.get().number());
      if (current.isLeft()) {
        return Either.left(current.getLeft());
      }
      return Either.right(open(current.get().record(), head, base));
    }));
  }

  @Override
  public Either<PortFailure, io.vavr.collection.Seq<OpenPullRequest>> listOpen() {
    return git.fresh(() -> Failures.guard(() -> records().flatMap(records -> Failures.guard(() -> {
      List<OpenPullRequest> open = List.empty();
      try (RevWalk walk = new RevWalk(git.repository)) {
        for (io.vavr.Tuple2<ObjectId, Record> record : records.filter(r -> r._2.isOpen())) {
          Record r = record._2;
          ObjectId head = git.read(r.head().refName()).getOrElse(GitRepo.objectId(r.openedAt()));
          int updated = Math.max(walk.parseCommit(record._1).getCommitTime(), walk.parseCommit(head).getCommitTime());
          open = open.append(new OpenPullRequest(r.number(), r.head(), r.base(), GitRepo.commitId(head),
              io.vavr.collection.TreeSet.empty(), Instant.ofEpochSecond(updated)));
        }
      }
      return Either.right(open);
    }))));
  }

  /** For pull requests opened before the open-pulls refs existed: reads each. */
  private Either<PortFailure, Option<PromotionPullRequest>> scanForOpen(BranchName head, BranchName base) throws IOException {
    Either<PortFailure, List<io.vavr.Tuple2<ObjectId, Record>>> records = records();
    if (records.isLeft()) {
      return Either.left(records.getLeft());
    }
    for (io.vavr.Tuple2<ObjectId, Record> record : records.get()) {
      Option<PromotionPullRequest> found = open(record._2, head, base);
      if (found.isDefined()) {
        return Either.right(found);
      }
    }
    return Either.right(Option.none());
  }

  private Option<PromotionPullRequest> open(Record r, BranchName head, BranchName base) throws IOException {
    if (r.isOpen() && r.head().equals(head) && r.base().equals(base)) {
      CommitId headNow = git.read(head.refName()).map(GitRepo::commitId).getOrElse(r.openedAt());
      return Option.some(new PromotionPullRequest(r.number(), head, base, headNow, Option.none()));
    }
    return Option.none();
  }

  @Override
  public Either<PortFailure, PullRequestState> state(PullRequestNumber pr) {
    return git.fresh(() -> Failures.guard(() -> load(pr).flatMap(current -> Failures.guard(() -> stateOf(current.record())))));
  }

  @Override
  public Either<PortFailure, CommitId> merge(PullRequestNumber pr, CommitId expectedHead) {
    return Failures.guard(() -> {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        Either<PortFailure, Stored> loaded = freshLoad(pr);
        if (loaded.isLeft()) {
          return Either.left(loaded.getLeft());
        }
        Record record = loaded.get().record();
        switch (record.state()) {
          case "merged":
            return Either.right(record.merge().get());
          case "closed":
            return Failures.fail(Kind.REJECTED, "Pull request " + pr + " is closed; it cannot be merged.");
          default:
            break;
        }
        ObjectId recordId = loaded.get().commit().get();
        Either<PortFailure, ObjectId> headId = git.require(record.head().refName());
        Either<PortFailure, ObjectId> baseId = git.require(record.base().refName());
        if (headId.isLeft()) {
          return Either.left(headId.getLeft());
        }
        if (baseId.isLeft()) {
          return Either.left(baseId.getLeft());
        }
        if (!headId.get().name().equals(expectedHead.hex())) {
          return Failures.fail(Kind.CONFLICT, "The head of pull request " + pr + " moved to "
              + headId.get().abbreviate(7).name() + "; expected " + expectedHead.abbreviated() + ".");
        }
        Either<PortFailure, ObjectId> mergeCommit = mergeCommit(pr, record, headId.get(), baseId.get());
        if (mergeCommit.isLeft()) {
          return Either.left(mergeCommit.getLeft());
        }
        Record merged = record.with("merged", Option.some(GitRepo.commitId(mergeCommit.get())));
        Either<PortFailure, Void> moved = git.atomically("merge pull request " + pr,
            List.of(new RefMove(record.base().refName(), baseId.get(), mergeCommit.get())).appendAll(filed(merged, recordId)));
        if (moved.isRight()) {
          return Either.right(GitRepo.commitId(mergeCommit.get()));
        }
        if (!moved.getLeft().isConflict()) {
          return Either.left(moved.getLeft());
        }
        if (unmoved(record.base().refName(), baseId.get(), ref(pr), recordId)) {
          continue; // only the archive or an open-pulls ref moved (another pull request closed meanwhile): again
        }
        // A concurrent merge of the same pull request is success for both callers; a base branch
        // or a record moved by someone else is theirs to decide.
        Either<PortFailure, Stored> now = freshLoad(pr);
        if (now.isRight() && now.get().record().state().equals("merged")) {
          return Either.right(now.get().record().merge().get());
        }
        return Either.left(moved.getLeft());
      }
      return Failures.fail(Kind.CONFLICT, "Pull request " + pr + " kept changing while being merged; retry.");
    });
  }

  /** The merge commit of {@code head} into {@code base}: {@code head}'s tree when {@code base} is behind it. */
  private Either<PortFailure, ObjectId> mergeCommit(PullRequestNumber pr, Record record, ObjectId headId, ObjectId baseId)
      throws IOException {
    try (ObjectInserter inserter = git.repository.newObjectInserter(); RevWalk walk = new RevWalk(inserter.newReader())) {
      RevCommit head = walk.parseCommit(headId);
      RevCommit base = walk.parseCommit(baseId);
      if (walk.isMergedInto(head, base)) {
        return Failures.fail(Kind.REJECTED, "‘" + record.base() + "’ already contains ‘" + record.head() + "’; nothing to merge.");
      }
      ObjectId tree;
      if (walk.isMergedInto(base, head)) {
        tree = head.getTree();
      } else {
        ThreeWayMerger merger = MergeStrategy.RECURSIVE.newMerger(git.repository, true);
        if (!merger.merge(base, head)) {
          return Failures.fail(Kind.REJECTED, "Pull request " + pr + " conflicts with ‘" + record.base() + "’; it cannot be merged.");
        }
        tree = merger.getResultTreeId();
      }
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      commit.setParentIds(base, head);
      PersonIdent ident = new PersonIdent("Platinur", "platinur", Instant.now(), ZoneOffset.UTC);
      commit.setAuthor(ident);
      commit.setCommitter(ident);
      commit.setEncoding(StandardCharsets.UTF_8);
      commit.setMessage("Merge pull request " + pr + " from " + record.head() + "\n\n" + record.title() + "\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return Either.right(id);
    }
  }

  /** Whether both refs are still where they were read: a lost race was then on another ref of the update. */
  private boolean unmoved(String base, ObjectId baseId, String record, ObjectId recordId) throws IOException {
    return git.refresh().isRight() && git.read(base).contains(baseId) && git.read(record).contains(recordId);
  }

  @Override
  public Either<PortFailure, PullRequestState> close(PullRequestNumber pr) {
    return Failures.guard(() -> {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        Either<PortFailure, Stored> loaded = freshLoad(pr);
        if (loaded.isLeft()) {
          return Either.left(loaded.getLeft());
        }
        Record record = loaded.get().record();
        if (!record.isOpen()) {
          return stateOf(record);
        }
        Either<PortFailure, Void> moved = git.atomically("close pull request " + pr,
            filed(record.with("closed", Option.none()), loaded.get().commit().get()));
        if (moved.isRight()) {
          return Either.right(new PullRequestState.ClosedUnmerged());
        }
        if (!moved.getLeft().isConflict()) {
          return Either.left(moved.getLeft());
        }
      }
      return Failures.fail(Kind.CONFLICT, "Pull request " + pr + " kept changing while being closed; retry.");
    });
  }

  // ---- records ----------------------------------------------------------------------------------

  private Either<PortFailure, PullRequestState> stateOf(Record record) throws IOException {
    return switch (record.state()) {
      case "merged" -> Either.right(new PullRequestState.Merged(record.merge().get()));
      case "closed" -> Either.right(new PullRequestState.ClosedUnmerged());
      default -> Either.right(new PullRequestState.Open(
          git.read(record.head().refName()).map(GitRepo::commitId).getOrElse(record.openedAt())));
    };
  }

  /** {@link #load} after a fetch from the remote, if any. */
  private Either<PortFailure, Stored> freshLoad(PullRequestNumber pr) throws IOException {
    Either<PortFailure, Void> fetched = git.refresh();
    return fetched.isLeft() ? Either.left(fetched.getLeft()) : load(pr);
  }

  /** Pull request {@code pr}: by its ref while it has one, else from its bucket of the archive (nothing else is read). */
  private Either<PortFailure, Stored> load(PullRequestNumber pr) throws IOException {
    Option<ObjectId> id = git.read(ref(pr));
    if (id.isDefined()) {
      return read(id.get()).map(record -> new Stored(id, record));
    }
    Option<ObjectId> archive = git.read(CLOSED);
    if (archive.isDefined()) {
      try (ObjectReader reader = git.repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
        RevCommit commit = walk.parseCommit(archive.get());
        try (TreeWalk entry = TreeWalk.forPath(reader, archivePath(pr), commit.getTree())) {
          if (entry != null) {
            String where = "Archived pull request " + pr + " (" + commit.abbreviate(7).name() + ")";
            return parse(new String(reader.open(entry.getObjectId(0), Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8), where)
                .map(record -> new Stored(Option.none(), record));
          }
        }
      }
    }
    return Failures.fail(Kind.NOT_FOUND, "Pull request " + pr + " does not exist.");
  }

  /**
   * The ref moves that file {@code record} (merged or closed) into the archive: the archive moves to
   * a new commit whose tree has the record at {@code <bucket>/<n>}, the pull request's ref (at
   * {@code recordCommit}) and its open-pulls ref are deleted. Records a repository kept under
   * {@code pulls/<n>} refs before the archive existed are filed along, their refs deleted too.
   */
  private List<RefMove> filed(Record record, ObjectId recordCommit) throws IOException {
    java.util.SortedMap<String, TreeRewriter.Edit> edits = new java.util.TreeMap<>();
    List<RefMove> moves = List.of(new RefMove(ref(record.number()), recordCommit, ObjectId.zeroId()));
    try (ObjectInserter inserter = git.repository.newObjectInserter(); ObjectReader reader = inserter.newReader()) {
      edits.put(archivePath(record.number()), TreeRewriter.Edit.write(inserter.insert(Constants.OBJ_BLOB, encode(record))));
      for (Ref legacy : git.repository.getRefDatabase().getRefsByPrefix(PULLS)) {
        Option<PullRequestNumber> number = numberOf(legacy.getName());
        if (legacy.getObjectId() == null || number.isEmpty() || number.get().equals(record.number())) {
          continue;
        }
        Either<PortFailure, Record> old = read(legacy.getObjectId());
        // an unreadable record stays where it is, for a person to look at
        if (old.isRight() && !old.get().isOpen() && old.get().number().equals(number.get())) {
          edits.put(archivePath(number.get()), TreeRewriter.Edit.write(inserter.insert(Constants.OBJ_BLOB, encode(old.get()))));
          moves = moves.append(new RefMove(legacy.getName(), legacy.getObjectId(), ObjectId.zeroId()));
        }
      }
      Option<ObjectId> archive = git.read(CLOSED);
      ObjectId tree;
      try (RevWalk walk = new RevWalk(reader)) {
        tree = new TreeRewriter(reader, inserter).rewrite(archive.isEmpty() ? null : walk.parseCommit(archive.get()).getTree(), edits);
      } catch (TreeRewriter.Refused e) {
        throw new IOException("The pull request archive " + CLOSED + " is damaged: " + e.getMessage(), e);
      }
      ObjectId next = insertRecordCommit(inserter, tree, archive, record);
      inserter.flush();
      return moves.append(new RefMove(CLOSED, archive.getOrElse(ObjectId.zeroId()), next)).appendAll(closeIndex(record));
    }
  }

  /** Where the archive keeps pull request {@code pr}: bucket {@code n} modulo 256 (two hex digits), file {@code n}. */
  static String archivePath(PullRequestNumber pr) {
    return String.format("%02x/%d", pr.value() % 256, pr.value());
  }

  /** Every number in the archive: read whole, only when {@code pulls-last} is missing. */
  private List<Long> archivedNumbers() throws IOException {
    Option<ObjectId> archive = git.read(CLOSED);
    List<Long> out = List.empty();
    if (archive.isEmpty()) {
      return out;
    }
    try (ObjectReader reader = git.repository.newObjectReader(); RevWalk walk = new RevWalk(reader);
        TreeWalk tree = new TreeWalk(reader)) {
      tree.addTree(walk.parseCommit(archive.get()).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        String name = tree.getNameString();
        if (name.matches("[1-9][0-9]{0,17}")) {
          out = out.prepend(Long.parseLong(name));
        }
      }
    }
    return out;
  }

  /** Every pull request's record (with its record commit), in number order. */
  private Either<PortFailure, List<io.vavr.Tuple2<ObjectId, Record>>> records() throws IOException {
    List<io.vavr.Tuple2<ObjectId, Record>> out = List.empty();
    for (Long n : numbers().sorted()) {
      Option<ObjectId> id = git.read(ref(PullRequestNumber.of(n)));
      if (id.isEmpty()) {
        continue;
      }
      Either<PortFailure, Record> record = read(id.get());
      if (record.isLeft()) {
        return Either.left(record.getLeft());
      }
      out = out.append(new io.vavr.Tuple2<>(id.get(), record.get()));
    }
    return Either.right(out);
  }

  private List<Long> numbers() throws IOException {
    List<Long> out = List.empty();
    for (Ref ref : git.repository.getRefDatabase().getRefsByPrefix(PULLS)) {
      Option<PullRequestNumber> number = numberOf(ref.getName());
      if (number.isDefined()) {
        out = out.prepend(number.get().value());
      }
    }
    return out;
  }

  private static Option<PullRequestNumber> numberOf(String refName) {
    String tail = refName.substring(PULLS.length());
    return tail.matches("[1-9][0-9]{0,17}") ? Option.some(PullRequestNumber.of(Long.parseLong(tail))) : Option.none();
  }

  private static String ref(PullRequestNumber pr) {
    return PULLS + pr.value();
  }

  /** The ref naming the open pull request from {@code head} into {@code base}; {@code /} and {@code %} escaped. */
  static String openRef(BranchName head, BranchName base) {
    return OPEN + escapeRefPart(head.name()) + "/" + escapeRefPart(base.name());
  }

  private static String escapeRefPart(String name) {
    return name.replace("%", "%25").replace("/", "%2F");
  }

  /** Deletes the open-pulls ref of {@code record}'s branches, when it names this pull request. */
  private Option<RefMove> closeIndex(Record record) throws IOException {
    String name = openRef(record.head(), record.base());
    Option<ObjectId> index = git.read(name);
    if (index.isEmpty()) {
      return Option.none();
    }
    Either<PortFailure, Record> opened = read(index.get());
    return opened.isRight() && opened.get().number().equals(record.number())
        ? Option.some(new RefMove(name, index.get(), ObjectId.zeroId()))
        : Option.none();
  }

  private ObjectId write(Record record, Option<ObjectId> previous) throws IOException {
    try (ObjectInserter inserter = git.repository.newObjectInserter()) {
      ObjectId blob = inserter.insert(Constants.OBJ_BLOB, encode(record));
      TreeFormatter tree = new TreeFormatter();
      tree.append(RECORD_FILE, FileMode.REGULAR_FILE, blob);
      ObjectId id = insertRecordCommit(inserter, inserter.insert(tree), previous, record);
      inserter.flush();
      return id;
    }
  }

  /** A commit of a record's tree (its {@code pull} file, or the archive), saying what became of the pull request. */
  private static ObjectId insertRecordCommit(ObjectInserter inserter, ObjectId tree, Option<ObjectId> parent, Record record)
      throws IOException {
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    parent.forEach(commit::setParentId);
    PersonIdent ident = new PersonIdent("Platinur", "platinur", Instant.now(), ZoneOffset.UTC);
    commit.setAuthor(ident);
    commit.setCommitter(ident);
    commit.setEncoding(StandardCharsets.UTF_8);
    commit.setMessage("Pull request " + record.number() + ": " + record.state() + "\n");
    return inserter.insert(commit);
  }

  /** A record as the text of its {@code pull} file (and of its file in the archive). */
  private static byte[] encode(Record record) {
    StringBuilder text = new StringBuilder(FORMAT).append('\n');
    text.append("number\t").append(record.number().value()).append('\n');
    text.append("head\t").append(LaneCodec.escape(record.head().name())).append('\n');
    text.append("base\t").append(LaneCodec.escape(record.base().name())).append('\n');
    text.append("state\t").append(record.state()).append('\n');
    record.merge().forEach(m -> text.append("merge\t").append(m.hex()).append('\n'));
    text.append("opened-at\t").append(record.openedAt().hex()).append('\n');
    text.append("title\t").append(LaneCodec.escape(record.title())).append('\n');
    text.append("body\t").append(LaneCodec.escape(record.body())).append('\n');
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private Either<PortFailure, Record> read(ObjectId recordCommit) throws IOException {
    try (ObjectReader reader = git.repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
      RevCommit commit = walk.parseCommit(recordCommit);
      try (TreeWalk tree = TreeWalk.forPath(reader, RECORD_FILE, commit.getTree())) {
        if (tree == null) {
          return Failures.fail(Kind.REPOSITORY_DAMAGED, "Pull request record " + commit.abbreviate(7).name() + " has no ‘pull’ file.");
        }
        String text = new String(reader.open(tree.getObjectId(0), Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
        return parse(text, "Pull request record " + commit.abbreviate(7).name());
      }
    }
  }

  private static Either<PortFailure, Record> parse(String text, String where) {
    java.util.Map<String, String> fields = new java.util.HashMap<>();
    String[] lines = text.split("\n");
    if (lines.length == 0 || !lines[0].equals(FORMAT)) {
      return Failures.fail(Kind.REPOSITORY_DAMAGED, where + " is not in format ‘" + FORMAT + "’.");
    }
    for (int i = 1; i < lines.length; i++) {
      int tab = lines[i].indexOf('\t');
      if (tab > 0) {
        fields.put(lines[i].substring(0, tab), LaneCodec.unescape(lines[i].substring(tab + 1)));
      }
    }
    try {
      return Either.right(new Record(
          PullRequestNumber.of(Long.parseLong(fields.get("number"))),
          BranchName.of(fields.get("head")),
          BranchName.of(fields.get("base")),
          java.util.Objects.requireNonNull(fields.get("state")),
          Option.of(fields.get("merge")).map(CommitId::of),
          CommitId.of(fields.get("opened-at")),
          java.util.Objects.requireNonNull(fields.get("title")),
          java.util.Objects.requireNonNull(fields.get("body"))));
    } catch (RuntimeException e) {
      return Failures.fail(Kind.REPOSITORY_DAMAGED, where + " is malformed.");
    }
  }
}
