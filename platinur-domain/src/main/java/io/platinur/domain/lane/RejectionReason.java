package io.platinur.domain.lane;

/** Why a command was rejected; each reason comes with an exact user-facing message. */
public enum RejectionReason {
  /** Apply while the batch's promotion PR is open. */
  PROMOTION_PR_OPEN,
  /** Apply while a merged promotion waits for Sync Promotions. */
  AWAITING_MAIN_SYNC,
  /** The proposal changes a file that a staged proposal also changes. */
  FILE_OVERLAP,
  /** The proposal is already in the batch. */
  ALREADY_STAGED,
  /** The proposal was already promoted and deployed. */
  ALREADY_DEPLOYED,
  /** Unapply of a proposal that is not in the batch. */
  NOT_STAGED,
  /** Unapply or discard once a promotion PR exists for the batch. */
  PROMOTION_PR_EXISTS,
  /** Open a promotion PR with nothing staged. */
  EMPTY_BATCH,
  /** The promotion PR's head is not the staging head (the branch was not pushed, or moved). */
  PROMOTION_PR_HEAD_MISMATCH,
  /** Open a second promotion PR while one is open. */
  PROMOTION_PR_ALREADY_OPEN,
  /** A PR event about a pull request that is not the batch's promotion PR. */
  NOT_THE_PROMOTION_PR,
  /** A PR merged or closed while no promotion PR is open. */
  NO_PROMOTION_PR,
  /** A promotion PR reported closed after it was merged. */
  PROMOTION_ALREADY_MERGED,
  /** The batch changed between reading it and acting on it. */
  BATCH_CHANGED,
  /** The environment does not allow this action. */
  CAPABILITY_DISABLED,
  /** The environment allows the action, but the actor holds no permission for it there. */
  PERMISSION_MISSING
}
