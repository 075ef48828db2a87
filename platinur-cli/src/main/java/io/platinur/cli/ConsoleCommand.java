package io.platinur.cli;

import io.platinur.application.gate.PromotionGateService;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.gate.GatePolicy;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.cli.demo.ConsoleMain;
import io.platinur.console.OfflineHost;
import io.platinur.console.PromotionsConsole;
import io.platinur.console.ProposalCatalog;
import io.platinur.console.ReportedGateEvidence;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/**
 * {@code platinur console}: the Promotions page in a browser. On the lane of {@code -C DIR} when
 * there is one (its stored proposals become cards, and the page can add more), otherwise on a
 * fresh lane with the demo's three proposals. Serves on 127.0.0.1 until stopped.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
    description = {"Serve the Promotions page on 127.0.0.1: lock banner, staged batch, proposal cards with their status,",
        "release actions, the promotion gate and the lane's history. On the lane of -C DIR, or on a fresh lane when",
        "DIR has none. Runs until stopped (Ctrl+C)."})
final class ConsoleCommand extends LaneCommand {
  @picocli.CommandLine.Option(names = "--port", paramLabel = "PORT", defaultValue = "8421",
      description = "The port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0: any free port).")
  int port;

  @picocli.CommandLine.Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where a fresh lane's repositories go when -C has no lane (default: a new temporary directory).")
  Path workDir;

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
    if (!new LaneHome(common.dir()).exists()) {
      Path dir = workDir != null ? common.resolve(workDir) : Files.createTempDirectory("platinur-console-");
      try (ConsoleMain.Running running = ConsoleMain.start(dir, port, 1000, clock)) {
        out.out().println("Promotions console on a fresh lane: " + running.console().url());
        out.out().println("  lane repository: " + running.lane().laneRepository());
        out.out().println("  host repository (holds the promotion PRs): " + running.lane().hostRepository());
        return serve(out);
      }
    }
    CommitAuthor author = common.author(clock.instant());
    return withLane(out, lane -> {
      PromotionsConsole.Builder builder = PromotionsConsole.builder(lane.service, new StoredProposals(lane.home))
          .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
          .author(author.name(), author.email())
          .clock(clock);
      if (lane.offline()) {
        ReportedGateEvidence evidence = new ReportedGateEvidence();
        builder.offlineHost(OfflineHost.sameRepository(lane.git.offlinePullRequests()))
            .reportedEvidence(evidence)
            .gate(new PromotionGateService(lane.service, "staging", evidence.exitCodes(), evidence.deployments(),
                evidence.smokeTests(), evidence.continuousIntegration(), GatePolicy.builder().build(), clock::instant));
      } else {
        builder.pullRequestLinks(pullRequestLinks(lane.config));
      }
      try (PromotionsConsole console = builder.start()) {
        out.out().println("Promotions console for " + lane.repository() + ": " + console.url());
        return serve(out);
      }
    });
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

  /** The lane's stored proposals ({@code .platinur/proposals}), read afresh for every page. */
  private static final class StoredProposals implements ProposalCatalog {
    private final LaneHome home;

    StoredProposals(LaneHome home) {
      this.home = home;
    }

    @Override
    public Seq<Proposal> proposals() {
      Either<String, Seq<LaneHome.Stored>> stored = home.proposals();
      if (stored.isLeft()) {
        throw new IllegalStateException(stored.getLeft());
      }
      // A stored proposal that is not valid cannot be a card here; `platinur status` names it and why.
      return stored.get().flatMap(entry -> entry.proposal().toOption());
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
