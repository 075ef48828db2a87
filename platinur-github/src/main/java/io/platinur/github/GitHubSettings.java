package io.platinur.github;

import io.platinur.domain.InvalidValueException;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the GitHub adapter needs to know: where the API is, which repository, how to
 * authenticate, how long to wait and how often to retry, how to read CI, and how to label alerts.
 *
 * <pre>{@code
 * GitHubSettings settings = GitHubSettings.builder()
 *     .repository("acme", "analytics")
 *     .credentials(GitHubCredentials.token(System.getenv("GITHUB_TOKEN")))
 *     .build();
 * }</pre>
 *
 * <p>For GitHub Enterprise Server set {@link Builder#apiEndpoint(URI)} to
 * {@code https://<host>/api/v3}. Every problem with the settings is reported at once by
 * {@link Builder#build()}. {@link #toString()} never shows credentials.
 */
public final class GitHubSettings {
  /** The public GitHub API. */
  public static final URI GITHUB_COM = URI.create("https://api.github.com");

  private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
  private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final Pattern LABEL = Pattern.compile("[^,\\p{Cntrl}]{1,50}");

  private final URI apiEndpoint;
  private final String owner;
  private final String repository;
  private final GitHubCredentials credentials;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final RetryBudget retryBudget;
  private final NoChecksPolicy noChecksPolicy;
  private final Set<String> requiredChecks;
  private final Seq<String> alertLabels;
  private final int conditionalCacheEntries;
  private final io.vavr.control.Option<String> webhookSecret;
  private final io.vavr.control.Option<io.platinur.domain.repository.BranchName> productionBranch;

  private GitHubSettings(Builder b) {
    this.apiEndpoint = b.apiEndpoint;
    this.owner = b.owner;
    this.repository = b.repository;
    this.credentials = b.credentials;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.retryBudget = b.retryBudget;
    this.noChecksPolicy = b.noChecksPolicy;
    this.requiredChecks = b.requiredChecks;
    this.alertLabels = b.alertLabels;
    this.conditionalCacheEntries = b.conditionalCacheEntries;
    this.webhookSecret = io.vavr.control.Option.of(b.webhookSecret);
    this.productionBranch = io.vavr.control.Option.of(b.productionBranch);
  }

  /**
   * The production branch, when set: its branch protection and rulesets add their required status
   * checks to {@link #requiredChecks()}, and a merge queue it requires is used for merging.
   */
  public io.vavr.control.Option<io.platinur.domain.repository.BranchName> productionBranch() {
    return productionBranch;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The REST API root, without a trailing slash: {@code https://api.github.com} by default. */
  public URI apiEndpoint() {
    return apiEndpoint;
  }

  public String owner() {
    return owner;
  }

  public String repository() {
    return repository;
  }

  /** {@code owner/repository}. */
  public String fullName() {
    return owner + "/" + repository;
  }

  public GitHubCredentials credentials() {
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
   * Commit-status contexts or check-run names that must have reported before CI can be green;
   * one that has not reported yet keeps CI pending. Empty by default: every reported one counts.
   */
  public Set<String> requiredChecks() {
    return requiredChecks;
  }

  /** Labels put on pipeline-health alert issues; the first one is used to find them again. */
  public Seq<String> alertLabels() {
    return alertLabels;
  }

  /** How many GET answers are remembered for conditional requests (ETag); 0 turns that off. */
  public int conditionalCacheEntries() {
    return conditionalCacheEntries;
  }

  /** The webhook secret, if one is configured; package-private so it is never handed out. */
  io.vavr.control.Option<String> webhookSecret() {
    return webhookSecret;
  }

  @Override
  public String toString() {
    return "GitHubSettings[" + fullName() + " at " + apiEndpoint + ", " + credentials
        + ", connect timeout " + connectTimeout + ", request timeout " + requestTimeout
        + ", " + retryBudget + ", " + noChecksPolicy + "]";
  }

  /** Builds {@link GitHubSettings}; {@link #repository} and {@link #credentials} are required. */
  public static final class Builder {
    private URI apiEndpoint = GITHUB_COM;
    private String owner;
    private String repository;
    private GitHubCredentials credentials;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(20);
    private RetryBudget retryBudget = RetryBudget.DEFAULT;
    private NoChecksPolicy noChecksPolicy = NoChecksPolicy.REPORT_NO_CHECKS;
    private Set<String> requiredChecks = TreeSet.empty();
    private Seq<String> alertLabels = List.of("platinur-alert");
    private int conditionalCacheEntries = 512;
    private String webhookSecret;
    private io.platinur.domain.repository.BranchName productionBranch;

    private Builder() {}

    /** The REST API root; for GitHub Enterprise Server {@code https://<host>/api/v3}. */
    public Builder apiEndpoint(URI apiEndpoint) {
      this.apiEndpoint = apiEndpoint;
      return this;
    }

    public Builder repository(String owner, String repository) {
      this.owner = owner;
      this.repository = repository;
      return this;
    }

    public Builder credentials(GitHubCredentials credentials) {
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

    public Builder alertLabels(Iterable<String> labels) {
      this.alertLabels = labels == null ? null : List.ofAll(labels);
      return this;
    }

    public Builder conditionalCacheEntries(int entries) {
      this.conditionalCacheEntries = entries;
      return this;
    }

    /**
     * The secret of the repository's webhook, for {@link GitHubPlatform#webhooks}; it is also
     * scrubbed from every text GitHub sends back, like the credentials.
     */
    public Builder webhookSecret(String secret) {
      this.webhookSecret = secret;
      return this;
    }

    /**
     * The production branch the promotion PR merges into: its own rules (branch protection and
     * rulesets) then decide which checks are required, together with {@link #requiredChecks}.
     */
    public Builder productionBranch(io.platinur.domain.repository.BranchName branch) {
      this.productionBranch = branch;
      return this;
    }

    /** Checks everything and reports every problem at once in an {@link InvalidValueException}. */
    public GitHubSettings build() {
      java.util.List<String> problems = new ArrayList<>();
      if (apiEndpoint == null) {
        problems.add("The GitHub API endpoint is required.");
      } else {
        String scheme = apiEndpoint.getScheme();
        if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
            || apiEndpoint.getHost() == null) {
          problems.add("The GitHub API endpoint must be an absolute http(s) URI, got ‘" + apiEndpoint + "’.");
        } else if (apiEndpoint.getRawUserInfo() != null || apiEndpoint.getRawQuery() != null) {
          problems.add("The GitHub API endpoint must not carry user info or a query.");
        } else {
          String text = apiEndpoint.toString();
          apiEndpoint = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        }
      }
      if (owner == null || !OWNER.matcher(owner).matches()) {
        problems.add("The repository owner must be a GitHub user or organization name, got ‘" + owner + "’.");
      }
      if (repository == null || !REPOSITORY.matcher(repository).matches() || repository.equals(".") || repository.equals("..")) {
        problems.add("The repository name must be a GitHub repository name, got ‘" + repository + "’.");
      }
      if (credentials == null) {
        problems.add("GitHub credentials are required.");
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
      if (alertLabels == null || alertLabels.isEmpty()) {
        problems.add("At least one alert label is required.");
      } else if (alertLabels.exists(l -> l == null || !LABEL.matcher(l).matches())) {
        problems.add("Alert labels must be 1 to 50 characters, without commas or control characters.");
      }
      if (webhookSecret != null && webhookSecret.isEmpty()) {
        problems.add("A webhook secret must not be empty.");
      }
      if (conditionalCacheEntries < 0) {
        problems.add("The conditional request cache size must not be negative.");
      }
      if (!problems.isEmpty()) {
        throw new InvalidValueException(List.ofAll(problems));
      }
      return new GitHubSettings(this);
    }

    private static void positive(Duration d, String name, java.util.List<String> problems) {
      if (d == null || d.isNegative() || d.isZero()) {
        problems.add("The " + name + " must be positive.");
      } else if (Objects.requireNonNull(d).compareTo(Duration.ofMinutes(10)) > 0) {
        problems.add("The " + name + " must be at most 10 minutes.");
      }
    }
  }
}
