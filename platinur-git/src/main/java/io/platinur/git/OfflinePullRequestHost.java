package io.platinur.git;

import io.platinur.domain.lock.PromotionPullRequest;
import io.platinur.domain.lock.PullRequestNumber;
import io.platinur.domain.lock.PullRequestState;
import io.platinur.domain.preview.OpenPullRequest;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.OpenPullRequests;
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
 * Pull requests on plain Git, so the whole promotion lifecycle runs without a forge. Pull request
 * {@code n} is a ref {@code refs/platinur/pulls/<n>} pointing at a chain of record commits (file
 * {@code pull}: head and base branch, state, merge commit, title, body). Merging writes a merge
 * commit of the head branch into the base branch and moves the base branch and the record in one
 * atomic compare-and-swap; closing moves only the record. Numbers are taken by creating the next
 * free ref, so two machines opening at once get one pull request between them.
 *
 * <p>Nothing here reads every pull request: an open pull request is also named by
 * {@code refs/platinur/open-pulls/<head>/<base>} (created with it, deleted in the same atomic update
 * that merges or closes it, so there is at most one per pair of branches), and
 * {@code refs/platinur/pulls-last} points at the newest one, whose number the next takes. A
 * repository whose pull requests predate these refs is scanned once, until the next pull request
 * is opened.
 *
 * <p>For previews, {@link #listOpen} reads every record and lists the open pull requests: each at its head branch's tip, updated when its
 * record or its head last changed (the later commit time). Offline pull requests carry no labels.
 */
final class OfflinePullRequestHost implements PullRequestHost, OpenPullRequests {
  static final String PULLS = "refs/platinur/pulls/";
  static final String OPEN = "refs/platinur/open-pulls/";
  static final String LAST = "refs/platinur/pulls-last";
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
  }

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
          lastNumber = numbers().max().getOrElse(0L);
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
      Either<PortFailure, io.vavr.Tuple2<ObjectId, Record>> current = load(opened.get().number());
      if (current.isLeft()) {
        return Either.left(current.getLeft());
      }
      return Either.right(open(current.get()._2, head, base));
    }));
  }

  @Override
  public Either<PortFailure, io.vavr.collection.Seq<OpenPullRequest>> listOpen() {
    return git.fresh(() -> Failures.guard(() -> records().flatMap(records -> Failures.guard(() -> {
      List<OpenPullRequest> open = List.empty();
      try (RevWalk walk = new RevWalk(git.repository)) {
        for (io.vavr.Tuple2<ObjectId, Record> record : records.filter(r -> r._2.state().equals("open"))) {
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
    if (r.state().equals("open") && r.head().equals(head) && r.base().equals(base)) {
      CommitId headNow = git.read(head.refName()).map(GitRepo::commitId).getOrElse(r.openedAt());
      return Option.some(new PromotionPullRequest(r.number(), head, base, headNow, Option.none()));
    }
    return Option.none();
  }

  @Override
  public Either<PortFailure, PullRequestState> state(PullRequestNumber pr) {
    return git.fresh(() -> Failures.guard(() -> load(pr).flatMap(current -> Failures.guard(() -> stateOf(current._2)))));
  }

  @Override
  public Either<PortFailure, CommitId> merge(PullRequestNumber pr, CommitId expectedHead) {
    return git.fresh(() -> Failures.guard(() -> {
      Either<PortFailure, io.vavr.Tuple2<ObjectId, Record>> loaded = load(pr);
      if (loaded.isLeft()) {
        return Either.left(loaded.getLeft());
      }
      ObjectId recordId = loaded.get()._1;
      Record record = loaded.get()._2;
      switch (record.state()) {
        case "merged":
          return Either.right(record.merge().get());
        case "closed":
          return Failures.fail(Kind.REJECTED, "Pull request " + pr + " is closed; it cannot be merged.");
        default:
          break;
      }
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
      ObjectId mergeCommit;
      try (ObjectInserter inserter = git.repository.newObjectInserter(); RevWalk walk = new RevWalk(inserter.newReader())) {
        RevCommit head = walk.parseCommit(headId.get());
        RevCommit base = walk.parseCommit(baseId.get());
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
        mergeCommit = inserter.insert(commit);
        inserter.flush();
      }
      Record merged = record.with("merged", Option.some(GitRepo.commitId(mergeCommit)));
      ObjectId nextRecord = write(merged, Option.some(recordId));
      Either<PortFailure, Void> moved = git.atomically("merge pull request " + pr, List.of(
          new RefMove(record.base().refName(), baseId.get(), mergeCommit),
          new RefMove(ref(pr), recordId, nextRecord)).appendAll(closeIndex(record)));
      if (moved.isLeft() && moved.getLeft().isConflict()) {
        // A concurrent merge of the same pull request is success for both callers.
        git.refresh();
        Either<PortFailure, io.vavr.Tuple2<ObjectId, Record>> again = load(pr);
        if (again.isRight() && again.get()._2.state().equals("merged")) {
          return Either.right(again.get()._2.merge().get());
        }
      }
      return moved.map(done -> GitRepo.commitId(mergeCommit));
    }));
  }

  @Override
  public Either<PortFailure, PullRequestState> close(PullRequestNumber pr) {
    return Failures.guard(() -> {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        Either<PortFailure, Void> fetched = git.refresh();
        if (fetched.isLeft()) {
          return Either.left(fetched.getLeft());
        }
        Either<PortFailure, io.vavr.Tuple2<ObjectId, Record>> loaded = load(pr);
        if (loaded.isLeft()) {
          return Either.left(loaded.getLeft());
        }
        Record record = loaded.get()._2;
        if (!record.state().equals("open")) {
          return stateOf(record);
        }
        ObjectId next = write(record.with("closed", Option.none()), Option.some(loaded.get()._1));
        Either<PortFailure, Void> moved = git.atomically("close pull request " + pr,
            List.of(new RefMove(ref(pr), loaded.get()._1, next)).appendAll(closeIndex(record)));
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

  private Either<PortFailure, io.vavr.Tuple2<ObjectId, Record>> load(PullRequestNumber pr) throws IOException {
    Option<ObjectId> id = git.read(ref(pr));
    if (id.isEmpty()) {
      return Failures.fail(Kind.NOT_FOUND, "Pull request " + pr + " does not exist.");
    }
    return read(id.get()).map(record -> new io.vavr.Tuple2<>(id.get(), record));
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
      String tail = ref.getName().substring(PULLS.length());
      if (tail.matches("[1-9][0-9]{0,17}")) {
        out = out.prepend(Long.parseLong(tail));
      }
    }
    return out;
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
    StringBuilder text = new StringBuilder(FORMAT).append('\n');
    text.append("number\t").append(record.number().value()).append('\n');
    text.append("head\t").append(LaneCodec.escape(record.head().name())).append('\n');
    text.append("base\t").append(LaneCodec.escape(record.base().name())).append('\n');
    text.append("state\t").append(record.state()).append('\n');
    record.merge().forEach(m -> text.append("merge\t").append(m.hex()).append('\n'));
    text.append("opened-at\t").append(record.openedAt().hex()).append('\n');
    text.append("title\t").append(LaneCodec.escape(record.title())).append('\n');
    text.append("body\t").append(LaneCodec.escape(record.body())).append('\n');
    try (ObjectInserter inserter = git.repository.newObjectInserter()) {
      ObjectId blob = inserter.insert(Constants.OBJ_BLOB, text.toString().getBytes(StandardCharsets.UTF_8));
      TreeFormatter tree = new TreeFormatter();
      tree.append(RECORD_FILE, FileMode.REGULAR_FILE, blob);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(inserter.insert(tree));
      previous.forEach(commit::setParentId);
      PersonIdent ident = new PersonIdent("Platinur", "platinur", Instant.now(), ZoneOffset.UTC);
      commit.setAuthor(ident);
      commit.setCommitter(ident);
      commit.setEncoding(StandardCharsets.UTF_8);
      commit.setMessage("Pull request " + record.number() + ": " + record.state() + "\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id;
    }
  }

  private Either<PortFailure, Record> read(ObjectId recordCommit) throws IOException {
    try (ObjectReader reader = git.repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
      RevCommit commit = walk.parseCommit(recordCommit);
      try (TreeWalk tree = TreeWalk.forPath(reader, RECORD_FILE, commit.getTree())) {
        if (tree == null) {
          return Failures.fail(Kind.REPOSITORY_DAMAGED, "Pull request record " + commit.abbreviate(7).name() + " has no ‘pull’ file.");
        }
        String text = new String(reader.open(tree.getObjectId(0), Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
        java.util.Map<String, String> fields = new java.util.HashMap<>();
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].equals(FORMAT)) {
          return Failures.fail(Kind.REPOSITORY_DAMAGED, "Pull request record " + commit.abbreviate(7).name() + " is not in format ‘" + FORMAT + "’.");
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
          return Failures.fail(Kind.REPOSITORY_DAMAGED, "Pull request record " + commit.abbreviate(7).name() + " is malformed.");
        }
      }
    }
  }
}
