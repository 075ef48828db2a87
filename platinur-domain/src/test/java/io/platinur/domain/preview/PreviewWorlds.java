package io.platinur.domain.preview;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import org.quicktheories.core.Gen;

/**
 * Random reconcile inputs for QuickTheories: a policy, a layout, what the forge says (open, merged
 * and closed pull requests, builds) and what Git holds (previews, pending cleanups, directories left
 * alone), all drawn from small pools so that every case meets every other. Decoded from a list of
 * small integers, so a failure shrinks to few, small choices.
 */
public final class PreviewWorlds {
  private PreviewWorlds() {}

  public static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  static final int PULL_REQUESTS = 8;
  static final List<BranchName> BASES = List.of(BranchName.of("main"), BranchName.of("release"));
  static final List<String> LABELS = List.of("preview", "docs");
  static final List<PreviewLayout> LAYOUTS = List.of(
      PreviewLayout.standard(),
      PreviewLayout.of("deploy/previews", "{n}", "values.yaml").get(),
      PreviewLayout.of("envs", "preview-{n}-app", "overrides.yaml").get());

  /** One reconcile's inputs. */
  public record World(PreviewPolicy policy, PreviewLayout layout, PreviewDemand desired, PreviewInventory actual) {
    @Override
    public String toString() {
      return "policy=" + policy + "\nlayout=" + layout + "\nopen=" + desired.open().values().map(pr -> pr.number() + "@" + pr.headCommit().abbreviated()
              + " base=" + pr.base() + " labels=" + pr.labels().mkString(",") + " updated=" + pr.updatedAt()).mkString("; ")
          + "\nmerged=" + desired.merged() + "\nbuilds=" + desired.builds().map(t -> t._1.abbreviated() + "->" + t._2.abbreviated()).mkString(", ")
          + "\npreviews=" + actual.previews().values().map(p -> p.pr() + "@" + p.headCommit().abbreviated() + "/" + p.digest().abbreviated()).mkString("; ")
          + "\npending=" + actual.pendingCleanups().keySet() + "\nleftAlone=" + actual.leftAlone().map(UnmanagedDirectory::directory);
    }
  }

  public static Gen<World> worlds() {
    return lists().of(integers().between(0, 99)).ofSize(11 + PULL_REQUESTS * 12).map(PreviewWorlds::decode);
  }

  /** The i-th commit of the pool every head is drawn from. */
  public static CommitId commit(int i) {
    return CommitId.of(String.format("%02x", 16 + i).repeat(20));
  }

  /** The j-th build of commit i. */
  public static ImageDigest digest(int commit, int build) {
    return ImageDigest.of("sha256:" + String.format("%02x", 16 * (commit + 1) + build).repeat(32));
  }

  static World decode(java.util.List<Integer> numbers) {
    Iterator<Integer> next = numbers.iterator();
    PreviewSelection selection = switch (next.next() % 3) {
      case 0 -> PreviewSelection.all();
      case 1 -> PreviewSelection.intoBase(BASES.head());
      default -> PreviewSelection.labelled(LABELS.head());
    };
    int ttlChoice = next.next() % 3;
    Option<Duration> ttl = ttlChoice == 0 ? Option.none() : Option.of(Duration.ofDays(ttlChoice * 2L));
    int quotaChoice = next.next() % 7;
    Option<Integer> quota = quotaChoice == 6 ? Option.none() : Option.of(quotaChoice);
    PreviewPolicy policy = PreviewPolicy.of(selection, ttl, quota).get();
    PreviewLayout layout = LAYOUTS.get(next.next() % LAYOUTS.size());
    Map<CommitId, ImageDigest> builds = HashMap.empty();
    for (int c = 0; c < 4; c++) {
      int build = next.next() % 3;
      if (build > 0) {
        builds = builds.put(commit(c), digest(c, build));
      }
    }
    next.next();
    next.next();
    next.next();
    List<OpenPullRequest> open = List.empty();
    SortedSet<PullRequestNumber> merged = TreeSet.empty();
    PreviewInventory actual = PreviewInventory.empty();
    Seq<UnmanagedDirectory> leftAlone = List.empty();
    for (int n = 1; n <= PULL_REQUESTS; n++) {
      PullRequestNumber number = PullRequestNumber.of(n);
      int state = next.next() % 4;
      int base = next.next() % 2;
      int labels = next.next() % 4;
      int head = next.next() % 4;
      int updatedHours = next.next();
      int git = next.next() % 6;
      int previewHead = next.next() % 4;
      int previewBuild = next.next() % 3 + 1;
      int createdHours = next.next();
      int pending = next.next() % 5;
      next.next();
      next.next();
      if (state >= 2) {
        SortedSet<String> prLabels = TreeSet.empty();
        if ((labels & 1) != 0) {
          prLabels = prLabels.add(LABELS.get(0));
        }
        if ((labels & 2) != 0) {
          prLabels = prLabels.add(LABELS.get(1));
        }
        open = open.append(new OpenPullRequest(number, BranchName.of("feature-" + n), BASES.get(base), commit(head), prLabels,
            NOW.minus(Duration.ofHours(updatedHours * 2L))));
      } else if (state == 1) {
        merged = merged.add(number);
      }
      if (git <= 2) {
        Instant created = NOW.minus(Duration.ofHours(createdHours * 3L + 1));
        actual = new PreviewInventory(
            actual.previews().put(number, new PreviewEnvironment(number, commit(previewHead), digest(previewHead, previewBuild), created, created)),
            actual.pendingCleanups(), actual.leftAlone());
      } else if (git == 3) {
        leftAlone = leftAlone.append(new UnmanagedDirectory(layout.directoryOf(number), Option.of(number),
            pending % 2 == 0 ? UnmanagedDirectory.Kind.NOT_CREATED_BY_PLATINUR : UnmanagedDirectory.Kind.DOES_NOT_PARSE, "generated"));
      }
      if (pending <= 1 && git >= 4) {
        Instant created = NOW.minus(Duration.ofDays(9));
        actual = actual.withPendingCleanup(new PreviewEnvironment(number, commit(0), digest(0, 1), created, created));
      }
    }
    leftAlone = leftAlone.append(new UnmanagedDirectory(RepoPath.of(layout.root().value() + "/notes"), Option.none(),
        UnmanagedDirectory.Kind.NOT_CREATED_BY_PLATINUR, "generated"));
    return new World(policy, layout, PreviewDemand.of(open, builds, merged).get(), actual.withLeftAlone(leftAlone));
  }
}
