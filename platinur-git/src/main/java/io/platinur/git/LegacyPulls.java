package io.platinur.git;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;

/**
 * The layout of offline pull requests before 1.0: every pull request kept its
 * {@code refs/platinur/pulls/<n>} ref, merged and closed ones too, and there was no archive. Such a
 * repository is read as it is (a record is found by its ref first); the next merge or close files
 * those records into the archive and deletes their refs in the same atomic update.
 */
final class LegacyPulls {
  /** A merged or closed pull request that still has its ref. */
  record Kept(String refName, ObjectId commit, PullRecord record) {
    RefMove delete() {
      return new RefMove(refName, commit, ObjectId.zeroId());
    }
  }

  private final GitRefs git;
  private final PullRecords records;

  LegacyPulls(GitRefs git, PullRecords records) {
    this.git = git;
    this.records = records;
  }

  /**
   * Every merged or closed pull request but {@code except} that still has its ref, to be filed
   * along. A record that cannot be read stays where it is, for a person to look at.
   */
  List<Kept> toFileAlong(PullRequestNumber except) throws IOException {
    List<Kept> out = List.empty();
    for (Ref legacy : git.repository.getRefDatabase().getRefsByPrefix(PullRecords.PULLS)) {
      Option<PullRequestNumber> number = PullRecords.numberOf(legacy.getName());
      if (legacy.getObjectId() == null || number.isEmpty() || number.get().equals(except)) {
        continue;
      }
      Either<PortFailure, PullRecord> old = records.read(legacy.getObjectId());
      if (old.isRight() && !old.get().isOpen() && old.get().number().equals(number.get())) {
        out = out.append(new Kept(legacy.getName(), legacy.getObjectId(), old.get()));
      }
    }
    return out;
  }
}
