package io.platinur.examples.spring;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.Actor;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitAuthor;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The host's own endpoints over the starter's {@link StagingLaneService} bean: show the lane, apply
 * a one-file proposal to Staging, open the promotion PR. A refusal answers 409 with Platinur's own
 * message, word for word.
 */
@RestController
class LaneController {
  private final StagingLaneService lane;
  private final Clock clock = Clock.systemUTC();

  LaneController(StagingLaneService lane) {
    this.lane = lane;
  }

  /** One file to write, as a proposal. */
  record ProposalRequest(String id, String title, String path, String content) {}

  @GetMapping("/lane")
  ResponseEntity<Map<String, Object>> show() {
    return lane.lane().fold(failure -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", failure.message())),
        current -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("lock", current.lock().fold(unlocked -> "unlocked", open -> "promotion PR " + open.pr() + " open",
              merged -> "promotion PR " + merged.pr() + " merged, awaiting Sync Promotions"));
          body.put("staged", current.batch().size());
          return ResponseEntity.ok(body);
        });
  }

  @PostMapping("/lane/proposals")
  ResponseEntity<Map<String, Object>> apply(@RequestBody ProposalRequest request) {
    Proposal proposal = Proposal.builder(ProposalId.of(request.id()), request.title()).write(request.path(), request.content()).build();
    return lane.apply(proposal, new CommitAuthor("Sample host", "sample@example.com", clock.instant())).fold(
        failure -> ResponseEntity.status(HttpStatus.CONFLICT).body(Map.<String, Object>of("error", failure.message())),
        staged -> ResponseEntity.status(HttpStatus.CREATED).body(Map.<String, Object>of("staged", request.title())));
  }

  @PostMapping("/lane/promotion-pr")
  ResponseEntity<Map<String, Object>> openPromotionPr() {
    return lane.openPromotionPr(Actor.of("Sample host")).fold(
        failure -> ResponseEntity.status(HttpStatus.CONFLICT).body(Map.<String, Object>of("error", failure.message())),
        pr -> ResponseEntity.status(HttpStatus.CREATED).body(Map.<String, Object>of("promotionPr", pr.number().toString())));
  }
}
