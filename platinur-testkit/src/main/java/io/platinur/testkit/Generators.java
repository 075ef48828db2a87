package io.platinur.testkit;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.platinur.testkit.model.LaneCommand;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.proposal.RepoPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators for the domain: repository paths with letter-case variants, proposals
 * drawn from a small pool of ids and paths (so overlaps and repeats are common), and lane command
 * sequences. Everything is built from integers, so QuickTheories shrinks a failing example to a
 * short sequence of small choices.
 */
public final class Generators {
  private Generators() {}

  /** The paths proposals draw from; few enough that proposals often share one. */
  public static final List<String> PATH_POOL = List.of(
      "models/orders.sql", "models/customers.sql", "models/schema.yml", "seeds/rates.csv",
      "README.md", "docs/index.md", "macros/util.sql", "dbt_project.yml");

  /** The ids proposals draw from. */
  public static final List<String> ID_POOL = List.of("p0", "p1", "p2", "p3", "p4", "p5");

  /** A path from the pool, as written (most often), Capitalized per component, or UPPER CASE. */
  public static Gen<RepoPath> paths() {
    return Generate.pick(PATH_POOL).zip(Generate.frequency(
            Pair.of(6, Generate.constant(0)), Pair.of(1, Generate.constant(1)), Pair.of(1, Generate.constant(2))),
        (path, variant) -> RepoPath.of(caseVariant(path, variant)));
  }

  static String caseVariant(String path, int variant) {
    switch (variant) {
      case 1: {
        StringBuilder out = new StringBuilder();
        for (String component : path.split("/")) {
          if (out.length() > 0) {
            out.append('/');
          }
          out.append(Character.toUpperCase(component.charAt(0))).append(component.substring(1));
        }
        return out.toString();
      }
      case 2:
        return path.toUpperCase(Locale.ROOT);
      default:
        return path;
    }
  }

  public static Gen<ProposalId> proposalIds() {
    return Generate.pick(ID_POOL).map(ProposalId::of);
  }

  /**
   * A valid proposal: an id from the pool, a title that varies between versions of the same id,
   * and 1 to 4 writes or deletes of pool paths. Paths that differ only in case from an earlier one
   * are dropped, as a proposal may not hold both.
   */
  public static Gen<Proposal> proposals() {
    return proposalIds().zip(
        integers().between(0, 2),
        lists().of(paths()).ofSizeBetween(1, 4),
        Generate.booleans(),
        (id, version, paths, deleteFirst) -> {
          Proposal.Builder builder = Proposal.builder(id, "Change " + id + " v" + version);
          Set<String> folded = new HashSet<>();
          int index = 0;
          for (RepoPath path : paths) {
            if (folded.add(path.folded())) {
              if (index == 0 && deleteFirst) {
                builder.delete(path.value());
              } else {
                builder.write(path.value(), id + " v" + version + " " + index);
              }
              index++;
            }
          }
          return builder.build();
        });
  }

  public static Gen<Long> pullRequestNumbers() {
    return Generate.longRange(1, 3);
  }

  /** Any lane command, applies most often, PR events often enough to reach every lock state. */
  public static Gen<LaneCommand> commands() {
    Gen<LaneCommand> apply = proposals().map(LaneCommand.Apply::new);
    Gen<LaneCommand> unapply = integers().between(0, 5).zip(
        Generate.frequency(Pair.of(8, Generate.constant(0)), Pair.of(1, Generate.constant(-1)), Pair.of(1, Generate.constant(1))),
        LaneCommand.Unapply::new);
    Gen<LaneCommand> discard = Generate.constant(new LaneCommand.Discard());
    Gen<LaneCommand> open = pullRequestNumbers().map(LaneCommand.OpenPr::new);
    Gen<LaneCommand> closed = pullRequestNumbers().map(LaneCommand.PrClosed::new);
    Gen<LaneCommand> merged = pullRequestNumbers().zip(integers().between(0, 1), LaneCommand.PrMerged::new);
    Gen<LaneCommand> sync = Generate.constant(new LaneCommand.Sync());
    return Generate.frequency(List.of(
        Pair.of(8, apply), Pair.of(2, unapply), Pair.of(1, discard), Pair.of(3, open),
        Pair.of(1, closed), Pair.of(3, merged), Pair.of(2, sync)));
  }

  public static Gen<List<LaneCommand>> commandSequences(int maxLength) {
    return lists().of(commands()).ofSizeBetween(0, maxLength)
        .describedAs(commands -> new ArrayList<>(commands).toString());
  }
}
