package io.platinur.cli.demo;

import io.platinur.application.gate.PromotionGateService;
import io.platinur.domain.gate.GatePolicy;
import io.platinur.console.PromotionsConsole;
import io.platinur.console.ProposalCatalog;
import io.platinur.console.ReportedGateEvidence;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the Promotions console on a fresh lane: two new repositories in a temporary directory (a
 * host standing for the forge and the lane's own, as {@code platinur demo} uses them), the demo's
 * three proposals (two of them change the same file), the offline pull-request host and a gate
 * fed by evidence reported on the page. Prints the URL and serves until stopped.
 */
public final class ConsoleMain {
  private ConsoleMain() {}

  /** The console with everything a fresh lane needs; close it to stop serving. */
  public static final class Running implements AutoCloseable {
    private final FreshLane lane;
    private final PromotionsConsole console;

    private Running(FreshLane lane, PromotionsConsole console) {
      this.lane = lane;
      this.console = console;
    }

    public PromotionsConsole console() {
      return console;
    }

    public FreshLane lane() {
      return lane;
    }

    @Override
    public void close() {
      console.close();
      lane.close();
    }
  }

  /**
   * Creates a fresh lane in {@code directory} and starts its console at {@code port} on the
   * loopback interface (0: any free port).
   */
  public static Running start(Path directory, int port, int pollMillis, Clock clock) throws IOException {
    FreshLane lane = FreshLane.create(directory, clock);
    try {
      ReportedGateEvidence evidence = new ReportedGateEvidence();
      PromotionGateService gate = new PromotionGateService(lane.service(), "staging", evidence.exitCodes(), evidence.deployments(),
          evidence.smokeTests(), evidence.continuousIntegration(), GatePolicy.builder().build(), clock::instant);
      PromotionsConsole console = PromotionsConsole.builder(lane.service(), ProposalCatalog.inMemory(SeedScenarioDemo.proposals()))
          .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
          .author("Console user", "console@example.com")
          .clock(clock)
          .offlineHost(lane.offlineHost())
          .gate(gate)
          .reportedEvidence(evidence)
          .pollMillis(pollMillis)
          .start();
      return new Running(lane, console);
    } catch (IOException | RuntimeException e) {
      lane.close();
      throw e;
    }
  }

  /** {@code [PORT]}: serves until the process is stopped. */
  public static void main(String[] args) throws IOException, InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    serve(Files.createTempDirectory("platinur-console-"), port, System.out);
  }

  /** Starts on a fresh lane in {@code directory}, prints where, and blocks until interrupted. */
  public static void serve(Path directory, int port, PrintStream out) throws IOException, InterruptedException {
    try (Running running = start(directory, port, 1000, Clock.systemUTC())) {
      out.println("Promotions console: " + running.console().url());
      out.println("  lane repository: " + running.lane().laneRepository());
      out.println("  host repository (holds the promotion PRs): " + running.lane().hostRepository());
      out.println("Press Ctrl+C to stop.");
      out.flush();
      new CountDownLatch(1).await();
    }
  }
}
