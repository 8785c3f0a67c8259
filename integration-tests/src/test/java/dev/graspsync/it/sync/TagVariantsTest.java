package dev.graspsync.it.sync;

import dev.graspsync.it.fixtures.NostrSpec;
import dev.graspsync.it.harness.NodeRelay;
import dev.graspsync.it.harness.NostrTestClient;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.event.Event;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every way an event can point at what the host tracks: a repository by {@code a}, {@code A}
 * or {@code q} (L2), a root event by {@code e} (root marker), {@code E} or {@code q} (L3).
 * Each variant carries only its one tag, so only its own filter can find it; each is checked
 * in history (before the host starts) and live (published after the host caught up).
 */
class TagVariantsTest extends SyncTestBase {

  @Test
  void everyTagVariantOnAReferenceRelay() {
    ReferenceRelay relay = referenceRelay();
    run(relay.url(), events -> relay.publish(vertx, events));
  }

  /** The same against @nostr-relay, whose live subscriptions ignore tag filters (the session filters them). */
  @Test
  void everyTagVariantOnANostrRelay() {
    NodeRelay relay = nostrRelay();
    run(relay.url(), events -> {
      try (NostrTestClient client = NostrTestClient.connect(vertx, relay.url())) {
        client.publishAll(events);
      }
    });
  }

  private void run(String relayUrl, java.util.function.Consumer<List<Event>> publish) {
    List<Event> base = NostrSpec.create()
        .announcement("repo", "tags", List.of(relayUrl, OWN_URL), -50_000)
        .issue("root", "repo", "bob", "the root event", -40_000)
        .sign();
    String ref = "30617:" + base.get(0).pubkey() + ":tags";
    String root = base.get(1).id();
    List<Event> history = variants(ref, root, "history", -30_000);
    publish.accept(base);
    publish.accept(history);

    EmbeddedHost host = startHost(SyncSettings.forTests(relayUrl));
    awaitStored(host, base);
    awaitStored(host, history);
    awaitCaughtUp(host, relayUrl);

    List<Event> live = variants(ref, root, "live", 0);
    publish.accept(live);
    awaitStored(host, live, Duration.ofSeconds(5));
  }

  /** Six events, one per tag variant, each with that tag alone. */
  private static List<Event> variants(String repoRef, String rootId, String label, long at) {
    return NostrSpec.create()
        .raw("a", 1111, List.of(List.of("a", repoRef)), label + ": repository by a", at)
        .raw("A", 1111, List.of(List.of("A", repoRef)), label + ": repository by A", at)
        .raw("qr", 1, List.of(List.of("q", repoRef)), label + ": repository by q", at)
        .raw("e", 1111, List.of(List.of("e", rootId, "", "root")), label + ": root by e", at)
        .raw("E", 1111, List.of(List.of("E", rootId)), label + ": root by E", at)
        .raw("qe", 1, List.of(List.of("q", rootId)), label + ": root by q", at)
        .sign();
  }
}
