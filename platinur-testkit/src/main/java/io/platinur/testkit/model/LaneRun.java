package io.platinur.testkit.model;

import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.lane.CommandRejection;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;

/** A command sequence run against a lane from its start, step by step, with every event kept. */
public final class LaneRun {
  public static final CommitId START = CommitId.of("1".repeat(40));

  /** One step: the lane it was asked of, the step, the decision, and the lane after it. */
  public record Step(StagingLane before, LaneStep step, Either<CommandRejection, Seq<LaneEvent>> decision, StagingLane after) {}

  private final List<Step> steps = new ArrayList<>();
  private final List<LaneEvent> events = new ArrayList<>();
  private StagingLane lane;

  private LaneRun(StagingLane start) {
    this.lane = start;
  }

  /** Runs the commands in order from {@code start}. */
  public static LaneRun of(StagingLane start, List<LaneCommand> commands) {
    LaneRun run = new LaneRun(start);
    for (LaneCommand command : commands) {
      run.run(command.at(run.steps.size(), batchIds(run.lane)));
    }
    return run;
  }

  public static LaneRun of(List<LaneCommand> commands) {
    return of(StagingLane.start(START), commands);
  }

  /** The lane after events its own command decided; an event it refuses is a defect, so the run fails. */
  public static StagingLane evolved(StagingLane lane, Seq<LaneEvent> events) {
    return lane.after(events).getOrElseThrow(illegal -> new AssertionError("The lane refused its own events: " + illegal.message()));
  }

  /** Runs one more concrete step. */
  public Step run(LaneStep step) {
    StagingLane before = lane;
    Either<CommandRejection, Seq<LaneEvent>> decision = step.on(before);
    StagingLane after = decision.map(produced -> evolved(before, produced)).getOrElse(before);
    decision.forEach(produced -> produced.forEach(events::add));
    lane = after;
    Step done = new Step(before, step, decision, after);
    steps.add(done);
    return done;
  }

  public List<Step> steps() {
    return steps;
  }

  public List<LaneEvent> events() {
    return events;
  }

  public StagingLane lane() {
    return lane;
  }

  public int size() {
    return steps.size();
  }

  public static List<String> batchIds(StagingLane lane) {
    return lane.batch().proposals().map(StagedProposal::id).map(id -> id.value()).toJavaList();
  }
}
