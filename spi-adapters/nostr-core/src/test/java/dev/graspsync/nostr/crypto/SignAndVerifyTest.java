package dev.graspsync.nostr.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.EventTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignAndVerifyTest {
  private static final String SECRET = "0000000000000000000000000000000000000000000000000000000000000003";

  @Test
  void knownSecretGivesTheBip340PublicKey() {
    // BIP-340 test vector 0: secret 3
    assertThat(Keys.fromSecretHex(SECRET).publicKeyHex())
        .isEqualTo("f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9");
  }

  @Test
  void signedEventVerifiesAndReparsesToTheSameEvent() {
    Keys keys = Keys.generate();
    Event e = EventSigner.sign(new EventTemplate(1_700_000_000L, 1, List.of(List.of("t", "x")), "hi \"there\"\n\u0001"), keys);
    assertThat(EventVerifier.verify(e)).isEqualTo(Verification.VALID);
    assertThat(Event.fromJson(e.json())).isEqualTo(e);
    assertThat(e.pubkey()).isEqualTo(keys.publicKeyHex());
  }

  @Test
  void tamperedContentIsBadIdAndForeignSignatureIsBadSignature() {
    Keys keys = Keys.generate();
    Event e = EventSigner.sign(new EventTemplate(1, 1, List.of(), "a"), keys);
    Event changed = new Event(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), "b", e.sig(), e.json());
    assertThat(EventVerifier.verify(changed)).isEqualTo(Verification.BAD_ID);
    Event other = EventSigner.sign(new EventTemplate(1, 1, List.of(), "a"), Keys.generate());
    Event stolen = new Event(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content(), other.sig(), e.json());
    assertThat(EventVerifier.verify(stolen)).isEqualTo(Verification.BAD_SIGNATURE);
  }

  @Test
  void keysNeverShowTheSecret() {
    Keys keys = Keys.fromSecretHex(SECRET);
    assertThat(keys.toString()).doesNotContain(SECRET).contains(keys.publicKeyHex());
    assertThat(keys.secretHex()).isEqualTo(SECRET);
    assertThatThrownBy(() -> Keys.fromSecretHex("00".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid");
    assertThatThrownBy(() -> Keys.fromSecretHex("zz" + SECRET.substring(2)))
        .hasMessageContaining("64 hex")
        .hasMessageNotContaining(SECRET.substring(2));
  }

  @Test
  void templatesOutsideTheProtocolRangesAreNotSigned() {
    Keys keys = Keys.generate();
    assertThatThrownBy(() -> EventSigner.sign(new EventTemplate(1, 65536, List.of(), ""), keys)).hasMessageContaining("kind");
    assertThatThrownBy(() -> EventSigner.sign(new EventTemplate(-1, 1, List.of(), ""), keys)).hasMessageContaining("created_at");
  }
}
