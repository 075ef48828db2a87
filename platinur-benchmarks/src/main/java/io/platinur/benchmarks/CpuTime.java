package io.platinur.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The CPU time the benchmark thread spent in the measured calls, beside JMH's wall-clock time: on
 * a machine shared with other work the wall clock also counts the time spent waiting for a core,
 * the thread's CPU time does not. Reported as the secondary results {@code cpuNanos} and
 * {@code calls} of each measured iteration; {@link ScaleReport} divides them.
 */
@AuxCounters(AuxCounters.Type.EVENTS)
@State(Scope.Thread)
public class CpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public long cpuNanos;
  public long calls;

  @Setup(Level.Iteration)
  public void reset() {
    cpuNanos = 0;
    calls = 0;
  }

  long start() {
    return THREADS.getCurrentThreadCpuTime();
  }

  <T> T stop(long started, T result) {
    cpuNanos += THREADS.getCurrentThreadCpuTime() - started;
    calls++;
    return result;
  }
}
