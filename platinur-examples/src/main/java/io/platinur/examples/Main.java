package io.platinur.examples;

import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.Rejection;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.PullRequestNumber;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Entry point of the {@code platinur} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals("demo")) {
      new DomainDemo().run();
      return;
    }
    System.err.println("Usage: platinur demo");
    System.exit(1);
  }

  /** The seed scenario walked through the domain alone (no Git): each step printed. */
  static final class DomainDemo {
    private StagingLane lane = StagingLane.start(fakeCommit("production"));

    void run() {
      Proposal orders = Proposal.builder(ProposalId.of("p-1"), "Add orders model")
          .write("models/orders.sql", "select * from raw.orders\n").build();
      Proposal customers = Proposal.builder(ProposalId.of("p-2"), "Add customers model")
          .write("models/customers.sql", "select * from raw.customers\n").build();
      Proposal overlapping = Proposal.builder(ProposalId.of("p-3"), "Rework orders")
          .write("models/orders.sql", "select id from raw.orders\n")
          .write("models/schema.yml", "version: 2\n").build();

      step("Apply ‘Add orders model’ to Staging", lane.apply(orders, fakeCommit("p-1")));
      step("Apply ‘Add customers model’ (disjoint files)", lane.apply(customers, fakeCommit("p-2")));
      step("Apply ‘Rework orders’ (changes models/orders.sql too)", lane.apply(overlapping, fakeCommit("p-3")));
      step("Open the promotion PR #1", lane.openPromotionPr(PullRequestNumber.of(1)));
      step("Apply ‘Rework orders’ while the PR is open", lane.apply(overlapping, fakeCommit("p-3")));
      CommitId merge = fakeCommit("merge");
      step("Merge PR #1 in GitHub", lane.promotionPrMerged(PullRequestNumber.of(1), merge));
      step("Apply ‘Rework orders’ before sync", lane.apply(overlapping, fakeCommit("p-3")));
      step("Sync Promotions", lane.sync(merge));
      System.out.println("    deployed: " + lane.deployed().toSortedSet().mkString(", ")
          + "; staging head = production head: " + lane.stagingHead().equals(merge)
          + "; locked: " + lane.lock().isLocked());
      step("Apply ‘Rework orders’ to the next batch", lane.apply(overlapping, fakeCommit("p-3b")));
    }

    private void step(String what, Either<Rejection, Seq<LaneEvent>> outcome) {
      System.out.println("• " + what);
      outcome.peek(events -> {
        lane = lane.after(events);
        events.forEach(e -> System.out.println("    ✓ " + e.getClass().getSimpleName()));
      }).peekLeft(rejection -> System.out.println("    ✗ rejected: " + rejection.message()));
    }

    private static CommitId fakeCommit(String seed) {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(seed.getBytes(StandardCharsets.UTF_8));
        return CommitId.of(HexFormat.of().formatHex(digest));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
