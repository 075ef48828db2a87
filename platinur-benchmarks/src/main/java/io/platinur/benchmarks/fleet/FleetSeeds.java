package io.platinur.benchmarks.fleet;

import java.time.Duration;

/**
 * The simulated day over many seeds, one line each: {@code [first seed] [seeds] [baseline|held|paced]
 * [services] [hours]}. Exits 1 when a day lost, doubled or pinned an ungated digest.
 */
public final class FleetSeeds {
  private FleetSeeds() {}

  public static void main(String[] args) {
    long first = Long.parseLong(args[0]);
    int seeds = Integer.parseInt(args[1]);
    String mode = args[2];
    int services = Integer.parseInt(args[3]);
    int hours = Integer.parseInt(args[4]);
    boolean wrong = false;
    for (long seed = first; seed < first + seeds; seed++) {
      FleetReport r = FleetSimulation.run(FleetSimulation.Settings.day(seed, !mode.equals("baseline"), mode.equals("paced"))
          .withServices(services).withDay(Duration.ofHours(hours)));
      wrong |= !r.correct();
      System.out.printf("seed %d: built %d, prod %d, rolled back %d; lost %d, doubled %d, ungated %d; peak pushes/min %d, "
              + "creating/min %d, creating/h %d, REST requests/h %d, Git reads/s %d, refused %d; staging→prod p95 %s, dev→prod p95 %s%n",
          seed, r.built(), r.promotedToProd(), r.rolledBack(), r.lost(), r.doubled(), r.ungatedPins(), r.peakPushesPerMinute(),
          r.peakCreatingPerMinute(), r.peakCreatingPerHour(), r.peakRequestsPerHour(), r.peakGitReadsPerSecond(), r.refusals().values().stream().mapToLong(Long::longValue).sum(),
          r.stagingLeadP95() == null ? "-" : r.stagingLeadP95().toMinutes() + " min",
          r.leadP95() == null ? "-" : r.leadP95().toMinutes() + " min");
    }
    System.exit(wrong ? 1 : 0);
  }
}
