package dev.graspsync.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.BulkHistory;
import dev.graspsync.it.harness.Meters;
import dev.graspsync.it.harness.TcpFaultProxy;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.event.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The host-wide cap on relays syncing history ({@code max-relays-syncing-history}): six relay
 * URLs, each the only one of a repository with history, and a cap of two. Watched at the wire
 * (EVENTs each URL serves), no more than two URLs serve history at once; the others wait their
 * turn, and every one completes.
 */
class HistoryTurnsTest extends SyncTestBase {
  private static final int URLS = 6;
  private static final int CAP = 2;

  @Test
  void noMoreThanTheCapSyncHistoryAtOnceAndEveryRelayCompletes() throws Exception {
    ReferenceRelay relay = referenceRelay();
    List<TcpFaultProxy> wires = new ArrayList<>();
    List<Event> history = new ArrayList<>();
    for (int i = 0; i < URLS; i++) {
      TcpFaultProxy wire = proxy(relay.url());
      // each round trip takes a while, so a relay's history spans many samples
      wire.delay(Duration.ofMillis(60));
      wires.add(wire);
      history.addAll(BulkHistory.repo("repo-" + i, wire.url(), OWN_URL).issues(120).comments(120, 3).sign().events());
    }
    relay.publish(vertx, history);

    // one more URL in front of the same relay, bootstrap only: it finds the six repositories
    TcpFaultProxy bootstrap = proxy(relay.url());
    EmbeddedHost host = startHost(SyncSettings.forTests(bootstrap.url()).with("max-relays-syncing-history", CAP));

    List<long[]> samples = new ArrayList<>();
    AtomicInteger mostActive = new AtomicInteger();
    AtomicInteger mostWaiting = new AtomicInteger();
    AtomicBoolean done = new AtomicBoolean();
    Thread sampler = new Thread(() -> {
      while (!done.get()) {
        long[] row = new long[URLS];
        for (int i = 0; i < URLS; i++) {
          row[i] = wires.get(i).messagesToClient("EVENT");
        }
        synchronized (samples) {
          samples.add(row);
        }
        mostActive.accumulateAndGet(Meters.gaugeOr(host.meters(), "grasp.sync.history.relays", "state", "active"), Math::max);
        mostWaiting.accumulateAndGet(Meters.gaugeOr(host.meters(), "grasp.sync.history.relays", "state", "waiting"), Math::max);
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "history-turns-sampler");
    sampler.start();
    try {
      awaitStored(host, history, Duration.ofSeconds(60));
      for (TcpFaultProxy wire : wires) {
        awaitSettled(host, wire.url());
      }
    } finally {
      done.set(true);
      sampler.join();
    }

    assertThat(Meters.counter(host.meters(), "grasp.sync.batches.failed")).isZero();
    assertThat(mostActive.get()).as("relays holding a turn at once (gauge)").isBetween(1, CAP);
    assertThat(mostWaiting.get()).as("relays seen waiting for a turn (the cap was reached)").isPositive();
    assertThat(Meters.gaugeOr(host.meters(), "grasp.sync.history.relays", "state", "active")).isZero();
    assertThat(Meters.gaugeOr(host.meters(), "grasp.sync.history.relays", "state", "waiting")).isZero();
    assertThat(mostServingAtOnce(samples)).as("URLs serving history at once, at the wire").isLessThanOrEqualTo(CAP);
  }

  /**
   * Each URL serves history from the first sample its EVENT count grew in to the last; the most
   * URLs strictly inside their spans in one sample (a turn handed over between two samples
   * shows both URLs in the sample at the boundary, which is not counted).
   */
  private static int mostServingAtOnce(List<long[]> samples) {
    int n = samples.size();
    int[] first = new int[URLS];
    int[] last = new int[URLS];
    for (int u = 0; u < URLS; u++) {
      first[u] = -1;
      for (int s = 1; s < n; s++) {
        if (samples.get(s)[u] > samples.get(s - 1)[u]) {
          if (first[u] < 0) {
            first[u] = s;
          }
          last[u] = s;
        }
      }
      assertThat(first[u]).as("URL %d served its history while sampled", u).isPositive();
    }
    int most = 0;
    for (int s = 0; s < n; s++) {
      int serving = 0;
      for (int u = 0; u < URLS; u++) {
        if (first[u] < s && s < last[u]) {
          serving++;
        }
      }
      most = Math.max(most, serving);
    }
    return most;
  }
}
