package io.platinur.testkit.memory;

import io.platinur.domain.preview.PreviewAction;
import io.platinur.domain.preview.PreviewEnvironment;
import io.platinur.domain.preview.PreviewInventory;
import io.platinur.domain.preview.PreviewPlan;
import io.platinur.domain.preview.UnmanagedDirectory;
import io.platinur.port.PortFailure;
import io.platinur.port.PreviewPorts;
import io.platinur.port.PreviewStore;
import io.platinur.port.RetryBackoff;
import io.platinur.port.TimeSource;
import io.platinur.testkit.memory.InMemoryForge.Faults;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A {@link PreviewStore} in memory: the inventory and a version number moved by compare-and-swap.
 * Every call first asks its {@link Faults} whether to fail, before or after doing its work. As a
 * {@link PreviewPorts} bundle it plans at {@link InMemoryForge#FIXED_TIME} (give a test's clock with
 * the entry point's {@code clock(…)}) and retries at once.
 */
public final class InMemoryPreviewStore implements PreviewStore, PreviewPorts {
  private PreviewInventory inventory = PreviewInventory.empty();
  private long version;
  private volatile Faults faults = Faults.NONE;

  @Override
  public PreviewStore previewStore() {
    return this;
  }

  @Override
  public TimeSource timeSource() {
    return () -> InMemoryForge.FIXED_TIME;
  }

  @Override
  public RetryBackoff retryBackoff() {
    return RetryBackoff.none();
  }

  public void injectFaults(Faults injected) {
    this.faults = injected;
  }

  /** Somebody else wrote these directories under the previews root; the store must leave them alone. */
  public synchronized void addLeftAlone(UnmanagedDirectory directory) {
    inventory = inventory.withLeftAlone(inventory.leftAlone().append(directory));
    version++;
  }

  /** The inventory now, without faults. */
  public synchronized PreviewInventory inventory() {
    return inventory;
  }

  @Override
  public synchronized Either<PortFailure, StoredPreviews> load() {
    return guard("load", () -> Either.right(stored()));
  }

  @Override
  public synchronized Either<PortFailure, StoredPreviews> write(PreviewVersion expected, Seq<PreviewAction> actions, Instant at) {
    return guard("write", () -> {
      if (!expected.equals(currentVersion())) {
        return Either.left(PortFailure.of(PortFailure.Kind.CONFLICT, "The previews moved since version " + expected.token() + "."));
      }
      Option<PreviewAction> onForeign = actions.find(a -> inventory.occupied(a.pr()));
      if (onForeign.isDefined()) {
        return Either.left(PortFailure.of(PortFailure.Kind.INVALID_REQUEST,
            "The preview directory of PR " + onForeign.get().pr().value() + " was not created by Platinur."));
      }
      inventory = new PreviewPlan(actions, List.empty(), List.empty(), List.empty()).applyTo(inventory);
      version++;
      return Either.right(stored());
    });
  }

  @Override
  public synchronized Either<PortFailure, StoredPreviews> cleanedUp(PreviewVersion expected, Seq<PreviewEnvironment> cleaned) {
    return guard("cleanedUp", () -> {
      if (!expected.equals(currentVersion())) {
        return Either.left(PortFailure.of(PortFailure.Kind.CONFLICT, "The previews moved since version " + expected.token() + "."));
      }
      inventory = inventory.cleanedUp(cleaned.filter(p -> inventory.pendingCleanups().get(p.pr()).contains(p)).map(PreviewEnvironment::pr));
      version++;
      return Either.right(stored());
    });
  }

  private StoredPreviews stored() {
    return new StoredPreviews(currentVersion(), inventory);
  }

  private PreviewVersion currentVersion() {
    return new PreviewVersion(Long.toString(version));
  }

  private <T> Either<PortFailure, T> guard(String call, Supplier<Either<PortFailure, T>> body) {
    Option<PortFailure> failure = faults.before("previews." + call);
    if (failure.isDefined()) {
      return Either.left(failure.get());
    }
    Either<PortFailure, T> result = body.get();
    Option<PortFailure> late = faults.after("previews." + call);
    return late.isDefined() ? Either.left(late.get()) : result;
  }
}
