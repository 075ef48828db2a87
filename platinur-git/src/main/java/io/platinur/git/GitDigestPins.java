package io.platinur.git;

import io.platinur.domain.digest.DigestDeployment;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinFileProblem;
import io.platinur.domain.digest.PinKey;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.PromotionDiff;
import io.platinur.domain.digest.RollbackPlan;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.DigestDeployments;
import io.platinur.port.PinBranches;
import io.platinur.port.PinSnapshot;
import io.platinur.port.PinnedDigests;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Pins in a GitOps repository: read from the values files the {@link PinLayout} places on the
 * GitOps branch; promotion and rollback branches written by {@link GitPinBranches}; and deployment
 * statuses read from the branch's own history, for hosts without a deployment API: a GitOps branch
 * is what runs, so a pin counts as deployed healthy from the time of the commit that set it.
 */
final class GitDigestPins implements PinnedDigests, PinBranches, DigestDeployments {
  /** How far back the history-based deployment statuses look. */
  private static final int HISTORY_LIMIT = 500;

  private final GitRepo git;
  private final BranchName gitops;
  private final PinLayout layout;
  private final Pattern pinPaths;
  private final GitPinBranches branches;

  GitDigestPins(GitRepo git, BranchName gitops, PinLayout layout) {
    this.git = git;
    this.gitops = gitops;
    this.layout = layout;
    this.branches = new GitPinBranches(git, layout);
    String name = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    StringBuilder regex = new StringBuilder();
    for (String part : layout.pathTemplate().split("(?=\\{env\\}|\\{service\\})|(?<=\\{env\\}|\\{service\\})")) {
      regex.append(part.equals(PinLayout.ENV) ? "(?<env>" + name + ")"
          : part.equals(PinLayout.SERVICE) ? "(?<service>" + name + ")"
          : Pattern.quote(part));
    }
    this.pinPaths = Pattern.compile(regex.toString());
  }

  // ---- reading pins -------------------------------------------------------------------------

  @Override
  public Either<PortFailure, PinSnapshot> current() {
    return git.fresh(() -> Failures.guard(() -> {
      Either<PortFailure, ObjectId> head = git.require(gitops.refName());
      return head.isLeft() ? Either.left(head.getLeft()) : pinsAt(head.get());
    }));
  }

  @Override
  public Either<PortFailure, PinSnapshot> at(CommitId commit) {
    return git.fresh(() -> Failures.guard(() -> {
      Either<PortFailure, ObjectId> known = git.known(commit);
      return known.isLeft() ? Either.left(known.getLeft()) : pinsAt(known.get());
    }));
  }

  private Either<PortFailure, PinSnapshot> pinsAt(ObjectId commit) throws IOException {
    Pins pins = Pins.none();
    Seq<PinFileProblem> problems = List.empty();
    try (RevWalk walk = new RevWalk(git.repository); TreeWalk tree = new TreeWalk(git.repository)) {
      tree.addTree(walk.parseCommit(commit).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        Matcher matcher = pinPaths.matcher(tree.getPathString());
        if (!matcher.matches()) {
          continue;
        }
        EnvironmentName env = EnvironmentName.of(matcher.group("env"));
        ServiceName service = ServiceName.of(matcher.group("service"));
        RepoPath file = RepoPath.of(tree.getPathString());
        byte[] content = git.repository.open(tree.getObjectId(0)).getCachedBytes(16 * 1024 * 1024);
        Either<PinFileProblem, ImageDigest> pin = readPin(file, content);
        if (pin.isRight()) {
          pins = pins.with(env, service, pin.get());
        } else {
          problems = problems.append(pin.getLeft());
        }
      }
    }
    return Either.right(new PinSnapshot(GitRepo.commitId(commit), pins, problems));
  }

  private Either<PinFileProblem, ImageDigest> readPin(RepoPath file, byte[] content) {
    PinKey key = layout.key();
    return YamlScalarEditor.read(file, content, key).flatMap(text -> ImageDigest.parse(text).toEither()
        .<PinFileProblem>mapLeft(problem -> new PinFileProblem.NotADigest(file, key, problem)));
  }

  @Override
  public Either<PortFailure, PromotionDiff> diff(CommitId head, RepoPath pinFile, PinKey key) {
    return git.fresh(() -> Failures.guard(() -> {
      Either<PortFailure, ObjectId> main = git.require(gitops.refName());
      if (main.isLeft()) {
        return Either.left(main.getLeft());
      }
      Either<PortFailure, ObjectId> known = git.known(head);
      if (known.isLeft()) {
        return Either.left(known.getLeft());
      }
      try (RevWalk walk = new RevWalk(git.repository)) {
        RevCommit tip = walk.parseCommit(known.get());
        walk.setRevFilter(RevFilter.MERGE_BASE);
        walk.markStart(tip);
        walk.markStart(walk.parseCommit(main.get()));
        RevCommit base = walk.next();
        if (base == null) {
          return Failures.fail(Kind.INVALID_REQUEST, head.abbreviated() + " shares no history with " + gitops + ".");
        }
        TreeSet<RepoPath> changed = TreeSet.empty();
        try (TreeWalk tree = new TreeWalk(git.repository)) {
          tree.addTree(walk.parseCommit(base).getTree());
          tree.addTree(tip.getTree());
          tree.setRecursive(true);
          tree.setFilter(TreeFilter.ANY_DIFF);
          while (tree.next()) {
            changed = changed.add(RepoPath.of(tree.getPathString()));
          }
        }
        Option<byte[]> after = git.blob(tip, pinFile);
        Option<byte[]> before = git.blob(walk.parseCommit(base), pinFile);
        Option<ImageDigest> pinAfter = after.flatMap(bytes -> readPin(pinFile, bytes).toOption());
        boolean elsewhere = false;
        if (after.isDefined() && before.isDefined()) {
          Either<PinFileProblem, String> value = YamlScalarEditor.read(pinFile, after.get(), key);
          elsewhere = value.isLeft() || YamlScalarEditor.write(pinFile, before.get(), key, value.get())
              .map(expected -> !java.util.Arrays.equals(expected, after.get())).getOrElse(true);
        }
        return Either.right(new PromotionDiff(changed, pinAfter, elsewhere));
      }
    }));
  }

  @Override
  public Either<PortFailure, io.vavr.collection.SortedMap<EnvironmentName, io.vavr.collection.SortedMap<String, String>>> environmentFiles(
      CommitId commit, Seq<EnvironmentName> environments) {
    return git.fresh(() -> Failures.guard(() -> {
      io.vavr.collection.SortedMap<EnvironmentName, io.vavr.collection.SortedMap<String, String>> byEnvironment = io.vavr.collection.TreeMap.empty();
      try (RevWalk walk = new RevWalk(git.repository)) {
        RevCommit at = walk.parseCommit(GitRepo.objectId(commit));
        for (EnvironmentName environment : environments) {
          String directory = layout.environmentDirectory(environment);
          byEnvironment = byEnvironment.put(environment, filesUnder(at, directory.substring(0, directory.length() - 1)));
        }
      }
      return Either.right(byEnvironment);
    }));
  }

  /** Every file under {@code directory}, by path relative to it → blob id; none when it is not a directory. */
  private io.vavr.collection.SortedMap<String, String> filesUnder(RevCommit commit, String directory) throws IOException {
    io.vavr.collection.SortedMap<String, String> files = io.vavr.collection.TreeMap.empty();
    try (TreeWalk found = TreeWalk.forPath(git.repository, directory, commit.getTree())) {
      if (found == null || !found.isSubtree()) {
        return files;
      }
      try (TreeWalk tree = new TreeWalk(git.repository)) {
        tree.addTree(found.getObjectId(0));
        tree.setRecursive(true);
        while (tree.next()) {
          files = files.put(tree.getPathString(), tree.getObjectId(0).name());
        }
      }
    }
    return files;
  }

  // ---- writing branches ---------------------------------------------------------------------

  @Override
  public Either<PortFailure, BranchName> writePromotion(Promotion promotion, CommitId base) {
    return branches.writePromotion(promotion, base);
  }

  @Override
  public Either<PortFailure, BranchName> writeRollback(RollbackPlan plan, CommitId base) {
    return branches.writeRollback(plan, base);
  }

  @Override
  public Either<PortFailure, BranchName> writePromotion(Promotion promotion, CommitId base, CommitAuthor author) {
    return branches.writePromotion(promotion, base, author);
  }

  @Override
  public Either<PortFailure, BranchName> writeRollback(RollbackPlan plan, CommitId base, CommitAuthor author) {
    return branches.writeRollback(plan, base, author);
  }

  /**
   * The lock files on the GitOps branch, on the promotion and rollback branches ({@code
   * refs/heads/platinur/…}), on Platinur's refs ({@code refs/platinur/…}: the stored promotions,
   * the offline pull requests) and on packed-refs, older than the stale age.
   */
  @Override
  public Either<PortFailure, Seq<String>> removeAbandonedLocks() {
    return Failures.guard(() -> Either.right(git.removeAbandonedLocks(List.of(gitops.refName()),
        List.of("refs/heads/platinur", "refs/platinur"))));
  }

  // ---- deployment statuses from history -------------------------------------------------------

  @Override
  public Either<PortFailure, Seq<DigestDeployment>> statuses(EnvironmentName environment, ServiceName service) {
    RepoPath file = layout.pinPath(environment, service);
    return git.fresh(() -> Failures.guard(() -> {
      Either<PortFailure, ObjectId> head = git.require(gitops.refName());
      if (head.isLeft()) {
        return Either.left(head.getLeft());
      }
      List<DigestDeployment> newestFirst = List.empty();
      try (RevWalk walk = new RevWalk(git.repository)) {
        walk.setTreeFilter(PathFilter.create(file.value()));
        walk.setFirstParent(true);
        walk.markStart(walk.parseCommit(head.get()));
        int seen = 0;
        for (RevCommit commit : walk) {
          if (++seen > HISTORY_LIMIT) {
            break;
          }
          Option<ImageDigest> pin = git.blob(walk.parseCommit(commit), file).flatMap(bytes -> readPin(file, bytes).toOption());
          if (pin.isDefined()) {
            newestFirst = newestFirst.append(new DigestDeployment(environment, service, pin.get(), DeploymentState.SUCCESS,
                Instant.ofEpochSecond(commit.getCommitTime())));
          }
        }
      }
      return Either.right(newestFirst.reverse());
    }));
  }
}
