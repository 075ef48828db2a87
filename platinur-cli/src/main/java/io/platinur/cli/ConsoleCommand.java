package io.platinur.cli;

import io.platinur.application.gate.PromotionGateService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.metrics.DeliveryMetricsService;
import io.platinur.cli.demo.FreshLane;
import io.platinur.cli.demo.SeedScenarioDemo;
import io.platinur.console.OfflineHost;
import io.platinur.console.PromotionsConsole;
import io.platinur.console.ProposalCatalog;
import io.platinur.console.ReportedGateEvidence;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.gate.GatePolicy;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitAuthor;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;

/**
 * {@code platinur console}: the Promotions page in a browser. On the lane of {@code -C DIR} when
 * there is one (its stored proposals become cards, and the page can add more), otherwise on a
 * fresh lane with the demo's three proposals, kept in {@code --work-dir} so that a later console
 * given the same directory opens it again with every proposal added on the page. Serves on
 * 127.0.0.1 until stopped.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
    description = {"Serve the Promotions page on 127.0.0.1: lock banner, staged batch, proposal cards with their status,",
        "release actions, the promotion gate and the lane's history. On the lane of -C DIR, or on a fresh lane when",
        "DIR has none; with --repository, also a GitOps repository's digest board and delivery metrics.",
        "Runs until stopped (Ctrl+C)."})
final class ConsoleCommand extends LaneCommand {
  @picocli.CommandLine.Option(names = "--port", paramLabel = "PORT", defaultValue = "8421",
      description = "The port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0: any free port).")
  int port;

  @picocli.CommandLine.Option(names = "--work-dir", paramLabel = "DIR",
      description = {"Where a fresh lane's repositories and proposals go when -C has no lane (default: a new temporary directory).",
          "Give the directory of an earlier console to open its lane again."})
  Path workDir;

  @picocli.CommandLine.Option(names = "--repository", paramLabel = "PATH",
      description = {"A GitOps repository (a bare Git repository; with --github, --gitlab or --git-url, the local cache of its Git data):",
          "the page shows its digest board with promote, complete and rollback, the digest promotions' history and the delivery",
          "metrics; beside the lane of -C DIR, or of --work-dir, and alone when there is neither.",
          "The options of ‘platinur release’ apply: --branch, --environments, --layout, --key, --approvals, --soak, …"})
  String repository;

  @picocli.CommandLine.Mixin
  GitOpsOptions gitops;

  /** The console serves until stopped: the bound on a command's wait for GitHub applies to each page, not to it. */
  @Override
  boolean boundedWait() {
    return false;
  }

  @Override
  int run(Out out) throws IOException {
    if (port < 0 || port > 65_535) {
      throw new Common.BadInput("--port must be between 0 and 65535, got " + port + ".");
    }
    if (repository == null) {
      return console(out, builder -> builder);
    }
    // the GitOps repository's forge options name where its PRs live; the lane beside it is the local one
    return gitops.open(out, repository, common, clock, this::refuseForgeOptions, this::hint, (digests, git, opened) -> {
      DeliveryMetricsService metrics = new DeliveryMetricsService(git.deliveryHistory(opened.path().environments().head()));
      if (workDir == null && !new LaneHome(common.dir()).exists()) {
        return digestsOnly(out, PromotionsConsole.builder(digests).metrics(metrics));
      }
      return console(out, builder -> builder.digestBoard(digests).metrics(metrics));
    });
  }

  /** No lane at -C and no --work-dir for a fresh one: the GitOps repository's digest promotions alone. */
  private int digestsOnly(Out out, PromotionsConsole.Builder builder) throws IOException {
    CommitAuthor author = common.author(clock.instant());
    try (PromotionsConsole console = start(builder.address(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
        .author(author.name(), author.email()).clock(clock))) {
      out.out().println("Promotions console for the GitOps repository " + repository + ": " + console.url());
      return serve(out);
    }
  }

  /** The page on the lane of -C DIR, or on a fresh one, with what {@code extra} adds to it. */
  private int console(Out out, UnaryOperator<PromotionsConsole.Builder> extra) throws IOException {
    if (!new LaneHome(common.dir()).exists()) {
      return freshLane(out, extra);
    }
    CommitAuthor author = common.author(clock.instant());
    return withLane(out, lane -> {
      PromotionsConsole.Builder builder = PromotionsConsole.builder(lane.service, new StoredProposals(lane.home))
          .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
          .author(author.name(), author.email())
          .clock(clock);
      if (lane.offline()) {
        withOfflineGate(builder, lane.service).offlineHost(OfflineHost.sameRepository(lane.git.offlineHost().pullRequests()));
      } else {
        builder.pullRequestLinks(pullRequestLinks(lane.config));
      }
      try (PromotionsConsole console = start(extra.apply(builder))) {
        out.out().println("Promotions console for " + lane.repository() + ": " + console.url());
        return serve(out);
      }
    });
  }

  /**
   * A lane of its own in the work directory: the host and the lane's repositories, and the
   * proposals in {@code .platinur/proposals} beside them (the demo's three when the lane is new).
   */
  private int freshLane(Out out, UnaryOperator<PromotionsConsole.Builder> extra) throws IOException {
    Path dir = workDir != null ? common.resolve(workDir) : Files.createTempDirectory("platinur-console-");
    FreshLane fresh;
    try {
      fresh = FreshLane.openOrCreate(dir, clock);
    } catch (IOException e) {
      throw new Common.BadInput(e.getMessage());
    }
    try (FreshLane lane = fresh) {
      LaneHome home = new LaneHome(dir);
      Files.createDirectories(home.root().resolve("proposals"));
      if (!lane.reopened()) {
        for (Proposal proposal : SeedScenarioDemo.proposals()) {
          home.save(proposal);
        }
      }
      PromotionsConsole.Builder builder = PromotionsConsole.builder(lane.service(), new StoredProposals(home))
          .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
          .author("Console user", "console@example.com")
          .clock(clock)
          .offlineHost(lane.offlineHost());
      try (PromotionsConsole console = start(extra.apply(withOfflineGate(builder, lane.service())))) {
        out.out().println("Promotions console on " + (lane.reopened() ? "the lane an earlier console left in " : "a fresh lane in ") + dir
            + ": " + console.url());
        out.out().println("  lane repository: " + lane.laneRepository());
        out.out().println("  host repository (holds the promotion PRs): " + lane.hostRepository());
        out.out().println("  open it again with: platinur console --work-dir " + dir);
        return serve(out);
      }
    }
  }

  /** Offline there is no forge to report gate evidence: the page reports it, and the gate reads those reports. */
  private PromotionsConsole.Builder withOfflineGate(PromotionsConsole.Builder builder, StagingLaneService lane) {
    ReportedGateEvidence evidence = new ReportedGateEvidence();
    return builder.reportedEvidence(evidence)
        .gate(PromotionGateService.builder(lane, evidence.forge(), evidence.exitCodes(), evidence.smokeTests())
            .policy(GatePolicy.builder().build()).clock(clock::instant).build());
  }

  private PromotionsConsole start(PromotionsConsole.Builder builder) throws IOException {
    try {
      return builder.start();
    } catch (BindException e) {
      throw new Common.BadInput(e.getMessage() + " Stop what listens there, or choose another port with --port PORT "
          + "(--port 0 takes any free port).");
    }
  }

  private static int serve(Out out) {
    out.out().println("Press Ctrl+C to stop.");
    out.out().flush();
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Pull requests on github.com link to their page; GitHub Enterprise hosts are not guessed. */
  private static java.util.function.Function<PullRequestNumber, Option<URI>> pullRequestLinks(LaneHome.Config config) {
    boolean githubCom = config.githubApi().forAll(api -> api.equals("https://api.github.com") || api.equals("https://api.github.com/"));
    return pr -> config.github().filter(repo -> githubCom)
        .map(repo -> URI.create("https://github.com/" + repo + "/pull/" + pr.value()));
  }

  /**
   * The stored proposals ({@code .platinur/proposals}), read afresh for every page; one stored
   * proposal that is not valid shows as an Invalid card with why, as {@code platinur status} lists it.
   */
  private static final class StoredProposals implements ProposalCatalog {
    private final LaneHome home;

    StoredProposals(LaneHome home) {
      this.home = home;
    }

    private Seq<LaneHome.Stored> stored() {
      Either<String, Seq<LaneHome.Stored>> stored = home.proposals();
      if (stored.isLeft()) {
        throw new IllegalStateException(stored.getLeft());
      }
      return stored.get();
    }

    @Override
    public Seq<Proposal> proposals() {
      return stored().flatMap(entry -> entry.proposal().toOption());
    }

    @Override
    public Seq<Refused> refused() {
      return stored().filter(entry -> entry.proposal().isLeft()).map(entry -> new Refused(entry.id(), entry.proposal().getLeft()));
    }

    @Override
    public synchronized Validation<Seq<String>, Proposal> add(String title, String path, String content) {
      ProposalId id = home.nextId();
      Validation<Seq<String>, Proposal> made = Proposal.builder(id, title).write(path, content).validate();
      if (made.isInvalid()) {
        return made;
      }
      try {
        Either<String, Proposal> saved = home.save(made.get());
        return saved.isRight() ? Validation.valid(saved.get()) : Validation.invalid(List.of(saved.getLeft()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
