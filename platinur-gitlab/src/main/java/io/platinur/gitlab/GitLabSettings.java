package io.platinur.gitlab;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.repository.BranchName;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.regex.Pattern;

/**
 * Everything the GitLab adapter needs to know: where the REST API v4 is, which project, how to
 * authenticate, how long to wait and how often to retry, how to read CI and merge.
 *
 * <pre>{@code
 * GitLabSettings settings = GitLabSettings.builder()
 *     .project("acme/platform/analytics")
 *     .credentials(GitLabCredentials.projectAccessToken(System.getenv("GITLAB_TOKEN")))
 *     .build();
 * }</pre>
 *
 * <p>For a self-managed GitLab set {@link Builder#apiEndpoint(URI)} to
 * {@code https://<host>/api/v4}. Every problem with the settings is reported at once by
 * {@link Builder#build()}, each naming the value at fault. {@link #toString()} never shows
 * credentials or the webhook secret.
 */
public final class GitLabSettings {
  /** gitlab.com's REST API v4. */
  public static final URI GITLAB_COM = URI.create("https://gitlab.com/api/v4");

  // GitLab: letters, digits, '_', '-' and '.'; not starting with '-' or '.', not ending in .git or .atom
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}");

  private final URI apiEndpoint;
  private final String project;
  private final GitLabCredentials credentials;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final RetryBudget retryBudget;
  private final NoChecksPolicy noChecksPolicy;
  private final Set<String> requiredChecks;
  private final boolean mergeWhenPipelineSucceeds;
  private final PinLayout pinLayout;
  private final Option<String> webhookSecret;
  private final Option<BranchName> productionBranch;

  private GitLabSettings(Builder b) {
    this.apiEndpoint = b.apiEndpoint;
    this.project = b.project;
    this.credentials = b.credentials;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.retryBudget = b.retryBudget;
    this.noChecksPolicy = b.noChecksPolicy;
    this.requiredChecks = b.requiredChecks;
    this.mergeWhenPipelineSucceeds = b.mergeWhenPipelineSucceeds;
    this.pinLayout = b.pinLayout;
    this.webhookSecret = Option.of(b.webhookSecret);
    this.productionBranch = Option.of(b.productionBranch);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The REST API v4 root, without a trailing slash: {@code https://gitlab.com/api/v4} by default. */
  public URI apiEndpoint() {
    return apiEndpoint;
  }

  /** The project's full path, {@code GROUP/PROJECT} or {@code GROUP/SUBGROUP/…/PROJECT}. */
  public String project() {
    return project;
  }

  /** The project's id as it goes into a URL: its full path, URL-encoded ({@code acme%2Fplatform}). */
  String projectId() {
    return URLEncoder.encode(project, StandardCharsets.UTF_8);
  }

  public GitLabCredentials credentials() {
    return credentials;
  }

  /** The longest wait for a TCP (and TLS) connection; 5 seconds by default. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The longest wait for one whole answer, per attempt; 20 seconds by default. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  public RetryBudget retryBudget() {
    return retryBudget;
  }

  public NoChecksPolicy noChecksPolicy() {
    return noChecksPolicy;
  }

  /**
   * Commit-status or job names (and {@code pipeline}, for the commit's latest pipeline) that must
   * have reported before CI can be green; one that has not reported yet keeps CI pending.
   */
  public Set<String> requiredChecks() {
    return requiredChecks;
  }

  /**
   * Whether a merge asks GitLab to merge when the pipeline succeeds (auto-merge) rather than at
   * once; the merge then answers {@code ENQUEUED} while the pipeline runs. Off by default: the gate
   * has already seen the pipeline green.
   */
  public boolean mergeWhenPipelineSucceeds() {
    return mergeWhenPipelineSucceeds;
  }

  /** Where each service's digest is pinned, to tell which digest a deployment deployed. */
  public PinLayout pinLayout() {
    return pinLayout;
  }

  /** The production branch, when set; only named in messages for now. */
  public Option<BranchName> productionBranch() {
    return productionBranch;
  }

  /** The webhook's secret token, if one is configured; package-private so it is never handed out. */
  Option<String> webhookSecret() {
    return webhookSecret;
  }

  @Override
  public String toString() {
    return "GitLabSettings[" + project + " at " + apiEndpoint + ", " + credentials
        + ", connect timeout " + connectTimeout + ", request timeout " + requestTimeout
        + ", " + retryBudget + ", " + noChecksPolicy + "]";
  }

  /** Builds {@link GitLabSettings}; {@link #project} and {@link #credentials} are required. */
  public static final class Builder {
    private URI apiEndpoint = GITLAB_COM;
    private String project;
    private GitLabCredentials credentials;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(20);
    private RetryBudget retryBudget = RetryBudget.DEFAULT;
    private NoChecksPolicy noChecksPolicy = NoChecksPolicy.REPORT_NO_CHECKS;
    private Set<String> requiredChecks = TreeSet.empty();
    private boolean mergeWhenPipelineSucceeds;
    private PinLayout pinLayout = PinLayout.standard();
    private String webhookSecret;
    private BranchName productionBranch;

    private Builder() {}

    /** The REST API v4 root; for a self-managed GitLab {@code https://<host>/api/v4}. */
    public Builder apiEndpoint(URI apiEndpoint) {
      this.apiEndpoint = apiEndpoint;
      return this;
    }

    /** The project's full path: {@code GROUP/PROJECT}, with subgroups {@code GROUP/SUB/PROJECT}. */
    public Builder project(String path) {
      this.project = path;
      return this;
    }

    public Builder credentials(GitLabCredentials credentials) {
      this.credentials = credentials;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    public Builder retryBudget(RetryBudget retryBudget) {
      this.retryBudget = retryBudget;
      return this;
    }

    public Builder noChecksPolicy(NoChecksPolicy noChecksPolicy) {
      this.noChecksPolicy = noChecksPolicy;
      return this;
    }

    public Builder requiredChecks(Iterable<String> names) {
      this.requiredChecks = names == null ? null : TreeSet.ofAll(names);
      return this;
    }

    public Builder mergeWhenPipelineSucceeds(boolean auto) {
      this.mergeWhenPipelineSucceeds = auto;
      return this;
    }

    public Builder pinLayout(PinLayout layout) {
      this.pinLayout = layout;
      return this;
    }

    /**
     * The secret token of the project's webhook, for {@link GitLabPlatform#webhooks}; it is also
     * scrubbed from every text GitLab sends back, like the access token.
     */
    public Builder webhookSecret(String secret) {
      this.webhookSecret = secret;
      return this;
    }

    public Builder productionBranch(BranchName branch) {
      this.productionBranch = branch;
      return this;
    }

    /** Checks everything and reports every problem at once in an {@link InvalidValueException}. */
    public GitLabSettings build() {
      java.util.List<String> problems = new ArrayList<>();
      endpointProblem(apiEndpoint).forEach(problems::add);
      if (apiEndpoint != null && problems.isEmpty()) {
        String text = apiEndpoint.toString();
        apiEndpoint = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      }
      projectProblem(project).forEach(problems::add);
      if (credentials == null) {
        problems.add("GitLab credentials are required: a personal, project or group access token.");
      }
      positive(connectTimeout, "connect timeout", problems);
      positive(requestTimeout, "request timeout", problems);
      if (retryBudget == null) {
        problems.add("A retry budget is required.");
      }
      if (noChecksPolicy == null) {
        problems.add("A no-checks policy is required.");
      }
      if (requiredChecks == null || requiredChecks.exists(n -> n == null || n.isBlank())) {
        problems.add("Required check names must not be blank.");
      }
      if (pinLayout == null) {
        problems.add("A pin layout is required.");
      }
      if (webhookSecret != null && webhookSecret.isEmpty()) {
        problems.add("A webhook secret token must not be empty.");
      }
      if (!problems.isEmpty()) {
        throw new InvalidValueException(List.ofAll(problems));
      }
      return new GitLabSettings(this);
    }

    /** What is wrong with {@code endpoint} as the REST API v4 root, if anything. */
    static Option<String> endpointProblem(URI endpoint) {
      if (endpoint == null) {
        return Option.some("The GitLab API endpoint is required.");
      }
      String scheme = endpoint.getScheme();
      if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) || endpoint.getHost() == null) {
        return Option.some("The GitLab API endpoint must be an absolute http(s) URL, got ‘" + printable(endpoint.toString()) + "’.");
      }
      if (endpoint.getRawUserInfo() != null || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
        return Option.some("The GitLab API endpoint must not carry user info, a query or a fragment.");
      }
      String path = endpoint.getPath() == null ? "" : endpoint.getPath();
      if (!(path.endsWith("/api/v4") || path.endsWith("/api/v4/"))) {
        return Option.some("The GitLab API endpoint must be the REST API v4 root, ending in /api/v4 (such as "
            + "https://gitlab.example.com/api/v4), got ‘" + printable(endpoint.toString()) + "’.");
      }
      return Option.none();
    }

    /** What is wrong with {@code path} as a GitLab project's full path, if anything. */
    static Option<String> projectProblem(String path) {
      String shown = path == null ? "" : printable(path);
      String problem = "The GitLab project must be its full path, GROUP/PROJECT (with subgroups GROUP/SUBGROUP/PROJECT), got ‘"
          + shown + "’";
      if (path == null || path.isEmpty()) {
        return Option.some(problem + ".");
      }
      String[] segments = path.split("/", -1);
      if (segments.length < 2) {
        return Option.some(problem + ": it names no group.");
      }
      for (String segment : segments) {
        if (!SEGMENT.matcher(segment).matches() || segment.endsWith(".git") || segment.endsWith(".atom")
            || segment.endsWith(".")) {
          return Option.some(problem + ": ‘" + printable(segment) + "’ is not a GitLab path (letters, digits, _, - and ., "
              + "not starting with - or ., not ending in . or .git or .atom).");
        }
      }
      return Option.none();
    }

    private static String printable(String text) {
      String cut = text.length() > 80 ? text.substring(0, 80) + "…" : text;
      return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static void positive(Duration d, String name, java.util.List<String> problems) {
      if (d == null || d.isNegative() || d.isZero()) {
        problems.add("The " + name + " must be positive.");
      } else if (d.compareTo(Duration.ofMinutes(10)) > 0) {
        problems.add("The " + name + " must be at most 10 minutes.");
      }
    }
  }
}
