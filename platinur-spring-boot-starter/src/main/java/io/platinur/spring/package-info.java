/**
 * Platinur in a Spring Boot host: {@link io.platinur.spring.PlatinurAutoConfiguration} configures
 * the repository, the staging lane, promote by digest, GitHub, the webhook endpoint, the scheduled
 * sync, Actuator health and info and the delivery metrics from {@code platinur.*} properties
 * ({@link io.platinur.spring.PlatinurProperties}); {@link io.platinur.spring.PlatinurSyncs} runs the
 * syncs the webhook and the schedule ask for. See {@code docs/spring-boot.md}.
 */
package io.platinur.spring;
