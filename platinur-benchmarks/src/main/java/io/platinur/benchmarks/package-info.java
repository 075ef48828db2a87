/** JMH benchmarks of Platinur's hot paths; results are recorded in BENCHMARKS.md. */
package io.platinur.benchmarks;
