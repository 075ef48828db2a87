package io.platinur.domain.digest;

import io.platinur.domain.proposal.RepoPath;
import java.util.Objects;

/**
 * Why a pin could not be read from, or written to, a YAML values file. Nothing was changed. The
 * file's content never appears in a message; a parse error names its line and column.
 */
public sealed interface PinFileProblem
    permits PinFileProblem.FileMissing,
        PinFileProblem.NotUtf8,
        PinFileProblem.Unparseable,
        PinFileProblem.SeveralDocuments,
        PinFileProblem.KeyMissing,
        PinFileProblem.DuplicateKey,
        PinFileProblem.NotAScalar,
        PinFileProblem.UnsupportedScalar,
        PinFileProblem.KeyWithoutValue,
        PinFileProblem.SharedByAlias,
        PinFileProblem.NotRewritable,
        PinFileProblem.NotADigest {

  RepoPath file();

  /** The exact user-facing message. */
  String message();

  /** {@code environments/prod/api/values.yaml does not exist.} */
  record FileMissing(RepoPath file) implements PinFileProblem {
    public FileMissing {
      Objects.requireNonNull(file, "file");
    }

    @Override
    public String message() {
      return file + " does not exist.";
    }
  }

  /** {@code environments/prod/api/values.yaml is not UTF-8 text.} */
  record NotUtf8(RepoPath file) implements PinFileProblem {
    public NotUtf8 {
      Objects.requireNonNull(file, "file");
    }

    @Override
    public String message() {
      return file + " is not UTF-8 text.";
    }
  }

  /** {@code environments/prod/api/values.yaml is not valid YAML (line 3, column 7): <problem>.} */
  record Unparseable(RepoPath file, int line, int column, String problem) implements PinFileProblem {
    public Unparseable {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(problem, "problem");
    }

    @Override
    public String message() {
      return file + " is not valid YAML (line " + line + ", column " + column + "): " + problem + ".";
    }
  }

  /** {@code environments/prod/api/values.yaml holds 2 YAML documents; a values file holds one.} */
  record SeveralDocuments(RepoPath file, int documents) implements PinFileProblem {
    public SeveralDocuments {
      Objects.requireNonNull(file, "file");
    }

    @Override
    public String message() {
      return file + " holds " + documents + " YAML documents; a values file holds one.";
    }
  }

  /** {@code environments/prod/api/values.yaml has no key image.digest.} */
  record KeyMissing(RepoPath file, PinKey key) implements PinFileProblem {
    public KeyMissing {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(key, "key");
    }

    @Override
    public String message() {
      return file + " has no key " + key + ".";
    }
  }

  /** {@code image.digest appears more than once in environments/prod/api/values.yaml.} */
  record DuplicateKey(RepoPath file, PinKey key) implements PinFileProblem {
    public DuplicateKey {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(key, "key");
    }

    @Override
    public String message() {
      return key + " appears more than once in " + file + ".";
    }
  }

  /** {@code image.digest in environments/prod/api/values.yaml is a mapping, not a scalar.} */
  record NotAScalar(RepoPath file, PinKey key, String found) implements PinFileProblem {
    public NotAScalar {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(found, "found");
    }

    @Override
    public String message() {
      return key + " in " + file + " is " + found + ", not a scalar.";
    }
  }

  /**
   * The pin is a scalar Platinur does not rewrite: an alias, an anchored or tagged scalar (other
   * nodes would change with it), or a block scalar.
   */
  record UnsupportedScalar(RepoPath file, PinKey key, String what) implements PinFileProblem {
    public UnsupportedScalar {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(what, "what");
    }

    @Override
    public String message() {
      return key + " in " + file + " is " + what + "; write the pin as a plain or quoted scalar.";
    }
  }

  /**
   * The key is written without a colon ({@code ? digest} in a block mapping, {@code {digest, x: 1}}
   * in a flow mapping), so it has no value to rewrite in place.
   */
  record KeyWithoutValue(RepoPath file, PinKey key) implements PinFileProblem {
    public KeyWithoutValue {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(key, "key");
    }

    @Override
    public String message() {
      return key + " in " + file + " is a key without a colon, so it has no value to rewrite; write it as ‘"
          + key.segments().last() + ": <value>’.";
    }
  }

  /**
   * The pin lies inside an anchored mapping or list ({@code base: &b {digest: x}}) that an alias or
   * a merge key ({@code other: *b}, {@code <<: *b}) reuses: rewriting it would change that copy
   * too.
   */
  record SharedByAlias(RepoPath file, PinKey key, String anchor) implements PinFileProblem {
    public SharedByAlias {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(anchor, "anchor");
    }

    @Override
    public String message() {
      return key + " in " + file + " is inside &" + anchor + ", which *" + anchor + " reuses elsewhere in the file: rewriting it would change"
          + " that copy too. Write the pin outside the anchored node.";
    }
  }

  /**
   * Writing the value in place would not read back as written (the edited file would mean
   * something else), so nothing is written.
   */
  record NotRewritable(RepoPath file, PinKey key) implements PinFileProblem {
    public NotRewritable {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(key, "key");
    }

    @Override
    public String message() {
      return key + " in " + file + " cannot be rewritten in place: the edited file would not read back as written."
          + " Write the pin as a plain or quoted scalar after its key's colon.";
    }
  }

  /** {@code image.digest in environments/prod/api/values.yaml is not an image digest: <why>} */
  record NotADigest(RepoPath file, PinKey key, String problem) implements PinFileProblem {
    public NotADigest {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(problem, "problem");
    }

    @Override
    public String message() {
      return key + " in " + file + " does not hold an image digest: " + problem;
    }
  }
}
