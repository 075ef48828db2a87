/** Preview environments: one per open pull request, kept in a GitOps repository and reaped on close. */
package io.platinur.examples.preview;
