package io.platinur.git;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.Review;
import io.platinur.domain.forge.ReviewState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * The text of an offline pull request's record, format {@code platinur-pull 1}: one
 * {@code key<TAB>value} line per field ({@code number}, {@code head}, {@code base}, {@code state},
 * {@code merge} once merged, {@code opened-at}, {@code title}, {@code body}), values escaped as the
 * lane's state escapes them. Two kinds of line are written only when there is something to say, so
 * a record without them is byte for byte what earlier versions wrote, and earlier versions, which
 * skip keys they do not know, still read the rest: {@code author} (left out for
 * {@value PullRecord#PLATINUR}) and one {@code review<TAB><state><TAB><commit><TAB><instant><TAB><login>}
 * line per review, oldest first.
 */
final class PullRecordCodec {
  static final String FORMAT = "platinur-pull 1";

  private PullRecordCodec() {}

  static byte[] encode(PullRecord record) {
    StringBuilder text = new StringBuilder(FORMAT).append('\n');
    text.append("number\t").append(record.number().value()).append('\n');
    text.append("head\t").append(LaneCodec.escape(record.head().name())).append('\n');
    text.append("base\t").append(LaneCodec.escape(record.base().name())).append('\n');
    text.append("state\t").append(record.state().word).append('\n');
    record.merge().forEach(m -> text.append("merge\t").append(m.hex()).append('\n'));
    text.append("opened-at\t").append(record.openedAt().hex()).append('\n');
    text.append("title\t").append(LaneCodec.escape(record.title())).append('\n');
    text.append("body\t").append(LaneCodec.escape(record.body())).append('\n');
    if (!record.author().equals(PullRecord.PLATINUR)) {
      text.append("author\t").append(LaneCodec.escape(record.author())).append('\n');
    }
    for (Review review : record.reviews()) {
      text.append("review\t").append(review.state().name()).append('\t').append(review.commit().hex()).append('\t')
          .append(review.submittedAt()).append('\t').append(LaneCodec.escape(review.reviewer())).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The record in {@code text}; {@code REPOSITORY_DAMAGED}, naming {@code where}, when it is not one. */
  static Either<PortFailure, PullRecord> parse(String text, String where) {
    java.util.Map<String, String> fields = new java.util.HashMap<>();
    List<Review> reviews = List.empty();
    String[] lines = text.split("\n");
    if (lines.length == 0 || !lines[0].equals(FORMAT)) {
      return Failures.fail(Kind.REPOSITORY_DAMAGED, where + " is not in format ‘" + FORMAT + "’.");
    }
    try {
      for (int i = 1; i < lines.length; i++) {
        int tab = lines[i].indexOf('\t');
        if (tab <= 0) {
          continue;
        }
        String key = lines[i].substring(0, tab);
        if (key.equals("review")) {
          reviews = reviews.append(review(lines[i].substring(tab + 1)));
        } else {
          fields.put(key, LaneCodec.unescape(lines[i].substring(tab + 1)));
        }
      }
      return Either.right(new PullRecord(
          PullRequestNumber.of(Long.parseLong(fields.get("number"))),
          BranchName.of(fields.get("head")),
          BranchName.of(fields.get("base")),
          PullRecord.State.of(fields.get("state")).get(),
          Option.of(fields.get("merge")).map(CommitId::of),
          CommitId.of(fields.get("opened-at")),
          Objects.requireNonNull(fields.get("title")),
          Objects.requireNonNull(fields.get("body")),
          fields.getOrDefault("author", PullRecord.PLATINUR),
          reviews));
    } catch (RuntimeException e) {
      return Failures.fail(Kind.REPOSITORY_DAMAGED, where + " is malformed.");
    }
  }

  private static Review review(String value) {
    String[] parts = value.split("\t", 4);
    return new Review(LaneCodec.unescape(parts[3]), ReviewState.valueOf(parts[0]), CommitId.of(parts[1]), Instant.parse(parts[2]));
  }
}
