package io.platinur.git;

import io.platinur.port.DigestPromotionStore;
import io.platinur.testkit.contract.DigestPromotionStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The digest promotion store contract, on a bare repository and through a remote, checked with {@code git fsck}. */
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
