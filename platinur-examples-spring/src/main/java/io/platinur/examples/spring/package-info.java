/**
 * A runnable Spring Boot host on {@code platinur-spring-boot-starter}: {@link io.platinur.examples.spring.SampleHost}.
 */
package io.platinur.examples.spring;
