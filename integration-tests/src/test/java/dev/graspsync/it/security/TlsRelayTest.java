package dev.graspsync.it.security;

import static dev.graspsync.it.security.ScriptedDns.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.NostrSpec;
import dev.graspsync.it.harness.Eventually;
import dev.graspsync.it.harness.Meters;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.sync.GraspSyncPlugin;
import dev.graspsync.sync.dial.TestAuthority;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A wss:// relay behind a private certificate authority (made in the test): with the CA in
 * {@code trusted-certificates-file} the host syncs from it (WebSocket and NIP-11 to the checked
 * address, TLS verified against the relay's name); without it, or with a certificate for
 * another name, the relay shows failing with the TLS reason in /sync/status and the metric.
 */
class TlsRelayTest extends SyncTestBase {
  private static final String NAME = "tls.grasp.test";
  private final ScriptedDns dns = new ScriptedDns();
  private TestAuthority authority;
  private Path caFile;

  @BeforeEach
  void authority() throws Exception {
    authority = TestAuthority.create("grasp-sync private CA");
    caFile = authority.writeCertificate(dir.resolve("private-ca.pem"));
    dns.answer(NAME, List.of(ip("127.0.0.1")));
  }

  @Test
  void aRelayOfAPrivateCaSyncsOnceTheCaIsTrusted() {
    WssRelay relay = wssRelay(authority.issue(NAME));

    EmbeddedHost host = start(Optional.of(caFile), relay);

    awaitStored(host, relay.events().subList(1, 2));
    assertThat(relay.front().handshakes()).isPositive();
    assertThat(Meters.counter(host.meters(), "grasp.sync.connect.failures", "reason", "tls_untrusted")).isZero();
  }

  @Test
  void withoutTheCaTheRelayIsUntrustedAndSaysSo() {
    WssRelay relay = wssRelay(authority.issue(NAME));

    EmbeddedHost host = start(Optional.empty(), relay);

    awaitFailing(host, "tls_untrusted");
    assertThat(relay.front().handshakes()).isZero();
    assertThat(host.has(relay.events().get(1).id())).isFalse();
  }

  @Test
  void aCertificateForAnotherNameIsRefusedAsAHostnameMismatch() {
    WssRelay relay = wssRelay(authority.issue("someone-else.grasp.test"));

    EmbeddedHost host = start(Optional.of(caFile), relay);

    awaitFailing(host, "tls_hostname_mismatch");
    assertThat(host.has(relay.events().get(1).id())).isFalse();
  }

  private void awaitFailing(EmbeddedHost host, String reason) {
    Eventually.untilAsserted(SYNC_DEADLINE, () -> {
      assertThat(Meters.counter(host.meters(), "grasp.sync.connect.failures", "reason", reason)).isPositive();
      assertThat(host.httpGet("/sync/status")).contains("connect failed (" + reason + ")");
    });
  }

  /** A reference relay behind TLS, holding an issue of a repository whose announcement lists it by name. */
  private record WssRelay(TlsFront front, String url, List<Event> events) {}

  private WssRelay wssRelay(TestAuthority.Issued certificate) {
    ReferenceRelay relay = referenceRelay();
    TlsFront front = cleanup.add(TlsFront.start(vertx, certificate, relay.port()));
    String url = "wss://" + NAME + ":" + front.port();
    List<Event> events = NostrSpec.create()
        .announcement("repo", "behind a private CA", List.of(url, OWN_URL), -50_000)
        .issue("i1", "repo", "bob", "over TLS", -40_000)
        .sign();
    relay.publish(vertx, events.subList(1, 2));
    return new WssRelay(front, url, events);
  }

  private EmbeddedHost start(Optional<Path> trusted, WssRelay relay) {
    SyncSettings settings = SyncSettings.forTests();
    trusted.ifPresent(f -> settings.with("trusted-certificates-file", f));
    EmbeddedHost host = cleanup.add(EmbeddedHost.builder(vertx, dir.resolve("host")).settings(settings.map())
        .start(new GraspSyncPlugin(dns)));
    host.publish(relay.events().get(0));
    return host;
  }
}
