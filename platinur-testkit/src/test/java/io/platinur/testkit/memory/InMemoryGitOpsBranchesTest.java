package io.platinur.testkit.memory;

import io.platinur.testkit.contract.PinBranchesContract;

/** The pin-branches contract on {@link InMemoryGitOps}, which keeps pins, not bytes. */
class InMemoryGitOpsBranchesTest extends PinBranchesContract {
  @Override
  protected World newWorld() {
    return InMemoryGitOpsPinsTest.world();
  }
}
