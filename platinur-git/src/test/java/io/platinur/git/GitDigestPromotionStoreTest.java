package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.Actor;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotionEvent;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.port.AuditEntry;
import io.platinur.port.DigestPromotionChange;
import io.platinur.port.DigestPromotionStore;
import io.platinur.testkit.contract.DigestPromotionStoreContract;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digest promotion store contract, on a bare repository and through a remote, checked with
 * {@code git fsck}; and a chain saved before changes were recorded, read as it is.
 */
class GitDigestPromotionStoreTest {

  @Nested
  class On_a_bare_repository extends DigestPromotionStoreContract {
    @TempDir Path dir;

    @Override
    protected World newWorld() {
      Fixtures.init(dir).close();
      GitStaging one = GitStaging.open(dir.resolve("lane.git"), Fixtures.CONFIG).get();
      GitStaging two = GitStaging.open(dir.resolve("lane.git"), Fixtures.CONFIG).get();
      return world(one, two);
    }

    @AfterEach
    void the_repository_stays_valid() {
      new GitCli(dir.resolve("lane.git")).assertFsckClean();
    }
  }

  @Nested
  class Through_a_remote extends DigestPromotionStoreContract {
    @TempDir Path dir;

    @Override
    protected World newWorld() {
      Fixtures.init(dir).close();
      GitRemote remote = GitRemote.of(dir.resolve("lane.git").toUri().toString());
      GitStaging one = GitStaging.openWithRemote(dir.resolve("host-1.git"), remote, Fixtures.CONFIG).get();
      GitStaging two = GitStaging.openWithRemote(dir.resolve("host-2.git"), remote, Fixtures.CONFIG).get();
      return world(one, two);
    }

    @AfterEach
    void the_remote_stays_valid() {
      new GitCli(dir.resolve("lane.git")).assertFsckClean();
    }
  }

  @Nested
  class A_chain_saved_before_changes_were_recorded {
    @TempDir Path dir;

    /** One state commit as earlier versions wrote it: the promotions file, the message {@code Digest promotions}, no record. */
    private ObjectId writeOldStyle() throws Exception {
      try (Repository repository = new FileRepositoryBuilder().setGitDir(dir.resolve("lane.git").toFile()).build();
          ObjectInserter inserter = repository.newObjectInserter()) {
        TreeFormatter tree = new TreeFormatter();
        tree.append("promotions", FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB,
            ("open\tapi\tstaging\tdev\tsha256:" + "a1".repeat(32) + "\t-\t3\n").getBytes(StandardCharsets.UTF_8)));
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(inserter.insert(tree));
        PersonIdent ident = new PersonIdent("Platinur", "platinur", Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC);
        commit.setAuthor(ident);
        commit.setCommitter(ident);
        commit.setMessage("Digest promotions\n");
        ObjectId id = inserter.insert(commit);
        inserter.flush();
        RefUpdate update = repository.updateRef(GitDigestPromotionStore.REF);
        update.setNewObjectId(id);
        assertThat(update.update()).isEqualTo(RefUpdate.Result.NEW);
        return id;
      }
    }

    @Test
    void reads_back_and_lists_the_old_commits_without_events_then_records_the_next_change_whole() throws Exception {
      Fixtures.init(dir).close();
      ObjectId old = writeOldStyle();
      try (GitStaging git = GitStaging.open(dir.resolve("lane.git"), Fixtures.CONFIG).get()) {
        DigestPromotionStore store = git.digestPromotionStore();
        DigestPromotionStore.Stored stored = store.load().get().get();
        assertThat(stored.version()).isEqualTo(old.name());
        assertThat(stored.latest().map(DigestPromotion::describe)).containsExactly("PR #3 open");
        AuditEntry audit = new AuditEntry(Actor.of("ada"), Instant.parse("2026-12-01T10:00:00Z"), "Closed PR #3");
        DigestPromotionStore.Stored next = store.save(Option.some(old.name()), List.empty(),
            List.of(new DigestPromotionEvent.DigestPrClosed(PromotionTarget.of("api", "staging"), PullRequestNumber.of(3))), audit).get();
        assertThat(store.history(Option.none(), 5).get()).containsExactly(
            new DigestPromotionChange(next.version(),
                List.of(new DigestPromotionEvent.DigestPrClosed(PromotionTarget.of("api", "staging"), PullRequestNumber.of(3))), audit),
            new DigestPromotionChange(old.name(), List.empty(),
                new AuditEntry(Actor.of("Platinur"), Instant.parse("2026-11-30T08:00:00Z"), "Digest promotions")));
      }
      new GitCli(dir.resolve("lane.git")).assertFsckClean();
    }
  }

  static DigestPromotionStoreContract.World world(GitStaging one, GitStaging two) {
    DigestPromotionStore first = one.digestPromotionStore();
    DigestPromotionStore second = two.digestPromotionStore();
    return new DigestPromotionStoreContract.World() {
      @Override
      public DigestPromotionStore store() {
        return first;
      }

      @Override
      public DigestPromotionStore otherHost() {
        return second;
      }

      @Override
      public void close() {
        one.close();
        two.close();
      }
    };
  }
}
