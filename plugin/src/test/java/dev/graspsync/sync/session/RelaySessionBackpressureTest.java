package dev.graspsync.sync.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A relay that floods while the host ingests slowly: reading pauses, memory stays bounded. */
class RelaySessionBackpressureTest extends SessionTestBase {
  private static final int FLOOD = 50_000;
  private static final int MAX_IN_FLIGHT = 256;

  /** A host ingest that settles at most {@code perTick} events every 2 ms; lives on the session loop. */
  private static final class SlowSink {
    final ArrayDeque<Promise<Void>> pending = new ArrayDeque<>();
    int maxPending;

    Future<?> accept(Event event) {
      Promise<Void> p = Promise.promise();
      pending.add(p);
      maxPending = Math.max(maxPending, pending.size());
      return p.future();
    }

    void tick(int perTick) {
      for (int i = 0; i < perTick && !pending.isEmpty(); i++) {
        pending.poll().complete();
      }
    }
  }

  @Test
  void aFloodIsReadNoFasterThanTheHostIngests() {
    TestRelay relay = relay(TestRelay.flood(FLOOD));
    SlowSink sink = new SlowSink();
    RelaySession session = loop.call(() -> RelaySession.builder(vertx, relay.url())
        .config(SessionConfig.defaults().withInFlight(MAX_IN_FLIGHT, MAX_IN_FLIGHT / 2)).build());
    loop.await(() -> session.connect(Duration.ofSeconds(5)));
    long ticker = loop.call(() -> vertx.setPeriodic(2, t -> sink.tick(100)));
    RecordingSubscriber sub = new RecordingSubscriber(sink::accept);

    loop.call(() -> session.openLive(List.of(Filter.builder().kinds(1).since(0).build()), sub));
    loop.until("every flooded event delivered and settled", () -> sub.events.size() == FLOOD && sink.pending.isEmpty());
    loop.until("EOSE after the flood", sub.live::isDone);

    assertThat(new HashSet<>(sub.ids())).hasSize(FLOOD);
    assertThat(loop.call(() -> sink.maxPending)).isLessThanOrEqualTo(MAX_IN_FLIGHT);
    assertThat(loop.call(session::maxInFlightSeen)).isLessThanOrEqualTo(MAX_IN_FLIGHT);
    SessionCounters counters = loop.call(session::counters);
    assertThat(counters.pauses()).isGreaterThan(0);
    assertThat(counters.eventsDelivered()).isEqualTo(FLOOD);
    assertThat(loop.call(session::inFlight)).isZero();
    assertThat(loop.call(session::readingPaused)).isFalse();

    loop.run(() -> vertx.cancelTimer(ticker));
    loop.await(session::close);
  }
}
