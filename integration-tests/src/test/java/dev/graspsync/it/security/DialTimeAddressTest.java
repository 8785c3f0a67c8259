package dev.graspsync.it.security;

import static dev.graspsync.it.security.ScriptedDns.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.NostrSpec;
import dev.graspsync.it.harness.Eventually;
import dev.graspsync.it.harness.Meters;
import dev.graspsync.it.harness.TcpFaultProxy;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.spi.IngestVerdict;
import dev.graspsync.sync.GraspSyncPlugin;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The address policy holds for the address dialled, on every attempt: the relay's name is
 * resolved through the plugin's resolver seam, each answer checked, and the checked address
 * dialled. A name that rebinds to loopback after admission gets no connection (neither
 * WebSocket nor NIP-11) and shows as failing with the reason; a name that does not resolve yet
 * is retried with the relay backoff and syncs once it does, without a restart.
 */
class DialTimeAddressTest extends SyncTestBase {
  private final ScriptedDns dns = new ScriptedDns();

  @Test
  void aNameThatRebindsToLoopbackAfterAdmissionIsNeverDialled() {
    // public when the coordinator admits the relay, loopback (where the relay is) ever after
    dns.answer("rebind.grasp.test", List.of(ip("93.184.216.34")), List.of(ip("127.0.0.1")));
    Listed listed = repositoryOnRelayNamed("rebind.grasp.test");
    TcpFaultProxy door = listed.door();
    String url = listed.url();
    List<Event> events = listed.events();

    EmbeddedHost host = startResolvingThroughScript(EmbeddedHost.builder(vertx, dir.resolve("host"))
        .settings(SyncSettings.defaults(List.of()).with("base-backoff-seconds", 1).with("max-backoff-seconds", 2).map()));
    assertThat(host.publish(events.get(0))).isInstanceOf(IngestVerdict.Accepted.class);

    Eventually.untilAsserted(SYNC_DEADLINE, () -> {
      assertThat(Meters.counter(host.meters(), "grasp.sync.connect.failures", "reason", "private_address"))
          .as("attempts refused at dial time").isGreaterThanOrEqualTo(2);
      assertThat(host.httpGet("/sync/status"))
          .contains("\"relay\":\"" + url)
          .contains("connect failed (private_address): rebind.grasp.test resolved to 127.0.0.1");
    });
    assertThat(dns.lookups("rebind.grasp.test")).as("admission, then every attempt").isGreaterThanOrEqualTo(3);
    assertThat(door.acceptedConnections()).as("no WebSocket connection, no NIP-11 request").isZero();
    assertThat(host.health(url)).as("degraded").isEqualTo(3);
    assertThat(host.has(events.get(1).id())).isFalse();
  }

  @Test
  void aRelayThatDoesNotResolveYetIsRetriedAndSyncsOnceItDoes() {
    Listed listed = repositoryOnRelayNamed("late.grasp.test");
    TcpFaultProxy door = listed.door();
    List<Event> events = listed.events();

    EmbeddedHost host = startResolvingThroughScript(EmbeddedHost.builder(vertx, dir.resolve("host"))
        .settings(SyncSettings.forTests().map()));
    assertThat(host.publish(events.get(0))).isInstanceOf(IngestVerdict.Accepted.class);

    Eventually.untilAsserted(SYNC_DEADLINE, () -> {
      assertThat(Meters.counter(host.meters(), "grasp.sync.connect.failures", "reason", "dns"))
          .isGreaterThanOrEqualTo(2);
      assertThat(host.httpGet("/sync/status")).contains("connect failed (dns): cannot resolve late.grasp.test");
    });
    assertThat(host.has(events.get(1).id())).isFalse();

    dns.answer("late.grasp.test", List.of(ip("127.0.0.1")));

    awaitStored(host, events.subList(1, 2));
    assertThat(door.acceptedConnections()).isPositive();
  }

  /** An announcement (events[0], for the host) listing a relay by name, and an issue (events[1]) on that relay. */
  private record Listed(TcpFaultProxy door, String url, List<Event> events) {}

  private Listed repositoryOnRelayNamed(String name) {
    ReferenceRelay relay = referenceRelay();
    TcpFaultProxy door = proxy(relay.url());
    String url = "ws://" + name + ":" + door.port();
    List<Event> events = NostrSpec.create()
        .announcement("repo", name, List.of(url, OWN_URL), -50_000)
        .issue("i1", "repo", "bob", "only on " + name, -40_000)
        .sign();
    relay.publish(vertx, events.subList(1, 2));
    return new Listed(door, url, events);
  }

  private EmbeddedHost startResolvingThroughScript(EmbeddedHost.Builder builder) {
    return cleanup.add(builder.start(new GraspSyncPlugin(dns)));
  }
}
