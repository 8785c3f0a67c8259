package dev.graspsync.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.NostrSpec;
import dev.graspsync.it.harness.NodeRelay;
import dev.graspsync.it.harness.NostrTestClient;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A host that starts empty pulls repositories' whole history from the relays their announcements list. */
class HistoricSyncTest extends SyncTestBase {

  /**
   * Issue 4: a repository with state, 200 issues and 600 comments spread over three
   * reference relays. Only the first is configured; the others are found in the
   * announcement, and comments on one relay answer issues held by another.
   */
  @Test
  void repositoryWithStateTwoHundredIssuesAndSixHundredCommentsFromThreeRelays() {
    ReferenceRelay a = referenceRelay();
    ReferenceRelay b = referenceRelay();
    ReferenceRelay c = referenceRelay();
    NostrSpec spec = NostrSpec.create()
        .announcement("repo", "big", List.of(a.url(), b.url(), c.url(), OWN_URL), -200_000)
        .state("big", -199_999);
    for (int i = 0; i < 200; i++) {
      spec.issue("i" + i, "repo", "bob", "issue " + i, -190_000 + i * 10);
      for (int k = 0; k < 3; k++) {
        spec.comment("c" + i + "-" + k, "i" + i, "carol", "comment " + k + " on issue " + i, -190_000 + i * 10 + k + 1);
      }
    }
    List<Event> events = spec.sign();
    Event announcement = events.get(0);
    Event state = events.get(1);
    List<Event> onA = new ArrayList<>(List.of(announcement, state));
    List<Event> onB = new ArrayList<>(List.of(announcement));
    List<Event> onC = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int at = 2 + i * 4;
      (i < 100 ? onA : onB).add(events.get(at));
      for (int k = 1; k <= 3; k++) {
        // comments of every third issue live only on the third relay, away from their issue
        (i % 3 == 2 ? onC : i < 100 ? onA : onB).add(events.get(at + k));
      }
    }
    a.publish(vertx, onA);
    b.publish(vertx, onB);
    c.publish(vertx, onC);

    EmbeddedHost host = startHost(SyncSettings.forTests(a.url()));

    awaitStored(host, events);
    assertThat(host.count(kind(1621))).isEqualTo(200);
    assertThat(host.count(kind(1111))).isEqualTo(600);
    assertThat(host.count(kind(30618))).isEqualTo(1);
    assertThat(host.count(kind(30617))).isEqualTo(1);
    for (ReferenceRelay r : List.of(a, b, c)) {
      awaitCaughtUp(host, r.url());
    }
  }

  /** The same from a relay written by others (@nostr-relay), seeded through its client API. */
  @Test
  void historyFromABootstrapNostrRelayArrivesComplete() {
    NodeRelay external = nostrRelay();
    NostrSpec spec = NostrSpec.create()
        .announcement("repo", "demo", List.of(external.url(), OWN_URL), -100_000)
        .state("demo", -99_999);
    for (int i = 0; i < 20; i++) {
      spec.issue("i" + i, "repo", "bob", "issue " + i, -90_000 + i * 10);
      spec.comment("c" + i, "i" + i, "carol", "comment on " + i, -90_000 + i * 10 + 1);
    }
    spec.patch("p", "repo", "bob", -80_000);
    List<Event> events = spec.sign();
    try (NostrTestClient client = NostrTestClient.connect(vertx, external.url())) {
      client.publishAll(events);
    }

    EmbeddedHost host = startHost(SyncSettings.forTests(external.url()));

    awaitStored(host, events);
    awaitCaughtUp(host, external.url());
  }

  static Filter kind(int kind) {
    return Filter.builder().kinds(kind).build();
  }
}
