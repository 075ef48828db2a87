/**
 * A plain reference model of a staging lane ({@link io.platinur.testkit.model.LaneModel}) and the
 * means to run one command sequence against it and against {@link io.platinur.domain.lane.StagingLane}
 * and compare them step by step ({@link io.platinur.testkit.model.LaneAgreement}).
 */
package io.platinur.testkit.model;
