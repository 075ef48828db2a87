package io.platinur.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a bad or missing {@code platinur.*} property into Spring Boot's start-up report: one
 * description naming the property, one action, and no bean's stack trace.
 */
public final class PlatinurFailureAnalyzer extends AbstractFailureAnalyzer<PlatinurPropertyException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, PlatinurPropertyException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
