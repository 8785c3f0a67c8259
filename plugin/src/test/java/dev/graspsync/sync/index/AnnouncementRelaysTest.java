package dev.graspsync.sync.index;

import static dev.graspsync.sync.fixtures.TestEvents.announcement;
import static dev.graspsync.sync.fixtures.TestEvents.pubkey;
import static dev.graspsync.sync.fixtures.TestEvents.tag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.relay.AddressPolicy;
import dev.graspsync.sync.relay.RelayUrl;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnnouncementRelaysTest {
  private static RelayUrl url(String s) {
    return RelayUrl.parse(s).url().orElseThrow();
  }

  private static IndexRules rules(int cap, boolean allowPrivate, String... own) {
    return new IndexRules(IndexRules.ownUrlsFrom(List.of(own)), cap, new AddressPolicy(allowPrivate));
  }

  @Test
  void everyRelaysValueOfEveryTagPlusCloneDerivedRelays() {
    var e = announcement(pubkey(1), "r", 1, List.of(
        tag("relays", "wss://a.example", "wss://b.example/"),
        tag("relays", "wss://c.example"),
        tag("clone", "https://git.d.example/npub/r.git", "git@github.com:x/r.git"),
        tag("clone", "http://e.example:8080/r.git")));
    AnnouncementRelays r = AnnouncementRelays.of(e, rules(20, false));
    assertThat(r.relays()).containsExactly(
        url("wss://a.example"), url("wss://b.example"), url("wss://c.example"),
        url("wss://git.d.example"), url("ws://e.example:8080"));
    assertThat(r.refused()).isEmpty();
    assertThat(r.overCap()).isZero();
  }

  @Test
  void normalisedDuplicatesCountOnce() {
    var e = announcement(pubkey(1), "r", 1, List.of(
        tag("relays", "wss://A.example/", "wss://a.example:443", "wss://a.example"),
        tag("clone", "https://a.example/r.git")));
    assertThat(AnnouncementRelays.of(e, rules(20, false)).relays()).containsExactly(url("wss://a.example"));
  }

  @Test
  void ownUrlsAreLeftOutWithoutCountingAgainstTheCap() {
    var e = announcement(pubkey(1), "r", 1, List.of(
        tag("relays", "wss://me.example", "wss://a.example"),
        tag("clone", "https://me.example/npub/r.git")));
    AnnouncementRelays r = AnnouncementRelays.of(e, rules(1, false, "wss://me.example/"));
    assertThat(r.relays()).containsExactly(url("wss://a.example"));
    assertThat(r.refused()).extracting(RefusedUrl::why).containsExactly(RefusedUrl.Why.OWN_RELAY);
    assertThat(r.overCap()).isZero();
  }

  @Test
  void ownHttpUrlExcludesTheRelayItImplies() {
    var e = announcement(pubkey(1), "r", 1, List.of(tag("relays", "wss://me.example")));
    assertThat(AnnouncementRelays.of(e, rules(5, false, "https://me.example")).relays()).isEmpty();
  }

  @Test
  void invalidAndPrivateUrlsAreRefusedWithAReason() {
    var e = announcement(pubkey(1), "r", 1, List.of(tag("relays",
        "https://not-ws.example", "wss://user@a.example", "ws://127.0.0.1:7000", "ws://[fd00::1]",
        "ws://localhost:8080", "wss://ok.example")));
    AnnouncementRelays r = AnnouncementRelays.of(e, rules(20, false));
    assertThat(r.relays()).containsExactly(url("wss://ok.example"));
    assertThat(r.refused()).extracting(RefusedUrl::why).containsExactly(
        RefusedUrl.Why.INVALID, RefusedUrl.Why.INVALID,
        RefusedUrl.Why.PRIVATE_ADDRESS, RefusedUrl.Why.PRIVATE_ADDRESS, RefusedUrl.Why.PRIVATE_ADDRESS);
    assertThat(r.refused().get(0).detail()).contains("not ws or wss");
  }

  @Test
  void privateLiteralsAreKeptWhenAllowed() {
    var e = announcement(pubkey(1), "r", 1, List.of(tag("relays", "ws://127.0.0.1:7000")));
    assertThat(AnnouncementRelays.of(e, rules(20, true)).relays()).containsExactly(url("ws://127.0.0.1:7000"));
  }

  @Test
  void relaysBeyondTheCapAreCountedNotKept() {
    var e = announcement(pubkey(1), "r", 1, List.of(tag("relays",
        "wss://r1.example", "wss://r2.example", "wss://r3.example", "wss://r4.example", "wss://r2.example")));
    AnnouncementRelays r = AnnouncementRelays.of(e, rules(2, false));
    assertThat(r.relays()).containsExactly(url("wss://r1.example"), url("wss://r2.example"));
    assertThat(r.overCap()).isEqualTo(2);
    assertThat(r.refused()).extracting(RefusedUrl::url).containsExactly("wss://r3.example", "wss://r4.example");
    assertThat(Set.copyOf(r.refused().stream().map(RefusedUrl::why).toList())).containsExactly(RefusedUrl.Why.OVER_CAP);
  }
}
