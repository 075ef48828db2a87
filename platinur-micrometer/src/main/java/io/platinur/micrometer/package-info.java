/**
 * Platinur's delivery metrics through Micrometer: {@link io.platinur.micrometer.DeliveryMetricsBinder}
 * binds DORA's four keys, per staging lane and per service × environment, to any
 * {@code MeterRegistry}.
 */
package io.platinur.micrometer;
