package io.platinur.git;

import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinFileProblem;
import io.platinur.domain.digest.PinKey;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.preview.PreviewEnvironment;
import io.platinur.domain.preview.UnmanagedDirectory;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Try;
import java.time.Instant;

/**
 * The text of a preview's values file, which Platinur writes whole, and of the list of reaped
 * previews waiting for their cleanup. The values file pins the image digest ({@code image.digest})
 * and carries Platinur's mark ({@code platinur.preview}), so a directory Platinur did not write is
 * told apart and left alone. Reading goes through {@link YamlScalarEditor}, the same reader as digest
 * promotion's pins, so a hand-made edit that keeps the fields readable (reordered keys, other quoting,
 * comments) still reads back; a marked file without them does not parse, and is left alone.
 */
final class PreviewCodec {
  private PreviewCodec() {}

  /** Why a values file is not a preview Platinur can manage: not marked (someone else wrote it), or marked but malformed. */
  record Unreadable(UnmanagedDirectory.Kind kind, String detail) {
    static Unreadable notMarked(String detail) {
      return new Unreadable(UnmanagedDirectory.Kind.NOT_CREATED_BY_PLATINUR, detail);
    }

    static Unreadable malformed(String detail) {
      return new Unreadable(UnmanagedDirectory.Kind.DOES_NOT_PARSE, detail);
    }
  }

  static String values(PreviewEnvironment preview) {
    return "# Preview environment of pull request #" + preview.pr().value() + ", kept by Platinur.\n"
        + "# Platinur rewrites this file and deletes this directory when the preview is reaped.\n"
        + "platinur:\n"
        + "  preview:\n"
        + "    pullRequest: " + preview.pr().value() + "\n"
        + "    headCommit: \"" + preview.headCommit().hex() + "\"\n"
        + "    created: \"" + preview.created() + "\"\n"
        + "    updated: \"" + preview.lastUpdated() + "\"\n"
        + "image:\n"
        + "  digest: \"" + preview.digest().value() + "\"\n";
  }

  /**
   * The preview a values file describes, read with {@link YamlScalarEditor}. A file without a
   * {@code platinur} mapping is not Platinur's; one with it but without every field (or with a field
   * that is not what Platinur writes, or naming another pull request) is malformed.
   */
  static Either<Unreadable, PreviewEnvironment> readValues(RepoPath file, byte[] content, PullRequestNumber expected) {
    Either<PinFileProblem, String> mark = YamlScalarEditor.read(file, content, PinKey.of("platinur"));
    if (mark.isLeft() && mark.getLeft() instanceof PinFileProblem.KeyMissing) {
      return Either.left(Unreadable.notMarked("its values file has no Platinur mark"));
    }
    if (mark.isLeft() && !(mark.getLeft() instanceof PinFileProblem.NotAScalar)) {
      return Either.left(Unreadable.malformed(named(file, mark.getLeft().message())));
    }
    if (mark.isRight()) {
      return Either.left(Unreadable.malformed(named(file, "platinur is not a mapping")));
    }
    return field(file, content, "platinur.preview.pullRequest")
        .flatMap(number -> Try.of(() -> PullRequestNumber.of(Long.parseLong(number))).toEither()
            .<String>mapLeft(e -> "platinur.preview.pullRequest is not a pull request number"))
        .flatMap(number -> number.equals(expected)
            ? Either.<String, PullRequestNumber>right(number)
            : Either.<String, PullRequestNumber>left("it names pull request " + number + ", not " + expected))
        .flatMap(number -> field(file, content, "platinur.preview.headCommit").flatMap(PreviewCodec::commit)
            .flatMap(head -> field(file, content, "image.digest")
                .flatMap(digest -> ImageDigest.parse(digest).toEither().<String>mapLeft(problem -> "image.digest: " + problem))
                .flatMap(digest -> instant(file, content, "platinur.preview.created")
                    .flatMap(created -> instant(file, content, "platinur.preview.updated")
                        .flatMap(updated -> updated.isBefore(created)
                            ? Either.<String, PreviewEnvironment>left("it was updated before it was created")
                            : Either.<String, PreviewEnvironment>right(new PreviewEnvironment(number, head, digest, created, updated)))))))
        .mapLeft(problem -> Unreadable.malformed(named(file, problem)));
  }

  /** One line per reaped preview: number, head, digest, created, updated. */
  static String pending(Seq<PreviewEnvironment> previews) {
    StringBuilder out = new StringBuilder("platinur-previews-pending 1\n");
    for (PreviewEnvironment p : previews) {
      out.append(p.pr().value()).append(' ').append(p.headCommit().hex()).append(' ').append(p.digest().value())
          .append(' ').append(p.created()).append(' ').append(p.lastUpdated()).append('\n');
    }
    return out.toString();
  }

  static Either<String, Seq<PreviewEnvironment>> readPending(String text) {
    List<String> lines = List.of(text.split("\n")).filter(line -> !line.isEmpty());
    if (lines.isEmpty() || !lines.head().equals("platinur-previews-pending 1")) {
      return Either.left("the list of reaped previews has no known format line");
    }
    return Either.sequenceRight(lines.tail().map(line -> {
      String[] parts = line.split(" ");
      if (parts.length != 5) {
        return Either.left("a reaped preview line has " + parts.length + " fields, not 5");
      }
      return Try.of(() -> new PreviewEnvironment(PullRequestNumber.of(Long.parseLong(parts[0])), CommitId.of(parts[1]),
              ImageDigest.of(parts[2]), Instant.parse(parts[3]), Instant.parse(parts[4])))
          .toEither().mapLeft(e -> "a reaped preview line does not parse");
    })).map(Seq::toList);
  }

  private static Either<String, String> field(RepoPath file, byte[] content, String key) {
    return YamlScalarEditor.read(file, content, PinKey.of(key)).mapLeft(PinFileProblem::message);
  }

  /** A problem as one clause naming the file: {@code previews/pr-4/values.yaml has no key image.digest}. */
  private static String named(RepoPath file, String problem) {
    String clause = problem.endsWith(".") ? problem.substring(0, problem.length() - 1) : problem;
    return clause.startsWith(file.value()) ? clause : file + ": " + clause;
  }

  private static Either<String, CommitId> commit(String hex) {
    return Try.of(() -> CommitId.of(hex)).toEither().mapLeft(e -> "platinur.preview.headCommit is not a full commit id");
  }

  private static Either<String, Instant> instant(RepoPath file, byte[] content, String key) {
    return field(file, content, key).flatMap(text -> Try.of(() -> Instant.parse(text)).toEither()
        .mapLeft(e -> key + " is not a UTC time such as 2026-12-01T10:00:00Z"));
  }
}
