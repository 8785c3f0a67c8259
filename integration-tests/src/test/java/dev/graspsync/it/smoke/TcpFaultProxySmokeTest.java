package dev.graspsync.it.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graspsync.it.harness.Eventually;
import dev.graspsync.it.harness.NodeRelay;
import dev.graspsync.it.harness.NodeScripts;
import dev.graspsync.it.harness.NostrTestClient;
import dev.graspsync.it.harness.TcpFaultProxy;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault proxy carries a relay's traffic, breaks it on demand and recovers on heal. */
class TcpFaultProxySmokeTest extends VertxSmokeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Filter NOTES = Filter.builder().kinds(Set.of(1)).build();
  private NodeRelay relay;
  private TcpFaultProxy proxy;
  private Event note;

  @BeforeEach
  void startRelayBehindProxy() {
    note = NodeScripts.sign("[{\"type\":\"raw\",\"kind\":1,\"content\":\"through the proxy\"}]").get(0);
    relay = NodeRelay.nostrRelay();
    proxy = TcpFaultProxy.start(vertx, relay.url());
  }

  @AfterEach
  void stop() {
    proxy.close();
    relay.close();
  }

  @Test
  void forwardsThenCutClosesTheClientAndAfterHealANewConnectionWorks() {
    NostrTestClient client = NostrTestClient.connect(vertx, proxy.url());
    assertThat(client.publish(note).accepted()).isTrue();
    assertThat(client.query(NOTES)).extracting(Event::id).containsExactly(note.id());

    proxy.cutAll();

    client.awaitClosed(TIMEOUT);
    client.close();
    proxy.heal();
    try (NostrTestClient again = NostrTestClient.connect(vertx, proxy.url())) {
      assertThat(again.query(NOTES)).extracting(Event::id).containsExactly(note.id());
    }
  }

  @Test
  void refusedConnectionsFailUntilHealed() {
    proxy.refuseNew();

    assertThatThrownBy(() -> NostrTestClient.connect(vertx, proxy.url(), Duration.ofSeconds(3), 1 << 20))
        .isInstanceOf(IllegalStateException.class);

    proxy.heal();
    try (NostrTestClient client = NostrTestClient.connect(vertx, proxy.url())) {
      assertThat(client.publish(note).accepted()).isTrue();
    }
  }

  @Test
  void blackholedTrafficIsLostAndHealCutsTheBrokenConnection() {
    NostrTestClient client = NostrTestClient.connect(vertx, proxy.url());
    proxy.blackhole();

    assertThatThrownBy(() -> client.query(Duration.ofMillis(500), NOTES)).isInstanceOf(AssertionError.class);

    proxy.heal();
    client.awaitClosed(TIMEOUT);
    client.close();
    assertThat(proxy.openConnections()).isZero();
  }

  @Test
  void delayedTrafficStillArrivesInOrder() {
    List<Event> notes = NodeScripts.sign("[{\"type\":\"raw\",\"kind\":1,\"content\":\"a\",\"at\":-2},"
        + "{\"type\":\"raw\",\"kind\":1,\"content\":\"b\",\"at\":-1},{\"type\":\"raw\",\"kind\":1,\"content\":\"c\"}]");
    proxy.delay(Duration.ofMillis(50));
    try (NostrTestClient client = NostrTestClient.connect(vertx, proxy.url())) {
      notes.forEach(n -> assertThat(client.publish(n).accepted()).isTrue());

      assertThat(client.query(NOTES)).extracting(Event::content).containsExactly("c", "b", "a");
    }
  }

  @Test
  void eachConnectionIsCutAfterItsByteBudget() {
    proxy.cutEachConnectionAfter(() -> 1_000);
    NostrTestClient client = NostrTestClient.connect(vertx, proxy.url());

    for (int i = 0; i < 100 && !client.isClosed(); i++) {
      int answered = i;
      client.send("[\"REQ\",\"x" + i + "\",{\"kinds\":[1],\"limit\":1}]");
      Eventually.await("a reply or a cut", TIMEOUT, () -> client.isClosed() || client.received().size() > answered);
    }

    assertThat(client.isClosed()).as("cut within 100 requests").isTrue();
    client.close();
  }
}
