package io.platinur.port.contract;

import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchHeads;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.StagingRepository;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A staging repository in memory, for contract tests of things that drive one. Commits are
 * snapshots (path → content) with ids from the SHA-1 of their content, like Git's; branches move
 * only by compare-and-swap.
 */
public final class InMemoryStagingRepository implements StagingRepository {
  private record Commit(Option<CommitId> parent, TreeMap<RepoPath, Bytes> files, String title, Option<ProposalId> proposal) {}

  /** Content compared by value. */
  private record Bytes(byte[] value) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Bytes that && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }
  }

  private Map<CommitId, Commit> commits = HashMap.empty();
  private CommitId staging;
  private CommitId production;

  /** A repository whose staging and production branches point at one commit holding a README. */
  public InMemoryStagingRepository() {
    Commit root = new Commit(Option.none(),
        TreeMap.of(RepoPath.of("README.md"), new Bytes("# Production\n".getBytes(StandardCharsets.UTF_8))), "Start", Option.none());
    CommitId id = store(root);
    staging = id;
    production = id;
  }

  @Override
  public synchronized Either<PortFailure, BranchHeads> heads() {
    return Either.right(new BranchHeads(staging, production));
  }

  @Override
  public synchronized Either<PortFailure, CommitId> writeProposalCommit(CommitId parent, Proposal proposal, CommitAuthor author) {
    Option<Commit> base = commits.get(parent);
    if (base.isEmpty()) {
      return Either.left(PortFailure.of(Kind.NOT_FOUND, "Commit " + parent.abbreviated() + " does not exist."));
    }
    TreeMap<RepoPath, Bytes> files = base.get().files();
    for (var change : proposal.changes()) {
      RepoPath path = change._1;
      Option<Bytes> content = change._2.fold(write -> Option.some(new Bytes(write.content())), delete -> Option.none());
      files = content.isDefined() ? files.put(path, content.get()) : files.remove(path);
    }
    if (files.equals(base.get().files())) {
      return Either.left(PortFailure.of(Kind.NOTHING_TO_CHANGE, "Proposal ‘" + proposal.title() + "’ changes nothing."));
    }
    return Either.right(store(new Commit(Option.some(parent), files, proposal.title(), Option.some(proposal.id()))));
  }

  @Override
  public synchronized Either<PortFailure, Seq<CommitId>> rebuild(CommitId onto, Seq<CommitId> toRebuild, CommitAuthor committer) {
    if (commits.get(onto).isEmpty()) {
      return Either.left(PortFailure.of(Kind.NOT_FOUND, "Commit " + onto.abbreviated() + " does not exist."));
    }
    CommitId parent = onto;
    Vector<CommitId> rebuilt = Vector.empty();
    for (CommitId id : toRebuild) {
      Option<Commit> original = commits.get(id);
      if (original.isEmpty() || original.get().parent().isEmpty() || original.get().proposal().isEmpty()) {
        return Either.left(PortFailure.of(Kind.INVALID_REQUEST, "Commit " + id.abbreviated() + " is not a proposal commit."));
      }
      TreeMap<RepoPath, Bytes> before = commits.get(original.get().parent().get()).get().files();
      TreeMap<RepoPath, Bytes> after = original.get().files();
      TreeMap<RepoPath, Bytes> files = commits.get(parent).get().files();
      for (RepoPath path : changedPaths(before, after)) {
        Option<Bytes> content = after.get(path);
        files = content.isDefined() ? files.put(path, content.get()) : files.remove(path);
      }
      parent = store(new Commit(Option.some(parent), files, original.get().title(), original.get().proposal()));
      rebuilt = rebuilt.append(parent);
    }
    return Either.right(rebuilt);
  }

  @Override
  public synchronized Either<PortFailure, RecordedBatch> readBatch() {
    Set<CommitId> inProduction = ancestors(production);
    List<CommitId> newestFirst = List.empty();
    CommitId at = staging;
    while (!inProduction.contains(at)) {
      newestFirst = newestFirst.append(at);
      at = commits.get(at).get().parent().get();
    }
    CommitId base = at;
    Vector<StagedProposal> staged = newestFirst.reverse().map(id -> {
      Commit commit = commits.get(id).get();
      TreeSet<RepoPath> files = TreeSet.ofAll(changedPaths(commits.get(commit.parent().get()).get().files(), commit.files()));
      return new StagedProposal(commit.proposal().get(), commit.title(), files, id);
    }).toVector();
    return Either.right(new RecordedBatch(base, staged));
  }

  @Override
  public synchronized Either<PortFailure, CommitId> moveStaging(CommitId expected, CommitId next) {
    if (!staging.equals(expected)) {
      return Either.left(PortFailure.of(Kind.CONFLICT, "The staging branch moved since it was read."));
    }
    if (commits.get(next).isEmpty()) {
      return Either.left(PortFailure.of(Kind.NOT_FOUND, "Commit " + next.abbreviated() + " does not exist."));
    }
    staging = next;
    return Either.right(next);
  }

  @Override
  public synchronized Either<PortFailure, Boolean> isAncestor(CommitId ancestor, CommitId descendant) {
    if (commits.get(ancestor).isEmpty() || commits.get(descendant).isEmpty()) {
      return Either.left(PortFailure.of(Kind.NOT_FOUND, "Unknown commit."));
    }
    return Either.right(ancestors(descendant).contains(ancestor));
  }

  /** Moves the production branch to {@code next} (a merge done elsewhere), by compare-and-swap. */
  public synchronized Either<PortFailure, CommitId> moveProduction(CommitId expected, CommitId next) {
    if (!production.equals(expected)) {
      return Either.left(PortFailure.of(Kind.CONFLICT, "The production branch moved since it was read."));
    }
    production = next;
    return Either.right(next);
  }

  private Set<CommitId> ancestors(CommitId from) {
    Set<CommitId> seen = HashSet.empty();
    Option<CommitId> at = Option.some(from);
    while (at.isDefined()) {
      seen = seen.add(at.get());
      at = commits.get(at.get()).flatMap(Commit::parent);
    }
    return seen;
  }

  private static Seq<RepoPath> changedPaths(TreeMap<RepoPath, Bytes> before, TreeMap<RepoPath, Bytes> after) {
    return TreeSet.ofAll(before.keySet()).addAll(after.keySet())
        .filter(path -> !before.get(path).equals(after.get(path)))
        .toList();
  }

  private CommitId store(Commit commit) {
    CommitId id = CommitId.of(sha1(commit.parent().map(CommitId::hex).getOrElse("") + "\n" + commit.title() + "\n"
        + commit.proposal().map(ProposalId::value).getOrElse("") + "\n"
        + commit.files().map(e -> e._1.value() + "=" + HexFormat.of().formatHex(e._2.value())).mkString("\n")));
    commits = commits.put(id, commit);
    return id;
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
