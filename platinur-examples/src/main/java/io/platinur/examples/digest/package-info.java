/**
 * Promote by digest on real Git: {@link io.platinur.examples.digest.DigestPromotionDemo}, the
 * second act of {@code platinur demo}, and {@link io.platinur.examples.digest.GitOpsRepository},
 * which creates a GitOps repository to try it on.
 */
package io.platinur.examples.digest;
