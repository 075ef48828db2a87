package io.platinur.git;

import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import java.nio.file.Path;
import java.time.Instant;

/** Small shared pieces for the Git adapter's tests. */
final class Fixtures {
  static final BranchName MAIN = BranchName.of("main");
  static final BranchName STAGING = BranchName.of("staging");
  static final GitLaneConfig CONFIG = GitLaneConfig.of(MAIN, STAGING);
  static final CommitAuthor AUTHOR = new CommitAuthor("Ada Analyst", "ada@example.com", Instant.parse("2026-11-24T10:00:00Z"));

  private Fixtures() {}

  static GitStaging init(Path dir) {
    return GitStaging.init(dir.resolve("lane.git"), CONFIG, AUTHOR).getOrElseThrow(f -> new AssertionError(f.toString()));
  }

  /** A proposal writing each path with text derived from the id and the path. */
  static Proposal writing(String id, String title, String... paths) {
    Proposal.Builder builder = Proposal.builder(ProposalId.of(id), title);
    for (String path : paths) {
      builder.write(path, "-- " + id + " writes " + path + "\nselect 1;\n");
    }
    return builder.build();
  }
}
