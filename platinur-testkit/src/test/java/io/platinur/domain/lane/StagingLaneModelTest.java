package io.platinur.domain.lane;

import static io.platinur.testkit.Generators.commandSequences;
import static org.quicktheories.QuickTheory.qt;

import io.platinur.testkit.model.LaneAgreement;
import io.platinur.testkit.model.LaneModel;
import io.platinur.testkit.model.LaneRun;
import io.platinur.testkit.model.LaneStep;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Model-based test: random command sequences run against {@link StagingLane} and against the
 * plain {@link LaneModel}, compared after every step. QuickTheories shrinks a disagreement to a
 * short sequence; the assertion names every step that led to it.
 */
class StagingLaneModelTest {

  @Test
  void agrees_with_the_reference_model_at_every_step_of_random_command_sequences() {
    qt().withExamples(2000).withShrinkCycles(500)
        .forAll(commandSequences(40))
        .checkAssert(commands -> {
          LaneModel model = new LaneModel(LaneRun.START.hex());
          StagingLane lane = StagingLane.start(LaneRun.START);
          List<LaneStep> done = new ArrayList<>();
          for (int i = 0; i < commands.size(); i++) {
            LaneStep step = commands.get(i).at(i, model.batchIds());
            done.add(step);
            lane = LaneAgreement.step(() -> "after " + LaneAgreement.describe(done), step, lane, model).lane();
          }
        });
  }
}
