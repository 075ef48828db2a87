package io.platinur.domain.digest;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.proposal.RepoPath;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.Objects;

/**
 * Where an environment's pin for a service lives in the GitOps repository: a path template with
 * {@code {env}} and {@code {service}} (default {@code environments/{env}/{service}/values.yaml})
 * and the pin's key in that YAML file (default {@code image.digest}). The part of the template
 * before {@code {env}} and up to its directory end names the environment directory, which the
 * drift check compares.
 */
public record PinLayout(String pathTemplate, PinKey key) {
  public static final String ENV = "{env}";
  public static final String SERVICE = "{service}";

  public PinLayout {
    Objects.requireNonNull(key, "key");
    Seq<String> problems = check(pathTemplate);
    if (!problems.isEmpty()) {
      throw new InvalidValueException(problems);
    }
  }

  public static PinLayout standard() {
    return new PinLayout("environments/{env}/{service}/values.yaml", PinKey.of("image.digest"));
  }

  /** A layout from a template and a dotted key; every problem is reported at once. */
  public static Validation<Seq<String>, PinLayout> parse(String pathTemplate, String key) {
    Seq<String> problems = check(pathTemplate);
    Validation<String, PinKey> pinKey = PinKey.parse(key);
    if (pinKey.isInvalid()) {
      problems = problems.append(pinKey.getError());
    }
    return problems.isEmpty() ? Validation.valid(new PinLayout(pathTemplate, pinKey.get())) : Validation.invalid(problems);
  }

  /** The values file holding {@code service}'s pin in {@code environment}. */
  public RepoPath pinPath(EnvironmentName environment, ServiceName service) {
    return RepoPath.of(pathTemplate.replace(ENV, environment.value()).replace(SERVICE, service.value()));
  }

  /** The directory of {@code environment}: the template up to the directory that holds {@code {env}}. */
  public String environmentDirectory(EnvironmentName environment) {
    int at = pathTemplate.indexOf(ENV);
    int end = pathTemplate.indexOf('/', at);
    return pathTemplate.substring(0, end + 1).replace(ENV, environment.value());
  }

  /** The values file's name, {@code values.yaml}: files of that name are overlays, free to differ. */
  public String valuesFileName() {
    return pathTemplate.substring(pathTemplate.lastIndexOf('/') + 1);
  }

  private static Seq<String> check(String template) {
    if (template == null || template.isEmpty()) {
      return List.of("A pin path template is required, such as environments/{env}/{service}/values.yaml.");
    }
    List<String> problems = List.empty();
    if (!template.contains(ENV) || !template.contains(SERVICE)) {
      problems = problems.append("The pin path template ‘" + template + "’ must contain both {env} and {service}.");
    } else {
      int env = template.indexOf(ENV);
      if (template.indexOf('/', env) < 0) {
        problems = problems.append("The pin path template ‘" + template + "’ must put {env} in a directory that holds the values files.");
      }
      Validation<String, RepoPath> sample = RepoPath.parse(template.replace(ENV, "env").replace(SERVICE, "service"));
      if (sample.isInvalid()) {
        problems = problems.append("The pin path template ‘" + template + "’ does not give a valid repository path: " + sample.getError());
      }
    }
    return problems;
  }
}
