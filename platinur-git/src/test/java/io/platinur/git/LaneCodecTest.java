package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.platinur.domain.Actor;
import io.platinur.domain.batch.PromotionBatch;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.AuditEntry;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The lane state's text form: whatever the titles, paths and actions hold, it reads back as written. */
class LaneCodecTest {
  // printable text with the characters the format escapes or could trip over
  static final Gen<String> TEXT = lists().of(integers().between(0, 11)).ofSizeBetween(1, 30)
      .map(codes -> codes.stream().map(i -> "ab %\t\n\r‘’ü𝄞:/".codePoints().toArray()[i])
          .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());

  static final Gen<String> TITLE = TEXT.map(t -> t.replaceAll("[\\t\\n\\r]", "x").strip()).map(t -> t.isEmpty() ? "t" : t);

  static CommitId commit(int n) {
    return CommitId.of(String.format("%040x", n + 1));
  }

  static final Gen<StagingLane> LANES = lists().of(TITLE).ofSizeBetween(0, 6)
      .zip(integers().between(0, 2), strings().basicLatinAlphabet().ofLengthBetween(0, 8), (titles, lock, deployed) -> {
        List<StagedProposal> staged = List.range(0, titles.size()).map(i -> new StagedProposal(
            ProposalId.of("p-" + i),
            titles.get(i),
            TreeSet.of(RepoPath.of("m" + i + "/" + titles.get(i).replace("/", "_").replace(":", "=") + ".sql"), RepoPath.of("m" + i + "/b c%.yml")),
            commit(i)));
        ReleaseLock release = switch (lock) {
          case 0 -> ReleaseLock.unlocked();
          case 1 -> new ReleaseLock.PromotionPrOpen(PullRequestNumber.of(7));
          default -> new ReleaseLock.AwaitingMainSync(PullRequestNumber.of(7), commit(99));
        };
        HashSet<ProposalId> done = HashSet.ofAll(deployed.chars().mapToObj(c -> ProposalId.of("d" + Integer.toString(c % 36, 36))).toList());
        return StagingLane.restore(commit(1000), PromotionBatch.of(staged), release, done);
      });

  @Test
  void a_lane_reads_back_as_written() {
    qt().withExamples(200).forAll(LANES).checkAssert(lane -> {
      try {
        assertThat(LaneCodec.decodeLane(LaneCodec.encode(lane))).isEqualTo(lane);
      } catch (LaneCodec.Unreadable e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void events_and_audit_entries_read_back_as_written() {
    qt().withExamples(200).forAll(LANES, TEXT, TITLE).checkAssert((lane, action, actor) -> {
      List<LaneEvent> events = lane.batch().proposals().<LaneEvent>map(LaneEvent.ProposalStaged::new).toList()
          .append(new LaneEvent.ProposalUnstaged(ProposalId.of("p-0"), List.of(commit(5), commit(6))))
          .append(new LaneEvent.BatchDiscarded(List.of(ProposalId.of("a"), ProposalId.of("b"))))
          .append(new LaneEvent.PromotionPrOpened(PullRequestNumber.of(3), commit(7)))
          .append(new LaneEvent.PromotionPrClosed(PullRequestNumber.of(3)))
          .append(new LaneEvent.PromotionPrMerged(PullRequestNumber.of(4), commit(8)))
          .append(new LaneEvent.PromotionFinalized(PullRequestNumber.of(4), List.of(ProposalId.of("p-1")), commit(9)));
      AuditEntry audit = new AuditEntry(Actor.of(actor), Instant.parse("2026-11-24T10:00:00.123456Z"), action);
      try {
        LaneCodec.Change change = LaneCodec.decodeChange(LaneCodec.encodeChange(events, audit));
        assertThat(change.events()).containsExactlyElementsOf(events);
        assertThat(change.audit()).isEqualTo(audit);
      } catch (LaneCodec.Unreadable e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void refuses_text_in_another_format() {
    assertThatThrownBy(() -> LaneCodec.decodeLane("something else\nbase\t" + commit(1).hex() + "\n"))
        .isInstanceOf(LaneCodec.Unreadable.class);
    assertThatThrownBy(() -> LaneCodec.decodeLane(LaneCodec.FORMAT + "\nlock\tunlocked\n"))
        .isInstanceOf(LaneCodec.Unreadable.class)
        .hasMessageContaining("base");
    assertThatThrownBy(() -> LaneCodec.decodeLane(LaneCodec.FORMAT + "\nbase\tnot-a-commit\nlock\tunlocked\n"))
        .isInstanceOf(LaneCodec.Unreadable.class);
  }
}
