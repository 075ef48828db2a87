package io.platinur.git;

import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotions;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackReason;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The latest promotion of every target in its own ref, {@code refs/platinur/digest-promotions}: a
 * chain of commits, one per save, whose tree holds file {@code promotions}, one line per target.
 * The version is the commit id; a save moves the ref by compare-and-swap from it.
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
        return decode(text).map(promotions -> Option.some(new Stored(head.get().name(), promotions)));
      }
    }));
  }

  @Override
  public Either<PortFailure, Stored> save(Option<String> expected, DigestPromotions next) {
    return git.fresh(() -> Failures.guard(() -> {
      Option<ObjectId> current = git.read(REF);
      if (!current.map(ObjectId::name).equals(expected)) {
        return Failures.fail(Kind.CONFLICT, "The digest promotions changed since they were read; read them again.");
      }
      ObjectId commit;
      try (ObjectInserter inserter = git.repository.newObjectInserter()) {
        TreeFormatter tree = new TreeFormatter();
        tree.append(FILE, FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, encode(next).getBytes(StandardCharsets.UTF_8)));
        CommitBuilder builder = new CommitBuilder();
        builder.setTreeId(inserter.insert(tree));
        current.forEach(builder::setParentId);
        PersonIdent ident = new PersonIdent("Platinur", "platinur", Instant.now(), ZoneOffset.UTC);
        builder.setAuthor(ident);
        builder.setCommitter(ident);
        builder.setEncoding(StandardCharsets.UTF_8);
        builder.setMessage("Digest promotions\n");
        commit = inserter.insert(builder);
        inserter.flush();
      }
      return git.atomically("save digest promotions", List.of(new RefMove(REF, current.getOrElse(ObjectId.zeroId()), commit)))
          .map(done -> new Stored(commit.name(), next));
    }));
  }

  /** The promotions a commit of {@link #REF} holds; {@code REPOSITORY_DAMAGED} when they do not parse. */
  static Either<PortFailure, DigestPromotions> stateAt(org.eclipse.jgit.lib.Repository repository, org.eclipse.jgit.revwalk.RevCommit commit)
      throws java.io.IOException {
    try (TreeWalk tree = TreeWalk.forPath(repository, FILE, commit.getTree())) {
      if (tree == null) {
        return Failures.fail(Kind.REPOSITORY_DAMAGED, REF + " holds no " + FILE + " file.");
      }
      return decode(new String(repository.open(tree.getObjectId(0)).getCachedBytes(), StandardCharsets.UTF_8));
    }
  }

  // ---- the text form: one tab-separated line per target ---------------------------------------

  static String encode(DigestPromotions promotions) {
    StringBuilder text = new StringBuilder();
    for (DigestPromotion promotion : promotions.latest().values()) {
      Promotion p = promotion.promotion();
      String common = String.join("\t", p.target().service().value(), p.target().environment().value(), p.from().value(),
          p.digest().value(), p.previous().map(ImageDigest::value).getOrElse("-"));
      text.append(promotion.<String>fold(
          proposed -> "proposed\t" + common,
          open -> "open\t" + common + "\t" + open.pr().value(),
          merged -> "merged\t" + common + "\t" + merged.pr().value() + "\t" + merged.mergeCommit(),
          canary -> "canary\t" + common + "\t" + canary.pr().value() + "\t" + canary.mergeCommit() + "\t" + canary.startedAt(),
          promoted -> "promoted\t" + common + "\t" + promoted.pr().value() + "\t" + promoted.mergeCommit(),
          withdrawn -> "withdrawn\t" + common + "\t" + withdrawn.pr().value(),
          rolling -> "rolling-back\t" + common + "\t" + rolling.pr().value() + "\t" + rolling.mergeCommit() + "\t"
              + rolling.revertPr().value() + "\t" + rolling.reason(),
          rolled -> "rolled-back\t" + common + "\t" + rolled.pr().value() + "\t" + rolled.mergeCommit() + "\t"
              + rolled.revertPr().value() + "\t" + rolled.reason() + "\t" + rolled.revertCommit()));
      text.append('\n');
    }
    return text.toString();
  }

  static Either<PortFailure, DigestPromotions> decode(String text) {
    return Try.of(() -> DigestPromotions.restore(List.of(text.split("\n")).filter(line -> !line.isEmpty()).map(GitDigestPromotionStore::line)))
        .toEither()
        .mapLeft(error -> PortFailure.of(Kind.REPOSITORY_DAMAGED, REF + " does not hold readable digest promotions."));
  }

  private static DigestPromotion line(String line) {
    String[] f = line.split("\t", -1);
    Promotion p = new Promotion(new PromotionTarget(ServiceName.of(f[1]), EnvironmentName.of(f[2])), EnvironmentName.of(f[3]),
        ImageDigest.of(f[4]), f[5].equals("-") ? Option.none() : Option.some(ImageDigest.of(f[5])));
    switch (f[0]) {
      case "proposed":
        return new DigestPromotion.Proposed(p);
      case "open":
        return new DigestPromotion.PrOpen(p, pr(f[6]));
      case "merged":
        return new DigestPromotion.Merged(p, pr(f[6]), CommitId.of(f[7]));
      case "canary":
        return new DigestPromotion.Canary(p, pr(f[6]), CommitId.of(f[7]), Instant.parse(f[8]));
      case "promoted":
        return new DigestPromotion.Promoted(p, pr(f[6]), CommitId.of(f[7]));
      case "withdrawn":
        return new DigestPromotion.Withdrawn(p, pr(f[6]));
      case "rolling-back":
        return new DigestPromotion.RollingBack(p, pr(f[6]), CommitId.of(f[7]), pr(f[8]), RollbackReason.valueOf(f[9]));
      case "rolled-back":
        return new DigestPromotion.RolledBack(p, pr(f[6]), CommitId.of(f[7]), pr(f[8]), RollbackReason.valueOf(f[9]), CommitId.of(f[10]));
      default:
        throw new IllegalArgumentException("unknown state " + f[0]);
    }
  }

  private static PullRequestNumber pr(String text) {
    return PullRequestNumber.of(Long.parseLong(text));
  }
}
