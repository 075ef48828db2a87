package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.proposal.ProposalId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * The lane state tree: whatever lane is written, whole or on top of another, it reads back as
 * written, whole or from the earlier state; and a tree written on top of another is the very tree
 * written whole, so the layout is one per lane and a change rewrites only what it changes.
 */
class LaneTreeTest {
  // deployed ids also with the characters a tree entry name cannot hold as they are
  static final Gen<StagingLane> LANES = LaneCodecTest.LANES.map(lane -> StagingLane.restore(
      lane.base(), lane.batch(), lane.lock(),
      lane.deployed().map(id -> id.value().hashCode() % 2 == 0 ? ProposalId.of("team/" + id.value() + ":x") : id)));

  @TempDir Path dir;
  GitStaging git;
  Repository repository;

  @BeforeEach
  void open() throws IOException {
    git = Fixtures.init(dir);
    repository = new FileRepositoryBuilder().setGitDir(dir.resolve("lane.git").toFile()).setMustExist(true).build();
  }

  @AfterEach
  void close() {
    repository.close();
    git.close();
    new GitCli(dir.resolve("lane.git")).assertFsckClean();
  }

  @Test
  void a_lane_written_on_top_of_another_is_the_tree_written_whole_and_reads_back_either_way() {
    qt().withExamples(50).forAll(LANES, LANES).checkAssert((earlier, later) -> {
      try (ObjectInserter inserter = repository.newObjectInserter(); ObjectReader reader = inserter.newReader()) {
        ObjectId first = LaneTree.write(reader, inserter, io.vavr.control.Option.none(), earlier);
        inserter.flush();
        LaneTree.Read read = LaneTree.read(reader, first);
        assertThat(read.lane()).isEqualTo(earlier);

        ObjectId onTop = LaneTree.write(reader, inserter, io.vavr.control.Option.some(read), later);
        ObjectId whole = LaneTree.write(reader, inserter, io.vavr.control.Option.none(), later);
        inserter.flush();

        assertThat(onTop).isEqualTo(whole);
        assertThat(LaneTree.read(reader, onTop).lane()).isEqualTo(later);
        assertThat(LaneTree.readSince(reader, read, onTop).lane()).isEqualTo(later);
      } catch (IOException | LaneCodec.Unreadable e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void a_state_in_the_first_format_reads_and_is_replaced_whole_on_the_next_write() {
    qt().withExamples(50).forAll(LANES, LANES).checkAssert((earlier, later) -> {
      try (ObjectInserter inserter = repository.newObjectInserter(); ObjectReader reader = inserter.newReader()) {
        TreeFormatter tree = new TreeFormatter();
        tree.append(LaneTree.HEAD_FILE, FileMode.REGULAR_FILE,
            inserter.insert(Constants.OBJ_BLOB, LaneCodec.encode(earlier).getBytes(StandardCharsets.UTF_8)));
        ObjectId legacy = inserter.insert(tree);
        inserter.flush();

        LaneTree.Read read = LaneTree.read(reader, legacy);
        assertThat(read.lane()).isEqualTo(earlier);
        assertThat(read.layered()).isFalse();
        ObjectId next = LaneTree.write(reader, inserter, io.vavr.control.Option.some(read), later);
        inserter.flush();
        assertThat(next).isEqualTo(LaneTree.write(reader, inserter, io.vavr.control.Option.none(), later));
        assertThat(LaneTree.readSince(reader, read, next).lane()).isEqualTo(later);
      } catch (IOException | LaneCodec.Unreadable e) {
        throw new AssertionError(e);
      }
    });
  }
}
