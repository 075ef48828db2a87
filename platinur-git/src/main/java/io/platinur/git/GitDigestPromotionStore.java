package io.platinur.git;

import io.platinur.domain.Actor;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotionEvent;
import io.platinur.port.AuditEntry;
import io.platinur.port.DigestPromotionChange;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The latest promotion of every target in its own ref, {@code refs/platinur/digest-promotions}: a
 * chain of commits, one per save, whose tree holds file {@code promotions}, one line per target,
 * and whose message records the change: its audit entry and its events ({@link DigestCodec}). The
 * version is the commit id; a save moves the ref by compare-and-swap from it. The chain is the
 * history, read a page at a time.
 */
final class GitDigestPromotionStore implements DigestPromotionStore {
  static final String REF = "refs/platinur/digest-promotions";
  private static final String FILE = "promotions";

  private final GitRepo git;

  GitDigestPromotionStore(GitRepo git) {
    this.git = git;
  }

  @Override
  public Either<PortFailure, Option<Stored>> load() {
    return git.fresh(() -> Failures.guard(() -> {
      Option<ObjectId> head = git.read(REF);
      if (head.isEmpty()) {
        return Either.right(Option.none());
      }
      try (RevWalk walk = new RevWalk(git.repository);
          TreeWalk tree = TreeWalk.forPath(git.repository, FILE, walk.parseCommit(head.get()).getTree())) {
        if (tree == null) {
          return Failures.fail(Kind.REPOSITORY_DAMAGED, REF + " holds no " + FILE + " file.");
        }
        String text = new String(git.repository.open(tree.getObjectId(0)).getCachedBytes(), StandardCharsets.UTF_8);
        return Either.right(Option.some(new Stored(head.get().name(), DigestCodec.decode(text))));
      } catch (LaneCodec.Unreadable e) {
        return Failures.fail(Kind.REPOSITORY_DAMAGED, REF + " does not hold readable digest promotions.");
      }
    }));
  }

  @Override
  public Either<PortFailure, Stored> save(
      Option<String> expected, Seq<DigestPromotion> latest, Seq<DigestPromotionEvent> events, AuditEntry audit) {
    Seq<DigestPromotion> sorted = latest.toList().sortBy(DigestPromotion::target);
    return git.fresh(() -> Failures.guard(() -> {
      Option<ObjectId> current = git.read(REF);
      if (!current.map(ObjectId::name).equals(expected)) {
        return Failures.fail(Kind.CONFLICT, "The digest promotions changed since they were read; read them again.");
      }
      ObjectId commit;
      try (ObjectInserter inserter = git.repository.newObjectInserter()) {
        TreeFormatter tree = new TreeFormatter();
        tree.append(FILE, FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, DigestCodec.encode(sorted).getBytes(StandardCharsets.UTF_8)));
        CommitBuilder builder = new CommitBuilder();
        builder.setTreeId(inserter.insert(tree));
        current.forEach(builder::setParentId);
        PersonIdent ident = new PersonIdent("Platinur", "platinur", audit.at(), ZoneOffset.UTC);
        builder.setAuthor(ident);
        builder.setCommitter(ident);
        builder.setEncoding(StandardCharsets.UTF_8);
        builder.setMessage(subject(audit) + "\n\n" + DigestCodec.encodeChange(events, audit));
        commit = inserter.insert(builder);
        inserter.flush();
      }
      return git.atomically("save digest promotions", List.of(new RefMove(REF, current.getOrElse(ObjectId.zeroId()), commit)))
          .map(done -> new Stored(commit.name(), sorted));
    }));
  }

  /** The promotions a commit of {@link #REF} holds; {@code REPOSITORY_DAMAGED} when they do not parse. */
  static Either<PortFailure, Seq<DigestPromotion>> stateAt(org.eclipse.jgit.lib.Repository repository, RevCommit commit) throws IOException {
    try (TreeWalk tree = TreeWalk.forPath(repository, FILE, commit.getTree())) {
      if (tree == null) {
        return Failures.fail(Kind.REPOSITORY_DAMAGED, REF + " holds no " + FILE + " file.");
      }
      try {
        return Either.right(DigestCodec.decode(new String(repository.open(tree.getObjectId(0)).getCachedBytes(), StandardCharsets.UTF_8)));
      } catch (LaneCodec.Unreadable e) {
        return Failures.fail(Kind.REPOSITORY_DAMAGED, REF + " does not hold readable digest promotions.");
      }
    }
  }

  /** Walks the chain back from the change before {@code before} (or the newest): only the page is read. */
  @Override
  public Either<PortFailure, Seq<DigestPromotionChange>> history(Option<String> before, int limit) {
    if (limit < 1) {
      return Either.left(DigestPromotionStore.pageTooSmall(limit));
    }
    return git.fresh(() -> Failures.guard(() -> {
      try (RevWalk walk = new RevWalk(git.repository)) {
        Option<RevCommit> start;
        if (before.isEmpty()) {
          Option<ObjectId> head = git.read(REF);
          start = head.isEmpty() ? Option.none() : Option.some(walk.parseCommit(head.get()));
        } else {
          Option<RevCommit> from = stateCommit(walk, before.get());
          if (from.isEmpty()) {
            return Either.left(DigestPromotionStore.noSuchChange(before.get()));
          }
          start = parent(walk, from.get());
        }
        Vector<DigestPromotionChange> page = Vector.empty();
        for (Option<RevCommit> at = start; at.isDefined() && page.size() < limit; at = parent(walk, at.get())) {
          Either<PortFailure, DigestPromotionChange> change = change(at.get());
          if (change.isLeft()) {
            return Either.left(change.getLeft());
          }
          page = page.append(change.get());
        }
        return Either.right(page);
      }
    }));
  }

  private static Option<RevCommit> parent(RevWalk walk, RevCommit commit) throws IOException {
    return commit.getParentCount() == 0 ? Option.none() : Option.some(walk.parseCommit(commit.getParent(0)));
  }

  /** The commit {@code version} names, when it is one of the chain: reachable from the ref. */
  private Option<RevCommit> stateCommit(RevWalk walk, String version) throws IOException {
    Option<ObjectId> head = git.read(REF);
    if (head.isEmpty() || !ObjectId.isId(version) || !walk.getObjectReader().has(ObjectId.fromString(version))) {
      return Option.none();
    }
    try {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(version));
      return walk.isMergedInto(commit, walk.parseCommit(head.get())) ? Option.some(commit) : Option.none();
    } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
      return Option.none();
    }
  }

  /**
   * The change one state commit records. A commit saved before changes were recorded (its message
   * only {@code Digest promotions}) names no events; its audit entry is its author and time.
   */
  private static Either<PortFailure, DigestPromotionChange> change(RevCommit commit) {
    String message = commit.getFullMessage();
    int body = message.indexOf("\n\n");
    if (body < 0 || !message.substring(body + 2).startsWith(DigestCodec.CHANGE_FORMAT)) {
      PersonIdent author = commit.getAuthorIdent();
      return Either.right(new DigestPromotionChange(commit.name(), List.empty(),
          new AuditEntry(Actor.of(author.getName()), author.getWhenAsInstant(), message.strip())));
    }
    try {
      DigestCodec.Change change = DigestCodec.decodeChange(message.substring(body + 2));
      return Either.right(new DigestPromotionChange(commit.name(), change.events(), change.audit()));
    } catch (LaneCodec.Unreadable e) {
      return Failures.fail(Kind.REPOSITORY_DAMAGED, "Digest promotion history entry " + commit.abbreviate(7).name() + ": " + e.getMessage());
    }
  }

  private static String subject(AuditEntry audit) {
    String action = audit.action().replaceAll("\\s+", " ").strip();
    if (action.length() > 100) {
      action = action.substring(0, 100) + "…";
    }
    return "Digest promotions: " + (action.isEmpty() ? "update" : action);
  }
}
