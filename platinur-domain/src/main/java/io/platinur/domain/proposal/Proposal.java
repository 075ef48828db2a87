package io.platinur.domain.proposal;

import io.platinur.domain.InvalidValueException;
import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Validation;
import java.util.Objects;

/**
 * An identified, titled change set: an ordered map from repository path to {@link Change}.
 *
 * <p>A proposal is valid when its title is one line of 1 to 200 characters, it changes at least
 * one path, no two of its paths differ only in letter case, and it writes no {@code .env} file
 * ({@code .env} and {@code .env.*}, except {@code .env.example}, {@code .env.sample} and
 * {@code .env.template}): each environment's secrets live in that environment, never in the
 * repository. Build one with {@link #builder(ProposalId, String)}.
 */
public final class Proposal {
  private static final int MAX_TITLE = 200;
  private static final java.util.Set<String> ALLOWED_ENV_FILES =
      java.util.Set.of(".env.example", ".env.sample", ".env.template");

  private final ProposalId id;
  private final String title;
  private final LinkedHashMap<RepoPath, Change> changes;

  private Proposal(ProposalId id, String title, LinkedHashMap<RepoPath, Change> changes) {
    this.id = id;
    this.title = title;
    this.changes = changes;
  }

  /** Starts a proposal; add changes and call {@link Builder#build()}. */
  public static Builder builder(ProposalId id, String title) {
    return new Builder(id, title);
  }

  /** Checks every rule at once and returns all problems found, or the proposal. */
  private static final String NO_CHANGE = "A proposal must change at least one file.";

  public static Validation<Seq<String>, Proposal> validate(
      ProposalId id, String title, LinkedHashMap<RepoPath, Change> changes) {
    List<String> problems = List.empty();
    if (id == null) {
      problems = problems.append("A proposal needs an id.");
    }
    problems = problems.appendAll(titleProblems(title));
    if (changes == null || changes.isEmpty()) {
      problems = problems.append(NO_CHANGE);
    } else {
      problems = problems.appendAll(caseCollisions(changes.keySet()));
      problems =
          problems.appendAll(
              changes
                  .filter(entry -> entry._2 instanceof Change.Write && isEnvFile(entry._1))
                  .map(entry -> "Proposals may not add ‘" + entry._1 + "’: secrets live in each environment, not in the repository."));
    }
    return problems.isEmpty()
        ? Validation.valid(new Proposal(id, title, changes))
        : Validation.invalid(problems);
  }

  /** Whether a path names an environment secrets file that a proposal may not write. */
  public static boolean isEnvFile(RepoPath path) {
    String name = path.fileName().toLowerCase(java.util.Locale.ROOT);
    return (name.equals(".env") || name.startsWith(".env.")) && !ALLOWED_ENV_FILES.contains(name);
  }

  public ProposalId id() {
    return id;
  }

  public String title() {
    return title;
  }

  /** The changes in the order they were given. */
  public LinkedHashMap<RepoPath, Change> changes() {
    return changes;
  }

  /** Every path the proposal changes, sorted. */
  public SortedSet<RepoPath> fileSet() {
    return TreeSet.ofAll(changes.keySet());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Proposal that
        && id.equals(that.id)
        && title.equals(that.title)
        && changes.equals(that.changes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, title, changes);
  }

  @Override
  public String toString() {
    return "Proposal[" + id + " ‘" + title + "’, " + changes.size() + " file(s)]";
  }

  private static Seq<String> titleProblems(String title) {
    if (title == null || title.isBlank()) {
      return List.of("A proposal needs a title.");
    }
    if (title.length() > MAX_TITLE) {
      return List.of("A proposal title must be at most " + MAX_TITLE + " characters.");
    }
    if (title.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return List.of("A proposal title must be one line without control characters.");
    }
    if (!title.equals(title.strip())) {
      return List.of("A proposal title must not start or end with white space.");
    }
    return List.empty();
  }

  private static Seq<String> caseCollisions(io.vavr.collection.Set<RepoPath> paths) {
    return paths
        .groupBy(RepoPath::folded)
        .values()
        .filter(group -> group.size() > 1)
        .map(group -> TreeSet.ofAll(group).mkString("‘", "’ and ‘", "’"))
        .map(names -> "Paths " + names + " differ only in letter case.")
        .toList()
        .sorted();
  }

  /** Collects changes in order; a later change to the same path replaces the earlier one. */
  public static final class Builder {
    private final ProposalId id;
    private final String title;
    private LinkedHashMap<RepoPath, Change> changes = LinkedHashMap.empty();
    private List<String> pathProblems = List.empty();

    private Builder(ProposalId id, String title) {
      this.id = id;
      this.title = title;
    }

    public Builder write(String path, String text) {
      return change(path, Change.write(text));
    }

    public Builder write(String path, byte[] content) {
      return change(path, Change.write(content));
    }

    public Builder delete(String path) {
      return change(path, Change.delete());
    }

    public Builder change(String path, Change change) {
      Validation<String, RepoPath> parsed = RepoPath.parse(path);
      if (parsed.isInvalid()) {
        pathProblems = pathProblems.append(parsed.getError());
        return this;
      }
      return change(parsed.get(), change);
    }

    public Builder change(RepoPath path, Change change) {
      changes = changes.put(new Tuple2<>(Objects.requireNonNull(path), Objects.requireNonNull(change)));
      return this;
    }

    /** All problems found, or the proposal. */
    public Validation<Seq<String>, Proposal> validate() {
      Validation<Seq<String>, Proposal> checked = Proposal.validate(id, title, changes);
      if (pathProblems.isEmpty()) {
        return checked;
      }
      // A refused path is why nothing is left to change: that is said once, by the path's problem.
      return Validation.invalid(pathProblems.appendAll(checked.fold(p -> p.remove(NO_CHANGE), ok -> List.empty())));
    }

    /** The proposal, or {@link InvalidValueException} listing every problem. */
    public Proposal build() {
      return validate().toEither().getOrElseThrow(problems -> new InvalidValueException(problems));
    }
  }
}
