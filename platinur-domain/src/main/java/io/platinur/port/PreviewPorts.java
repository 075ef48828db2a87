package io.platinur.port;

/**
 * Where preview environments are kept, as one bundle: the previews of the open pull requests (in
 * the GitOps repository), and the defaults of the adapter that keeps them (the time a reconcile
 * plans with, how to wait after a lost race). The Git adapter's {@code GitPreviews} is one; the
 * testkit's {@code InMemoryPreviewStore} is another.
 */
public interface PreviewPorts {

  /** The previews, written in one compare-and-swap change per reconcile. */
  PreviewStore previewStore();

  /** The time a reconcile plans with (ages, time to live), unless the host gives its own. */
  TimeSource timeSource();

  /** How to wait before retrying after a lost compare-and-swap race, unless the host gives its own. */
  RetryBackoff retryBackoff();
}
