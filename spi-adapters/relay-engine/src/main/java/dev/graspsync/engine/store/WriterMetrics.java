package dev.graspsync.engine.store;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** Group commit figures: how many events share one fsync, and how long a batch takes. */
final class WriterMetrics {
  private final DistributionSummary batchSize;
  private final Timer batchLatency;

  WriterMetrics(MeterRegistry meters) {
    batchSize =
        DistributionSummary.builder("relay.store.write.batch.size")
            .description("Events applied per group commit")
            .baseUnit("events")
            .register(meters);
    batchLatency =
        Timer.builder("relay.store.write.batch.latency")
            .description("Time to apply and durably commit one write batch")
            .register(meters);
  }

  void record(int events, long nanos) {
    batchSize.record(events);
    batchLatency.record(nanos, TimeUnit.NANOSECONDS);
  }
}
