package dev.graspsync.host.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Meters of live fan-out and of what the relay writes to clients, registered once so the hot
 * path only increments: once per event and event loop for fan-out, once per loop turn for what
 * was written ({@link WriteTally}). docs/monitoring.md explains each one.
 */
public final class FanoutMetrics {
  private final Counter deliveries;
  private final Timer queued;
  private final Timer written;
  private final Counter deflatedMessages;
  private final Counter plainMessages;
  private final Counter deflatedBytes;
  private final Counter plainBytes;
  private final Counter socketWrites;

  FanoutMetrics(MeterRegistry registry) {
    deliveries = Counter.builder("relay.live.deliveries")
        .description("Live EVENT messages written to subscribers (one per matching subscription)")
        .register(registry);
    queued = Timer.builder("relay.live.fanout")
        .description("From an event's acceptance to the start (stage=queued) of its fan-out on one event loop and to its messages being written to every matching socket (stage=written)")
        .tag("stage", "queued")
        .register(registry);
    written = Timer.builder("relay.live.fanout").tag("stage", "written").register(registry);
    deflatedMessages = messages(registry, "deflated");
    plainMessages = messages(registry, "plain");
    deflatedBytes = bytes(registry, "deflated");
    plainBytes = bytes(registry, "plain");
    socketWrites = Counter.builder("relay.websocket.writes")
        .description("Buffers written to client sockets, each holding every message the connection had waiting (fewer than messages when writes were gathered)")
        .register(registry);
  }

  /** One event's fan-out on one event loop: how many subscribers got it and when. */
  public void fannedOut(int subscribers, long queuedNanos, long writtenNanos) {
    deliveries.increment(subscribers);
    queued.record(queuedNanos, TimeUnit.NANOSECONDS);
    written.record(writtenNanos, TimeUnit.NANOSECONDS);
  }

  /** What one event loop wrote since it last reported (see {@link WriteTally}); zeros are skipped. */
  void written(long deflatedCount, long deflatedPayload, long plainCount, long plainPayload, long writes) {
    add(deflatedMessages, deflatedCount);
    add(deflatedBytes, deflatedPayload);
    add(plainMessages, plainCount);
    add(plainBytes, plainPayload);
    add(socketWrites, writes);
  }

  private static void add(Counter counter, long amount) {
    if (amount > 0) {
      counter.increment(amount);
    }
  }

  private static Counter messages(MeterRegistry registry, String compression) {
    return Counter.builder("relay.websocket.sent.messages")
        .description("Text messages written to clients, by whether they went out compressed")
        .tag("compression", compression)
        .register(registry);
  }

  private static Counter bytes(MeterRegistry registry, String compression) {
    return Counter.builder("relay.websocket.sent.bytes")
        .description("Payload bytes of the text messages written to clients, as sent (compressed or not)")
        .tag("compression", compression)
        .register(registry);
  }
}
