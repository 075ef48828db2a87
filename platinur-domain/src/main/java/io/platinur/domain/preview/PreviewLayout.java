package io.platinur.domain.preview;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.proposal.RepoPath;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.util.Objects;

/**
 * Where previews live in the GitOps repository: one directory per pull request under a root
 * ({@code previews/pr-<n>}), holding a values file ({@code values.yaml}) that pins the PR's digest,
 * so a Git directory generator (Argo CD ApplicationSet) deploys each directory as one preview.
 *
 * <p>The directory name is a pattern with exactly one {@code {n}}, the pull request's number.
 * Platinur never writes outside {@link #root()}.
 */
public final class PreviewLayout {
  private static final String NUMBER = "{n}";

  private final RepoPath root;
  private final String prefix;
  private final String suffix;
  private final String valuesFile;

  private PreviewLayout(RepoPath root, String prefix, String suffix, String valuesFile) {
    this.root = root;
    this.prefix = prefix;
    this.suffix = suffix;
    this.valuesFile = valuesFile;
  }

  /** {@code previews/pr-{n}/values.yaml}. */
  public static PreviewLayout standard() {
    return of("previews", "pr-{n}", "values.yaml").get();
  }

  /**
   * A layout with its root directory, directory name pattern (one {@code {n}}) and values file
   * name; every problem is reported at once.
   */
  public static Validation<Seq<String>, PreviewLayout> of(String root, String directoryPattern, String valuesFile) {
    Validation<String, RepoPath> checkedRoot = RepoPath.parse(root);
    Validation<String, String> checkedPattern = checkPattern(directoryPattern);
    Validation<String, String> checkedFile = checkFileName(valuesFile);
    return Validation.combine(checkedRoot, checkedPattern, checkedFile)
        .ap((r, pattern, file) -> {
          int at = pattern.indexOf(NUMBER);
          return new PreviewLayout(r, pattern.substring(0, at), pattern.substring(at + NUMBER.length()), file);
        })
        .mapError(List::ofAll);
  }

  public RepoPath root() {
    return root;
  }

  /** The directory name pattern, with {@code {n}} where the number goes. */
  public String directoryPattern() {
    return prefix + NUMBER + suffix;
  }

  public String valuesFileName() {
    return valuesFile;
  }

  /** {@code previews/pr-42}. */
  public RepoPath directoryOf(PullRequestNumber pr) {
    return RepoPath.of(root.value() + "/" + directoryName(pr));
  }

  /** {@code pr-42}. */
  public String directoryName(PullRequestNumber pr) {
    return prefix + pr.value() + suffix;
  }

  /** {@code previews/pr-42/values.yaml}. */
  public RepoPath valuesFileOf(PullRequestNumber pr) {
    return RepoPath.of(directoryOf(pr).value() + "/" + valuesFile);
  }

  /** Whether a directory name under the root has the pattern's shape (whatever stands for the number). */
  public boolean looksLikePreview(String directoryName) {
    return directoryName.length() > prefix.length() + suffix.length()
        && directoryName.startsWith(prefix)
        && directoryName.endsWith(suffix);
  }

  /**
   * The pull request a directory name under the root stands for: the pattern with a positive
   * number written as Platinur writes it (no sign, no leading zero). {@code pr-007} is not one.
   */
  public Option<PullRequestNumber> numberOf(String directoryName) {
    if (!looksLikePreview(directoryName)) {
      return Option.none();
    }
    String digits = directoryName.substring(prefix.length(), directoryName.length() - suffix.length());
    if (digits.isEmpty() || digits.length() > 18 || digits.charAt(0) == '0' || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Option.none();
    }
    return Option.of(PullRequestNumber.of(Long.parseLong(digits)));
  }

  /** Whether {@code path} is the root or lies under it. */
  public boolean contains(RepoPath path) {
    return path.equals(root) || path.value().startsWith(root.value() + "/");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PreviewLayout that
        && root.equals(that.root) && prefix.equals(that.prefix) && suffix.equals(that.suffix) && valuesFile.equals(that.valuesFile);
  }

  @Override
  public int hashCode() {
    return Objects.hash(root, prefix, suffix, valuesFile);
  }

  @Override
  public String toString() {
    return root + "/" + directoryPattern() + "/" + valuesFile;
  }

  private static Validation<String, String> checkPattern(String pattern) {
    if (pattern == null || pattern.isEmpty()) {
      return Validation.invalid("A preview directory pattern is required, such as ‘pr-{n}’.");
    }
    int first = pattern.indexOf(NUMBER);
    if (first < 0 || pattern.indexOf(NUMBER, first + 1) >= 0) {
      return Validation.invalid("The preview directory pattern ‘" + pattern + "’ must contain {n} exactly once.");
    }
    String literal = pattern.replace(NUMBER, "1");
    Validation<String, String> name = checkFileName(literal);
    if (name.isInvalid()) {
      return Validation.invalid("The preview directory pattern ‘" + pattern + "’ must name one directory: " + name.getError());
    }
    char before = first == 0 ? ' ' : pattern.charAt(first - 1);
    int afterIndex = first + NUMBER.length();
    char after = afterIndex < pattern.length() ? pattern.charAt(afterIndex) : ' ';
    if (Character.isDigit(before) || Character.isDigit(after)) {
      return Validation.invalid("The preview directory pattern ‘" + pattern + "’ must not put a digit next to {n}.");
    }
    return Validation.valid(pattern);
  }

  private static Validation<String, String> checkFileName(String name) {
    if (name == null || name.isEmpty()) {
      return Validation.invalid("A file or directory name is required.");
    }
    if (name.contains("/")) {
      return Validation.invalid("‘" + name + "’ must be one name, without ‘/’.");
    }
    return RepoPath.parse(name).map(RepoPath::value);
  }
}
