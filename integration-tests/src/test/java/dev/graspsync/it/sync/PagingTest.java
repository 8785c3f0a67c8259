package dev.graspsync.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.BulkEvents;
import dev.graspsync.it.fixtures.NostrSpec;
import dev.graspsync.it.harness.NodeRelay;
import dev.graspsync.it.harness.NostrTestClient;
import dev.graspsync.it.harness.TcpFaultProxy;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A relay that returns at most 100 events per query still yields a history of 1,000: the
 * host pages with {@code until}, including across seconds that hold several events, and
 * does not fetch the history many times over to do it.
 */
class PagingTest extends SyncTestBase {
  private static final Logger log = LoggerFactory.getLogger(PagingTest.class);
  private static final int ISSUES = 1000;

  /** The reference relay announces its cap in NIP-11 (max_limit 100). */
  @Test
  void aThousandEventsThroughAReferenceRelayCappedAtAHundred() {
    ReferenceRelay relay = referenceRelay(Map.of("relay.max-limit", "100"));
    TcpFaultProxy counter = proxy(relay.url());
    List<Event> history = history(counter.url());
    relay.publish(vertx, history);

    EmbeddedHost host = startHost(SyncSettings.forTests(counter.url()));

    awaitStored(host, history);
    awaitCaughtUp(host, counter.url());
    assertEfficient(counter, history.size());
  }

  /** @nostr-relay caps silently (no NIP-11): the host finds the cap by what comes back. */
  @Test
  void aThousandEventsThroughANostrRelayCappedAtAHundred() {
    NodeRelay relay = nostrRelay("--max-limit", "100", "--default-limit", "100");
    TcpFaultProxy counter = proxy(relay.url());
    List<Event> history = history(counter.url());
    try (NostrTestClient client = NostrTestClient.connect(vertx, relay.url())) {
      client.publishAll(history);
    }

    EmbeddedHost host = startHost(SyncSettings.forTests(counter.url()));

    awaitStored(host, history);
    awaitCaughtUp(host, counter.url());
    assertEfficient(counter, history.size());
  }

  /** An announcement and 1,000 issues over about 900 seconds, up to 3 in one second. */
  private static List<Event> history(String relayUrl) {
    List<Event> events = new ArrayList<>(NostrSpec.create()
        .announcement("repo", "paged", List.of(relayUrl, OWN_URL), -200_000)
        .sign());
    events.addAll(BulkEvents.issues(BulkEvents.repoRef("paged"), "bob", ISSUES, BulkEvents.now() - 100_000, 3));
    return events;
  }

  /** Pages overlap by a second at most: the relay sends little more than the history once. */
  private static void assertEfficient(TcpFaultProxy counter, int historySize) {
    long sent = counter.messagesToClient("EVENT");
    log.info("paging: relay sent {} EVENT messages for a history of {}", sent, historySize);
    assertThat(sent).isGreaterThanOrEqualTo(historySize).isLessThan(historySize + historySize / 5);
  }
}
