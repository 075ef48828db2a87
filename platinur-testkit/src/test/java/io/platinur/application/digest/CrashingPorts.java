package io.platinur.application.digest;

import io.platinur.port.CanaryAnalysis;
import io.platinur.port.ContinuousIntegration;
import io.platinur.port.DigestDeployments;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PinBranches;
import io.platinur.port.PinnedDigests;
import io.platinur.port.PullRequestHost;
import io.platinur.port.PullRequestReviews;
import io.platinur.testkit.memory.InMemoryGitOps;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ports of a {@link DigestPromotionService} over in-memory adapters, where the host can crash
 * just before a port call takes effect or just after it did (the answer lost): at a named call
 * ({@code PullRequestHost.openPromotionPr}), or at the n-th call of any kind. Every call kind seen
 * and every crash point hit is remembered, so a test can show it crashed at each.
 */
final class CrashingPorts {
  /** The host dies here. */
  static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Crash() {
      super("the host crashed", null, false, false);
    }
  }

  final Set<String> seen = ConcurrentHashMap.newKeySet();
  final Set<String> crashedAt = ConcurrentHashMap.newKeySet();
  private String namedCall;
  private boolean namedAfter;
  private int calls;
  private int crashIndex = -1;
  private boolean crashAfter;

  /** Crash at the next call of {@code call} ({@code Type.method}), before or after it takes effect. */
  synchronized void crashAt(String call, boolean after) {
    namedCall = call;
    namedAfter = after;
  }

  /** Crash at the {@code n}-th port call from now (0: the next one), before or after it takes effect. */
  synchronized void crashAtCall(int n, boolean after) {
    crashIndex = calls + n;
    crashAfter = after;
  }

  synchronized void noCrash() {
    namedCall = null;
    crashIndex = -1;
  }

  private synchronized int count() {
    return calls++;
  }

  private synchronized void maybeCrash(String call, int index, boolean after) {
    if ((call.equals(namedCall) && namedAfter == after) || (index == crashIndex && crashAfter == after)) {
      noCrash();
      crashedAt.add(call + (after ? " after" : " before"));
      throw new Crash();
    }
  }

  <T> T wrap(Class<T> type, T target) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.invoke(target, args);
      }
      String call = type.getSimpleName() + "." + method.getName();
      seen.add(call);
      int index = count();
      maybeCrash(call, index, false);
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      maybeCrash(call, index, true);
      return result;
    }));
  }

  DigestPromotionService.Ports ports(InMemoryGitOps gitops, DigestPromotionStore store) {
    return new DigestPromotionService.Ports(wrap(PinnedDigests.class, gitops), wrap(PinBranches.class, gitops),
        wrap(PullRequestHost.class, gitops), wrap(OpenPullRequests.class, gitops), wrap(PullRequestReviews.class, gitops),
        wrap(ContinuousIntegration.class, gitops), wrap(DigestDeployments.class, gitops), wrap(CanaryAnalysis.class, gitops),
        wrap(DigestPromotionStore.class, store));
  }
}
