package io.platinur.git;

import io.platinur.domain.preview.PreviewLayout;
import io.platinur.domain.repository.BranchName;
import io.platinur.port.PreviewStore;
import io.platinur.testkit.contract.PreviewStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The preview store contract, on a bare repository and through a remote. */
class GitPreviewStoreTest {

  @Nested
  class On_a_bare_repository extends PreviewStoreContract {
    @TempDir Path dir;

    @Override
    protected World newWorld() {
      GitOpsRepo repo = GitOpsRepo.create(dir);
      GitPreviews previews = GitPreviews.open(repo.bare, BranchName.of("main"), PreviewLayout.standard()).get();
      return world(previews);
    }
  }

  @Nested
  class Through_a_remote extends PreviewStoreContract {
    @TempDir Path dir;

    @Override
    protected World newWorld() {
      GitOpsRepo repo = GitOpsRepo.create(dir);
      GitPreviews previews = GitPreviews.openWithRemote(dir.resolve("cache.git"), GitRemote.of(repo.bare.toUri().toString()),
          BranchName.of("main"), PreviewLayout.standard()).get();
      return world(previews);
    }
  }

  static PreviewStoreContract.World world(GitPreviews previews) {
    return new PreviewStoreContract.World() {
      @Override
      public PreviewStore store() {
        return previews.previewStore();
      }

      @Override
      public void close() {
        previews.close();
      }
    };
  }
}
