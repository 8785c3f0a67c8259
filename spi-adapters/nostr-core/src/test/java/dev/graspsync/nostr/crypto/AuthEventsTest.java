package dev.graspsync.nostr.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.EventTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthEventsTest {
  static final Keys KEYS = Keys.generate();
  static final long NOW = 1_700_000_000L;

  @Test
  void createdEventAuthenticates() {
    Event e = AuthEvents.create("chal", "ws://127.0.0.1:7777", KEYS, NOW);
    assertThat(e.kind()).isEqualTo(22242);
    assertThat(e.firstTagValue("challenge")).contains("chal");
    assertThat(AuthEvents.problem(e, "chal", "ws://127.0.0.1:7777/", NOW + 30, 600)).isEmpty();
    assertThat(AuthEvents.problem(AuthEvents.create("c", "WSS://Relay.Example.com:443/", KEYS, NOW), "c", "wss://relay.example.com", NOW, 600)).isEmpty();
  }

  @Test
  void eachWrongPartIsNamed() {
    Event e = AuthEvents.create("chal", "ws://127.0.0.1:7777", KEYS, NOW);
    assertThat(AuthEvents.problem(e, "other", "ws://127.0.0.1:7777", NOW, 600)).contains("auth event challenge does not match");
    assertThat(AuthEvents.problem(e, "chal", "ws://127.0.0.1:8888", NOW, 600)).contains("auth event relay tag does not name this relay");
    assertThat(AuthEvents.problem(e, "chal", "ws://127.0.0.1:7777", NOW + 601, 600)).contains("auth event created_at is too far from now");
    Event kind1 = EventSigner.sign(new EventTemplate(NOW, 1, e.tags(), ""), KEYS);
    assertThat(AuthEvents.problem(kind1, "chal", "ws://127.0.0.1:7777", NOW, 600)).contains("auth event must be kind 22242, got 1");
    Event forged = new Event(e.id(), e.pubkey(), e.createdAt(), e.kind(), List.of(List.of("relay", "ws://127.0.0.1:7777"), List.of("challenge", "chal")), "x", e.sig(), e.json());
    assertThat(AuthEvents.problem(forged, "chal", "ws://127.0.0.1:7777", NOW, 600)).contains(Verification.BAD_ID.reason());
  }
}
