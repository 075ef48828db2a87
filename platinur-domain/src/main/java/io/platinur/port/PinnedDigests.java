package io.platinur.port;

import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.PinKey;
import io.platinur.domain.digest.PromotionDiff;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.control.Either;

/**
 * Reads the pins of a GitOps repository: which digest each environment pins for each service, on
 * its main branch, what a promotion or rollback branch changes, and what the environment
 * directories hold (for the drift check).
 */
public interface PinnedDigests {

  /** The pins at the head of the GitOps branch now. */
  Either<PortFailure, PinSnapshot> current();

  /**
   * The pins at {@code commit}, any commit of the repository (an older GitOps commit, the head of a
   * promotion or rollback branch); {@code NOT_FOUND} when there is no such commit.
   */
  Either<PortFailure, PinSnapshot> at(CommitId commit);

  /**
   * What {@code head} changes compared with the GitOps branch commit it was written on: every
   * changed path, the pin left at {@code key} in {@code pinFile}, and whether that file changed in
   * anything but the scalar's bytes.
   */
  Either<PortFailure, PromotionDiff> diff(CommitId head, RepoPath pinFile, PinKey key);

  /**
   * The files of each environment's directory ({@link io.platinur.domain.digest.PinLayout#environmentDirectory})
   * at {@code commit}, every level down: path relative to the directory → an id of its content
   * (the Git blob id), equal exactly when the bytes are. An environment without a directory has no
   * files.
   */
  Either<PortFailure, SortedMap<EnvironmentName, SortedMap<String, String>>> environmentFiles(CommitId commit, Seq<EnvironmentName> environments);
}
