package io.platinur.domain.environment;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.repository.BranchName;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * How a staging lane maps onto a repository and a warehouse: the staging and production branches
 * and the output schemas each environment writes to.
 *
 * <p>Checked when built, not at run time: the branches must differ, each environment needs at
 * least one output schema, schema names are identifiers, and no schema may belong to both
 * environments (compared ignoring letter case). Every problem is reported at once in an
 * {@link InvalidValueException}.
 *
 * <pre>{@code
 * LaneConfiguration config = LaneConfiguration.builder()
 *     .stagingBranch(BranchName.of("staging"))
 *     .productionBranch(BranchName.of("main"))
 *     .addStagingSchemas("analytics_staging")
 *     .addProductionSchemas("analytics")
 *     .build();
 * }</pre>
 */
@Value.Immutable
public abstract class LaneConfiguration {
  private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,127}");

  public static Builder builder() {
    return new Builder();
  }

  /** Where proposals are applied; runs in Staging use it as their source of truth. */
  public abstract BranchName stagingBranch();

  /** Where promotion PRs merge; runs in Prod use it as their source of truth. */
  public abstract BranchName productionBranch();

  /** The schemas Staging runs write to. */
  public abstract Set<String> stagingSchemas();

  /** The schemas Prod runs write to; disjoint from the staging ones. */
  public abstract Set<String> productionSchemas();

  /** The branch runs in this environment read from. */
  public BranchName sourceOfTruth(Environment environment) {
    return environment == Environment.PROD ? productionBranch() : stagingBranch();
  }

  /** The schemas runs in this environment write to. */
  public Set<String> outputSchemas(Environment environment) {
    return environment == Environment.PROD ? productionSchemas() : stagingSchemas();
  }

  @Value.Check
  protected void check() {
    Seq<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new InvalidValueException(problems);
    }
  }

  private Seq<String> problems() {
    List<String> problems = List.empty();
    if (stagingBranch().equals(productionBranch())) {
      problems = problems.append(
          "The staging and production branches must differ; both are ‘" + stagingBranch() + "’.");
    }
    if (stagingSchemas().isEmpty()) {
      problems = problems.append("Staging needs at least one output schema.");
    }
    if (productionSchemas().isEmpty()) {
      problems = problems.append("Prod needs at least one output schema.");
    }
    for (String schema : List.ofAll(stagingSchemas()).appendAll(productionSchemas()).distinct().sorted()) {
      if (!SCHEMA.matcher(schema).matches()) {
        problems = problems.append("Output schema ‘" + schema + "’ is not a valid schema name.");
      }
    }
    java.util.Set<String> production =
        List.ofAll(productionSchemas()).map(s -> s.toLowerCase(Locale.ROOT)).toJavaSet();
    for (String schema : List.ofAll(stagingSchemas()).sorted()) {
      if (production.contains(schema.toLowerCase(Locale.ROOT))) {
        problems = problems.append(
            "Output schema ‘" + schema + "’ is configured for both Staging and Prod; production output schemas must be separate from staging output schemas.");
      }
    }
    return problems;
  }

  /** Builds a configuration; {@code build()} checks every rule and reports all problems at once. */
  public static final class Builder extends ImmutableLaneConfiguration.Builder {}
}
