package io.platinur.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The CPU time of two calls measured side by side in each invocation, the use case's and the bare
 * write's, so both meet the same machine at the same moment: on a shared machine two trials run
 * minutes apart meet different loads, which no longer enters their ratio. Reported as the
 * secondary results {@code serviceCpuNanos}, {@code bareCpuNanos} and {@code pairs};
 * {@link ScaleReport} divides them.
 */
@AuxCounters(AuxCounters.Type.EVENTS)
@State(Scope.Thread)
public class PairCpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public long serviceCpuNanos;
  public long bareCpuNanos;
  public long pairs;

  @Setup(Level.Iteration)
  public void reset() {
    serviceCpuNanos = 0;
    bareCpuNanos = 0;
    pairs = 0;
  }

  static long now() {
    return THREADS.getCurrentThreadCpuTime();
  }
}
