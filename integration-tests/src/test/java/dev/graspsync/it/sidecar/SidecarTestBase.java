package dev.graspsync.it.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.harness.Eventually;
import dev.graspsync.it.harness.NostrTestClient;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

/**
 * What the sidecar's end-to-end tests share: a sidecar process next to an operator's relay,
 * and checks made the way anyone would check that relay, with a WebSocket client.
 * Announcements meant to be synced list the operator's relay (the sidecar's default
 * sidecar.relay-public-urls), as its users' would: grasp-sync syncs only repositories that
 * name this relay (GRASP-02).
 */
abstract class SidecarTestBase extends SyncTestBase {
  private static final int IDS_PER_QUERY = 200;

  protected SidecarProcess startSidecar(String operatorUrl, Map<String, String> extra, SyncSettings settings) {
    return cleanup.add(SidecarProcess.start(dir.resolve("sidecar"), operatorUrl, extra, settings.map()));
  }

  /** The ids of {@code events} the relay at {@code url} does not return. */
  protected List<String> missingIn(String url, Collection<Event> events) {
    return missingIn(url, events, Optional.empty());
  }

  /** The same, asked after authenticating with {@code auth} when given (a relay demanding NIP-42). */
  protected List<String> missingIn(String url, Collection<Event> events, Optional<Keys> auth) {
    List<String> ids = ids(events);
    Set<String> found = new HashSet<>();
    try (NostrTestClient client = NostrTestClient.connect(vertx, url)) {
      auth.ifPresent(client::authenticate);
      for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
        client.query(Filter.builder().ids(chunk).limit(chunk.size()).build()).forEach(e -> found.add(e.id()));
      }
    }
    List<String> missing = new ArrayList<>(ids);
    missing.removeAll(found);
    return missing;
  }

  /** Waits until the relay at {@code url} returns every one of {@code events}. */
  protected void awaitIn(String url, Collection<Event> events, Duration timeout) {
    Eventually.untilAsserted(timeout, () -> {
      List<String> missing = missingIn(url, events);
      assertThat(missing).as("%d of %d events not in the operator's relay yet", missing.size(), events.size()).isEmpty();
    });
  }

  protected void awaitIn(String url, Collection<Event> events) {
    awaitIn(url, events, SYNC_DEADLINE);
  }

  /** Waits until the sidecar's worker for {@code relay} has its history and nothing pending, for a while. */
  protected static void awaitSettled(SidecarProcess sidecar, String relay) {
    String connected = "grasp_sync_relay_connected{relay=\"" + relay + "\"}";
    String pending = "grasp_sync_relay_pending_batches{relay=\"" + relay + "\"}";
    Eventually.await("relay " + relay + " settled in " + sidecar, SYNC_DEADLINE,
        () -> quietFor(SETTLE, () -> sidecar.metric(connected) == 3 && sidecar.metric(pending) <= 0));
  }

  /** The sidecar's EVENT outcomes with this result (accepted, duplicate, rejected, retried, resent). */
  protected static double writes(SidecarProcess sidecar, String result) {
    return Math.max(0, sidecar.metric("sidecar_writes_total{result=\"" + result + "\"}"));
  }
}
