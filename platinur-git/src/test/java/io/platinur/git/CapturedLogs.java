package io.platinur.git;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J provider for the Git adapter's tests that records every log line, at every level, of
 * the library and JGit while a test {@link #record records}, and drops everything otherwise. With
 * it a test can show that a secret never reaches a log line.
 */
public final class CapturedLogs implements SLF4JServiceProvider {
  private static final List<String> LINES = new CopyOnWriteArrayList<>();
  private static volatile boolean recording;

  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();
  private final ILoggerFactory loggers = CapturingLogger::new;

  /** Runs {@code work} while recording every log line; returns the lines (level, logger, text, stack). */
  static List<String> record(Runnable work) {
    LINES.clear();
    recording = true;
    try {
      work.run();
    } finally {
      recording = false;
    }
    return List.copyOf(LINES);
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    // nothing to set up
  }

  private static final class CapturingLogger extends AbstractLogger {
    private static final long serialVersionUID = 1L;

    CapturingLogger(String name) {
      this.name = name;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable thrown) {
      StringBuilder line = new StringBuilder()
          .append(level).append(' ').append(name).append(' ').append(MessageFormatter.basicArrayFormat(pattern, arguments));
      for (Throwable t = thrown; t != null; t = t.getCause()) {
        line.append(" | ").append(t);
      }
      LINES.add(line.toString());
    }

    @Override
    public boolean isTraceEnabled() {
      return recording;
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
      return recording;
    }

    @Override
    public boolean isDebugEnabled() {
      return recording;
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
      return recording;
    }

    @Override
    public boolean isInfoEnabled() {
      return recording;
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
      return recording;
    }

    @Override
    public boolean isWarnEnabled() {
      return recording;
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
      return recording;
    }

    @Override
    public boolean isErrorEnabled() {
      return recording;
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
      return recording;
    }
  }
}
