package io.platinur.port;

/**
 * Paces the writes of the digest use cases to what the forge allows. GitHub recommends at most 6
 * pushes a minute to a repository and refuses more than 80 content-creating requests a minute (500
 * an hour) per installation; a fleet of services promoted by several hosts crosses both within
 * minutes when every host writes as soon as it decides. The use cases call {@link #beforeWrite}
 * once before every write they make (a branch or record push, opening or closing a PR, a merge,
 * which is both), and write when it returns; an implementation shared by every host of a repository
 * (a token bucket in a shared store, or slots handed out in order) makes them wait their turn, so
 * the limits are met by waiting, in the order the writes asked, and never by being refused.
 *
 * <p>Like {@link RetryBackoff} it only decides when: it must return (never throw), and when its
 * thread is interrupted return at once and keep the interrupt flag set. The default is {@link
 * #none()}: write at once.
 */
@FunctionalInterface
public interface WriteBudget {

  /** What a write costs against the forge's limits. */
  enum Write {
    /** A push: a promotion or rollback branch, or the promotions' record. */
    PUSH,
    /** A content-creating REST request: opening or closing a pull request. */
    CONTENT_CREATING,
    /** A merge: a content-creating request that also moves the GitOps branch, as a push does. */
    MERGE;

    public boolean pushes() {
      return this != CONTENT_CREATING;
    }

    public boolean createsContent() {
      return this != PUSH;
    }
  }

  /** Called before every write; returns when the write may start. */
  void beforeWrite(Write write);

  /**
   * Whether {@link #beforeWrite} may wait. A save that waited reads the record's version again
   * before pushing (a read costs no write), and a save that would lose its compare-and-swap is
   * answered as lost without pushing: while one host waits for its slot, another may save.
   */
  default boolean waits() {
    return true;
  }

  /** Write at once: the default. */
  static WriteBudget none() {
    return new WriteBudget() {
      @Override
      public void beforeWrite(Write write) {
        // write at once
      }

      @Override
      public boolean waits() {
        return false;
      }
    };
  }
}
