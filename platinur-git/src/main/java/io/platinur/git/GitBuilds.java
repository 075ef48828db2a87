package io.platinur.git;

import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.metrics.DeliveryEvent;
import io.platinur.domain.metrics.DigestDelivery;
import io.platinur.domain.metrics.HistoryProblem;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Builds pinned in the first environment of a GitOps branch: along the branch's first-parent line,
 * every commit that changes a service's pin there to another digest brought that digest into the
 * first environment, at the commit's time. Only the pin files under the first environment's
 * directory that a commit changes are read.
 */
final class GitBuilds {
  private GitBuilds() {}

  static Either<PortFailure, Option<GitDeliveryHistory.Part>> read(GitRefs git, RevWalk walk, GitDeliveryHistory.Builds builds, Option<String> position)
      throws IOException {
    String ref = builds.gitops().refName();
    Either<PortFailure, Option<io.vavr.Tuple2<List<RevCommit>, String>>> chain = GitDeliveryHistory.chain(git, walk, ref, position);
    if (chain.isLeft() || chain.get().isEmpty()) {
      return chain.map(none -> Option.none());
    }
    String directory = builds.layout().environmentDirectory(builds.first());
    Pattern pins = pinPattern(builds);
    SortedMap<ServiceName, ImageDigest> before = TreeMap.empty();
    Seq<HistoryProblem> problems = io.vavr.collection.Vector.empty();
    if (position.isDefined()) {
      before = read(git, walk.parseCommit(ObjectId.fromString(position.get())), Option.none(), directory, pins, builds.layout(), before)._1;
    }
    Seq<DeliveryEvent> events = io.vavr.collection.Vector.empty();
    for (RevCommit commit : chain.get().get()._1) {
      Option<RevCommit> parent = commit.getParentCount() == 0 ? Option.none() : Option.some(walk.parseCommit(commit.getParent(0)));
      io.vavr.Tuple2<SortedMap<ServiceName, ImageDigest>, Seq<HistoryProblem>> after = read(git, commit, parent, directory, pins, builds.layout(), before);
      events = events.appendAll(DigestDelivery.builds(builds.first(), before, after._1, commit.getCommitterIdent().getWhenAsInstant()));
      problems = problems.appendAll(after._2);
      before = after._1;
    }
    return Either.right(Option.some(new GitDeliveryHistory.Part(events, problems, chain.get().get()._2)));
  }

  /** The first environment's pins at {@code commit}: {@code before} updated with the pin files changed since {@code parent} (all of them without one). */
  private static io.vavr.Tuple2<SortedMap<ServiceName, ImageDigest>, Seq<HistoryProblem>> read(GitRefs git, RevCommit commit, Option<RevCommit> parent,
      String directory, Pattern pins, PinLayout layout, SortedMap<ServiceName, ImageDigest> before) throws IOException {
    SortedMap<ServiceName, ImageDigest> now = before;
    Seq<HistoryProblem> problems = io.vavr.collection.Vector.empty();
    try (TreeWalk tree = new TreeWalk(git.repository)) {
      if (parent.isDefined()) {
        tree.addTree(parent.get().getTree());
      } else {
        tree.addTree(new org.eclipse.jgit.treewalk.EmptyTreeIterator());
      }
      tree.addTree(commit.getTree());
      tree.setRecursive(true);
      tree.setFilter(AndTreeFilter.create(PathFilter.create(directory.substring(0, directory.length() - 1)), TreeFilter.ANY_DIFF));
      while (tree.next()) {
        Matcher matcher = pins.matcher(tree.getPathString());
        if (!matcher.matches()) {
          continue;
        }
        ServiceName service = ServiceName.of(matcher.group("service"));
        if (tree.getObjectId(1).equals(ObjectId.zeroId())) {
          now = now.remove(service);
          continue;
        }
        RepoPath file = RepoPath.of(tree.getPathString());
        byte[] content = git.repository.open(tree.getObjectId(1)).getCachedBytes(16 * 1024 * 1024);
        Either<String, ImageDigest> pin = YamlScalarEditor.read(file, content, layout.key())
            .mapLeft(problem -> problem.message())
            .flatMap(text -> ImageDigest.parse(text).toEither());
        if (pin.isRight()) {
          now = now.put(service, pin.get());
        } else {
          problems = problems.append(new HistoryProblem.Unreadable(file + " at " + commit.abbreviate(7).name(), pin.getLeft()));
        }
      }
    }
    return io.vavr.Tuple.of(now, problems);
  }

  private static Pattern pinPattern(GitDeliveryHistory.Builds builds) {
    String template = builds.layout().pathTemplate().replace(PinLayout.ENV, builds.first().value());
    StringBuilder regex = new StringBuilder();
    for (String part : template.split("(?=\\{service\\})|(?<=\\{service\\})")) {
      regex.append(part.equals(PinLayout.SERVICE) ? "(?<service>[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)" : Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }
}
