package dev.graspsync.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.BulkHistory;
import dev.graspsync.it.harness.Eventually;
import dev.graspsync.it.harness.NodeRelay;
import dev.graspsync.it.harness.NostrTestClient;
import dev.graspsync.it.harness.TcpFaultProxy;
import dev.graspsync.it.host.HostProcess;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host as operators run it (its own JVM, the plugin loaded from its jar) is killed with
 * {@code kill -9} in the middle of a sync, then started again on the same data: nothing is
 * lost, nothing is stored twice, and once the history is complete a further kill and restart
 * does not download it again. What the external relay sends is counted on the wire.
 */
class HostKillTest extends SyncTestBase {
  private static final Logger log = LoggerFactory.getLogger(HostKillTest.class);
  private static final String SERIES_CONNECTED = "grasp_sync_relay_connected{relay=\"%s\"}";
  private static final String SERIES_PENDING = "grasp_sync_relay_pending_batches{relay=\"%s\"}";

  @Test
  void killDashNineMidSyncLosesNothingStoresNothingTwiceAndDoesNotRefetchHistory() {
    NodeRelay relay = nostrRelay("--max-limit", "100", "--default-limit", "100");
    TcpFaultProxy wire = proxy(relay.url());
    // slow enough that the first kill lands mid-sync
    wire.delay(Duration.ofMillis(30));
    List<Event> history = BulkHistory.repo("crash", wire.url(), OWN_URL).withState().issues(500).comments(300)
        .sign().events();
    try (NostrTestClient client = NostrTestClient.connect(vertx, relay.url())) {
      client.publishAll(history);
    }
    Path data = dir.resolve("host-data");
    Map<String, String> settings = SyncSettings.forTests(wire.url()).map();

    HostProcess first = cleanup.add(HostProcess.start(dir, data, OWN_URL, settings, "first"));
    Eventually.await("the sync under way", Duration.ofSeconds(60), () -> wire.messagesToClient("EVENT") >= 150);
    first.kill();
    long sentToFirst = wire.messagesToClient("EVENT");
    assertThat(sentToFirst).as("killed mid-sync: the relay had not sent the whole history").isLessThan(history.size());

    HostProcess second = cleanup.add(HostProcess.start(dir, data, OWN_URL, settings, "second"));
    List<Event> stored = Eventually.awaitValue("the complete history", Duration.ofSeconds(60), () -> {
      List<Event> now = storedEvents(second);
      return now.size() >= history.size() ? java.util.Optional.of(now) : java.util.Optional.empty();
    });
    assertThat(ids(stored)).as("nothing lost").containsAll(ids(history));
    assertThat(new HashSet<>(ids(stored))).as("nothing stored twice").hasSize(stored.size());
    assertThat(stored).hasSize(history.size());
    // settled: connected with nothing pending for a while, so every batch is confirmed on disk
    Eventually.await("settled", SYNC_DEADLINE, () -> quietFor(SETTLE, () -> {
      String scrape = second.metrics();
      return HostProcess.metric(scrape, String.format(SERIES_CONNECTED, wire.url())) == 3
          && HostProcess.metric(scrape, String.format(SERIES_PENDING, wire.url())) == 0;
    }));
    long sentToSecond = wire.messagesToClient("EVENT") - sentToFirst;
    second.kill();
    long before = wire.messagesToClient("EVENT");

    HostProcess third = cleanup.add(HostProcess.start(dir, data, OWN_URL, settings, "third"));
    Eventually.await("settled after the second kill", SYNC_DEADLINE, () -> quietFor(SETTLE, () -> {
      String scrape = third.metrics();
      return HostProcess.metric(scrape, String.format(SERIES_CONNECTED, wire.url())) == 3
          && HostProcess.metric(scrape, String.format(SERIES_PENDING, wire.url())) == 0;
    }));
    long sentToThird = wire.messagesToClient("EVENT") - before;
    log.info("kill -9: history {} events; relay sent {} before the first kill, {} to finish after it, {} after a kill"
        + " once complete", history.size(), sentToFirst, sentToSecond, sentToThird);
    assertThat(storedEvents(third)).hasSize(history.size());
    assertThat(sentToThird).as("history not downloaded again").isLessThan(history.size() / 20);
  }

  /** Everything the host process stores, read through its own WebSocket. */
  private List<Event> storedEvents(HostProcess host) {
    try (NostrTestClient client = NostrTestClient.connect(vertx, host.url())) {
      List<Event> all = new ArrayList<>();
      for (int kind : List.of(30617, 30618, 1621, 1111)) {
        all.addAll(client.query(Filter.builder().kinds(kind).limit(5000).build()));
      }
      return all;
    }
  }
}
