/**
 * One abstract contract test per port: extend it with a factory for your implementation, and JUnit
 * holds the implementation to the behaviour every Platinur adapter shares.
 */
package io.platinur.testkit.contract;
