/**
 * Preview environments (ADR-0034, DESIGN §6): one per open pull request the {@link
 * io.platinur.domain.preview.PreviewPolicy policy} selects, pinned to the image digest built from
 * the PR's head, kept as a directory in the GitOps repository ({@link
 * io.platinur.domain.preview.PreviewLayout}) and reaped when the PR closes, expires or exceeds the
 * quota. {@link io.platinur.domain.preview.PreviewPolicy#reconcile} is a pure function from what the
 * forge says and what Git holds to a {@link io.platinur.domain.preview.PreviewPlan}.
 */
package io.platinur.domain.preview;
