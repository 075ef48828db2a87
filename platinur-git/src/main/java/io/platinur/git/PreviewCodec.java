package io.platinur.git;

import io.platinur.domain.lock.PullRequestNumber;
import io.platinur.domain.preview.PreviewEnvironment;
import io.platinur.domain.preview.UnmanagedDirectory;
import io.platinur.domain.promotion.ImageDigest;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Instant;

/**
 * The text of a preview's values file, which Platinur writes whole, and of the list of reaped
 * previews waiting for their cleanup. The values file pins the image digest ({@code image.digest})
 * and carries Platinur's mark ({@code platinur.preview}), so a directory Platinur did not write is
 * told apart and left alone. Reading accepts exactly the YAML subset written here (nested maps,
 * two-space indentation, plain or double-quoted scalars); anything else in a marked file means the
 * file does not parse, and the directory is left alone.
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

  static Either<Unreadable, PreviewEnvironment> readValues(String text, PullRequestNumber expected) {
    Either<String, Map<String, String>> scalars = scalars(text);
    boolean marked = List.of(text.split("\n", -1)).exists(line -> line.strip().equals("platinur:") && !line.startsWith(" "));
    if (!marked) {
      return Either.left(Unreadable.notMarked("its values file has no Platinur mark"));
    }
    if (scalars.isLeft()) {
      return Either.left(Unreadable.malformed(scalars.getLeft()));
    }
    Map<String, String> values = scalars.get();
    return field(values, "platinur.preview.pullRequest")
        .flatMap(number -> Try.of(() -> PullRequestNumber.of(Long.parseLong(number))).toEither()
            .<String>mapLeft(e -> "platinur.preview.pullRequest is not a pull request number"))
        .flatMap(number -> number.equals(expected)
            ? Either.<String, PullRequestNumber>right(number)
            : Either.<String, PullRequestNumber>left("it names pull request " + number + ", not " + expected))
        .flatMap(number -> field(values, "platinur.preview.headCommit").flatMap(head -> commit(head))
            .flatMap(head -> field(values, "image.digest")
                .flatMap(digest -> ImageDigest.parse(digest).toEither().<String>mapLeft(problem -> "image.digest: " + problem))
                .flatMap(digest -> instant(values, "platinur.preview.created")
                    .flatMap(created -> instant(values, "platinur.preview.updated")
                        .flatMap(updated -> updated.isBefore(created)
                            ? Either.<String, PreviewEnvironment>left("it was updated before it was created")
                            : Either.<String, PreviewEnvironment>right(new PreviewEnvironment(number, head, digest, created, updated)))))))
        .mapLeft(Unreadable::malformed);
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

  private static Either<String, String> field(Map<String, String> values, String key) {
    return values.get(key).toEither(() -> key + " is missing");
  }

  private static Either<String, CommitId> commit(String hex) {
    return Try.of(() -> CommitId.of(hex)).toEither().mapLeft(e -> "platinur.preview.headCommit is not a full commit id");
  }

  private static Either<String, Instant> instant(Map<String, String> values, String key) {
    return field(values, key).flatMap(text -> Try.of(() -> Instant.parse(text)).toEither()
        .mapLeft(e -> key + " is not a UTC time such as 2026-12-01T10:00:00Z"));
  }

  /** The scalars of a nested-map document as dotted keys; an error names the first line it cannot read. */
  private static Either<String, Map<String, String>> scalars(String text) {
    Map<String, String> out = LinkedHashMap.empty();
    List<String> path = List.empty();
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      String content = line.stripTrailing();
      if (content.isBlank() || content.stripLeading().startsWith("#")) {
        continue;
      }
      int indent = content.length() - content.stripLeading().length();
      if (indent % 2 != 0 || indent / 2 > path.size() || content.indexOf('\t') >= 0) {
        return Either.left("line " + number + " is not indented by two spaces per level");
      }
      path = path.take(indent / 2);
      String entry = content.strip();
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        return Either.left("line " + number + " is not a ‘key: value’ line");
      }
      String key = entry.substring(0, colon);
      if (!key.matches("[A-Za-z0-9_.-]+")) {
        return Either.left("line " + number + " has a key Platinur does not write");
      }
      String rest = entry.substring(colon + 1).strip();
      if (rest.isEmpty()) {
        path = path.append(key);
        continue;
      }
      Option<String> scalar = scalar(rest);
      if (scalar.isEmpty()) {
        return Either.left("line " + number + " has a value Platinur does not write");
      }
      String dotted = path.append(key).mkString(".");
      if (out.containsKey(dotted)) {
        return Either.left("line " + number + " repeats " + dotted);
      }
      out = out.put(dotted, scalar.get());
    }
    return Either.right(out);
  }

  private static Option<String> scalar(String text) {
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      String inner = text.substring(1, text.length() - 1);
      return inner.contains("\"") || inner.contains("\\") ? Option.none() : Option.some(inner);
    }
    return text.matches("[A-Za-z0-9_.:+-]+") ? Option.some(text) : Option.none();
  }
}
