/**
 * Platinur on plain Git (JGit): the staging branch, the lane state and an offline pull-request host
 * in one bare repository, every ref move a compare-and-swap. Start at {@link io.platinur.git.GitStaging};
 * preview environments in a GitOps repository start at {@link io.platinur.git.GitPreviews}.
 */
package io.platinur.git;
