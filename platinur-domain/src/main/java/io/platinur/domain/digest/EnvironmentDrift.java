package io.platinur.domain.digest;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Parity between environment directories: environments may differ only in their values overlays.
 * Given each environment directory's files (path relative to the directory → a content id such as
 * the Git blob id), {@link #between} reports every other file that is missing from some
 * environment or differs between them.
 */
public final class EnvironmentDrift {
  private EnvironmentDrift() {}

  /** A file, relative to the environment directories, that is not the same in all of them. */
  public record DriftedFile(String relativePath, SortedMap<EnvironmentName, Option<String>> contentByEnvironment) {
    public DriftedFile {
      Objects.requireNonNull(relativePath, "relativePath");
      Objects.requireNonNull(contentByEnvironment, "contentByEnvironment");
    }

    /** {@code charts/api/templates/deploy.yaml differs between environments (missing in prod).} */
    public String message() {
      Seq<EnvironmentName> missing = contentByEnvironment.filterValues(Option::isEmpty).keySet().toList();
      return relativePath + " differs between environments"
          + (missing.isEmpty() ? "" : " (missing in " + missing.mkString(", ") + ")")
          + "; environments may differ only in their values overlays.";
    }
  }

  /** Every drifted file, sorted by path; files named like the layout's values file are overlays and never drift. */
  public static Seq<DriftedFile> between(PinLayout layout, Map<EnvironmentName, ? extends Map<String, String>> filesByEnvironment) {
    String overlay = layout.valuesFileName();
    TreeSet<String> paths = TreeSet.ofAll(filesByEnvironment.values().flatMap(Map::keySet))
        .filter(path -> !path.equals(overlay) && !path.endsWith("/" + overlay));
    return paths.toList().flatMap(path -> {
      SortedMap<EnvironmentName, Option<String>> contents =
          TreeMap.ofEntries(filesByEnvironment.map(env -> new io.vavr.Tuple2<>(env._1, env._2.get(path).map(String::valueOf))));
      return contents.values().distinct().size() > 1 ? List.of(new DriftedFile(path, contents)) : List.empty();
    });
  }
}
