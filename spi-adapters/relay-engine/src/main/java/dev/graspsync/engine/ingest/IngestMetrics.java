package dev.graspsync.engine.ingest;

import dev.graspsync.nostr.message.MachinePrefix;
import dev.graspsync.spi.IngestVerdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@code relay_events_ingested_total{verdict, reason}}: reason is the machine prefix of a refusal. */
public final class IngestMetrics {
  private static final String NAME = "relay.events.ingested";

  private final MeterRegistry meters;
  private final Counter accepted;
  private final Counter duplicate;
  private final ConcurrentMap<String, Counter> rejected = new ConcurrentHashMap<>();

  public IngestMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.accepted = counter("accepted", "none");
    this.duplicate = counter("duplicate", "duplicate");
  }

  public void record(IngestVerdict verdict) {
    if (verdict instanceof IngestVerdict.Accepted) {
      accepted.increment();
    } else if (verdict instanceof IngestVerdict.Duplicate) {
      duplicate.increment();
    } else if (verdict instanceof IngestVerdict.Rejected r) {
      String prefix = MachinePrefix.of(r.reason()).map(MachinePrefix::word).orElse("other");
      rejected.computeIfAbsent(prefix, p -> counter("rejected", p)).increment();
    }
  }

  private Counter counter(String verdict, String reason) {
    return Counter.builder(NAME)
        .description("Events handed to the relay, by verdict and refusal prefix")
        .tag("verdict", verdict)
        .tag("reason", reason)
        .register(meters);
  }
}
