package io.platinur.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import io.platinur.domain.digest.DigestDeployment;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.Deployments;
import io.platinur.port.DigestDeployments;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Deployment truth from GitLab's Deployments API ({@code GET /projects/:id/deployments?environment=…}).
 * A GitLab deployment has one status at a time, with the time it last changed ({@code finished_at},
 * else {@code updated_at}); it keeps no history of earlier statuses.
 *
 * <p>For digest promotion a deployment is of a GitOps commit: the digest it deployed for a service
 * is the one that commit pins ({@link PinLayout}: the service's values file at the deployment's
 * {@code sha}, read once per commit with {@code GET /projects/:id/repository/files/:path/raw?ref=…}).
 * Deployments to the environment itself (all its services, as a GitOps sync deploys them) and to its
 * per-service folder {@code <env>/<service>} count; a commit that does not pin the service is not a
 * deployment of it.
 */
final class GitLabDeployments implements Deployments, DigestDeployments {
  private static final int PINS_KEPT = 4096;

  private final GitLabHttp http;
  private final String project;
  private final PinLayout layout;
  // commit and pin file → the digest pinned there (commits never change)
  private final Map<String, Option<ImageDigest>> pins = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Option<ImageDigest>> eldest) {
      return size() > PINS_KEPT;
    }
  };

  GitLabDeployments(GitLabHttp http, String projectId, PinLayout layout) {
    this.http = http;
    this.project = "/projects/" + projectId;
    this.layout = layout;
  }

  @Override
  public Either<PortFailure, DeploymentState> latestStatus(String environment, CommitId commit) {
    if (environment == null || environment.isBlank()) {
      return Either.left(PortFailure.of(Kind.INVALID_REQUEST, "An environment name is required."));
    }
    String operation = "Reading the deployment of " + commit.abbreviated() + " to " + environment;
    return deployments(operation, environment).flatMap(list -> {
      Option<JsonNode> latest = list.filter(d -> commit.hex().equalsIgnoreCase(d.path("sha").asText(""))).maxBy(d -> d.path("id").asLong());
      return latest.isEmpty() ? Either.right(DeploymentState.NOT_FOUND) : state(operation, latest.get());
    });
  }

  @Override
  public Either<PortFailure, Seq<DigestDeployment>> statuses(EnvironmentName environment, ServiceName service) {
    String operation = "Reading the deployments of " + service + " to " + environment;
    Either<PortFailure, Seq<JsonNode>> all = deployments(operation, environment.value())
        .flatMap(whole -> deployments(operation, environment.value() + "/" + service.value()).map(whole::appendAll));
    if (all.isLeft()) {
      return Either.left(all.getLeft());
    }
    List<DigestDeployment> found = List.empty();
    for (JsonNode deployment : all.get()) {
      Either<PortFailure, CommitId> sha = MergeRequestJson.commit(operation, deployment.path("sha"));
      Either<PortFailure, DeploymentState> state = sha.flatMap(ignored -> state(operation, deployment));
      Option<Instant> at = time(deployment.path("finished_at")).orElse(() -> time(deployment.path("updated_at")));
      if (state.isLeft()) {
        return Either.left(state.getLeft());
      }
      if (at.isEmpty()) {
        return Either.left(GitLabHttp.malformed(operation, "deployment " + deployment.path("id").asLong() + " has no time"));
      }
      Either<PortFailure, Option<ImageDigest>> digest = pinnedAt(operation, sha.get(), environment, service);
      if (digest.isLeft()) {
        return Either.left(digest.getLeft());
      }
      if (digest.get().isDefined()) {
        found = found.append(new DigestDeployment(environment, service, digest.get().get(), state.get(), at.get()));
      }
    }
    return Either.right(found.sortBy(DigestDeployment::at));
  }

  private Either<PortFailure, Seq<JsonNode>> deployments(String operation, String environment) {
    return http.readAll(operation, project + "/deployments?environment=" + GitLabMergeRequests.encode(environment)
            + "&order_by=id&sort=desc")
        .flatMap(list -> list.exists(d -> !d.path("id").isIntegralNumber()
                || !environment.equals(d.path("environment").path("name").asText(environment)))
            ? Either.left(GitLabHttp.malformed(operation, "GitLab listed a deployment without its id, or to another environment"))
            : Either.right(list));
  }

  /** The digest {@code commit} pins for the service in the environment; none when it pins nothing there. */
  private Either<PortFailure, Option<ImageDigest>> pinnedAt(String operation, CommitId commit, EnvironmentName environment,
      ServiceName service) {
    String file = layout.pinPath(environment, service).value();
    String key = commit.hex() + " " + file;
    synchronized (pins) {
      if (pins.containsKey(key)) {
        return Either.right(pins.get(key));
      }
    }
    String path = project + "/repository/files/" + GitLabMergeRequests.encode(file) + "/raw?ref=" + commit.hex();
    return http.askText(operation, path).flatMap(answer -> {
      if (answer.status() == 404) {
        return Either.right(Option.<ImageDigest>none());
      }
      if (answer.status() < 200 || answer.status() >= 300) {
        return Either.left(PortFailure.of(answer.status() == 401 || answer.status() == 403 ? Kind.UNAUTHORIZED : Kind.INVALID_REQUEST,
            operation + ": GitLab answered " + answer.status() + " to reading " + file + " at " + commit.abbreviated() + "."));
      }
      return Either.right(digestIn(answer.text()));
    }).peek(digest -> {
      synchronized (pins) {
        pins.put(key, digest);
      }
    });
  }

  /** The scalar at the layout's key, when it is a digest; a file that does not parse pins nothing. */
  private Option<ImageDigest> digestIn(String yaml) {
    Object node = Try.of(() -> new Load(LoadSettings.builder().build()).loadFromString(yaml)).getOrNull();
    for (String segment : layout.key().segments()) {
      if (!(node instanceof Map<?, ?> map)) {
        return Option.none();
      }
      node = map.get(segment);
    }
    return node instanceof String text ? ImageDigest.parse(text).toOption() : Option.none();
  }

  private static Either<PortFailure, DeploymentState> state(String operation, JsonNode deployment) {
    return switch (deployment.path("status").asText("")) {
      case "created" -> Either.right(DeploymentState.PENDING);
      case "blocked" -> Either.right(DeploymentState.QUEUED);
      case "running" -> Either.right(DeploymentState.IN_PROGRESS);
      case "success" -> Either.right(DeploymentState.SUCCESS);
      case "failed" -> Either.right(DeploymentState.FAILURE);
      case "canceled" -> Either.right(DeploymentState.ERROR);
      case "skipped" -> Either.right(DeploymentState.INACTIVE);
      default -> Either.left(GitLabHttp.malformed(operation, "deployment " + deployment.path("id").asLong() + " has no known status"));
    };
  }

  private static Option<Instant> time(JsonNode text) {
    return text.isTextual() ? Try.of(() -> OffsetDateTime.parse(text.asText()).toInstant()).toOption() : Option.none();
  }
}
