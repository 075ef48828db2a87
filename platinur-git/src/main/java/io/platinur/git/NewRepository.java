package io.platinur.git;

import io.platinur.domain.repository.BranchName;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SortedMap;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

/**
 * A new bare repository with one commit, on every branch given ({@code HEAD} names the first): what
 * {@link GitStaging#init} and {@link GitPreviews#init} start demos and tests from.
 */
final class NewRepository {
  private NewRepository() {}

  /**
   * Creates it at {@code directory} (which must not exist or be empty) with {@code files} (path →
   * text) in the commit; {@code INVALID_REQUEST} when the directory is taken or cannot be written.
   */
  static Either<PortFailure, Void> create(Path directory, SortedMap<String, String> files, PersonIdent ident, String message,
      List<BranchName> branches) {
    try {
      Either<PortFailure, Repository> created = GitRefs.createBare(directory);
      if (created.isLeft()) {
        return Either.left(created.getLeft());
      }
      try (Repository repository = created.get()) {
        ObjectId commit;
        try (ObjectInserter inserter = repository.newObjectInserter(); ObjectReader reader = repository.newObjectReader()) {
          java.util.SortedMap<String, TreeRewriter.Edit> edits = new java.util.TreeMap<>();
          for (var file : files.entrySet()) {
            edits.put(file.getKey(), TreeRewriter.Edit.write(inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8))));
          }
          CommitBuilder builder = new CommitBuilder();
          builder.setTreeId(new TreeRewriter(reader, inserter).rewrite(null, edits));
          builder.setAuthor(ident);
          builder.setCommitter(ident);
          builder.setEncoding(StandardCharsets.UTF_8);
          builder.setMessage(message);
          commit = inserter.insert(builder);
          inserter.flush();
        } catch (TreeRewriter.Refused e) {
          return Either.left(e.failure());
        }
        GitRefs refs = new GitRefs(repository, GitLaneConfig.DEFAULT_STALE_LOCK_AFTER, Option.none());
        Either<PortFailure, Void> started = refs.atomically("start " + branches.mkString(" and "),
            branches.map(branch -> RefMove.create(branch.refName(), commit)));
        refs.packer.close();
        if (started.isLeft()) {
          return started;
        }
        repository.updateRef(Constants.HEAD).link(branches.head().refName());
      }
    } catch (IOException | IllegalStateException e) {
      return Failures.fail(Kind.INVALID_REQUEST, "Could not create a repository at " + directory + ".");
    }
    return Either.right(null);
  }
}
