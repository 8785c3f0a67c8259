package dev.graspsync.nostr.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.crypto.NostrToolsVectors.Vector;
import dev.graspsync.nostr.event.CanonicalJson;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Hex;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** nostr-core against events signed by nostr-tools, an independent implementation. */
class NostrToolsVectorsTest {
  static Stream<Vector> vectors() {
    return NostrToolsVectors.all().stream();
  }

  static Stream<Vector> nip01Vectors() {
    return vectors().filter(v -> !v.nip01Divergent());
  }

  @Test
  void theVectorsCoverWhatTheyClaim() {
    List<Vector> all = NostrToolsVectors.all();
    assertThat(all).hasSizeGreaterThan(30);
    assertThat(all).anySatisfy(v -> assertThat(v.json().length()).isGreaterThan(100_000));
    assertThat(all).anySatisfy(v -> assertThat(Event.fromJson(v.json()).tags()).hasSize(2000));
    for (String escape : List.of("\\n", "\\\"", "\\\\", "\\r", "\\t", "\\b", "\\f")) {
      assertThat(all).anySatisfy(v -> assertThat(v.json()).contains(escape));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void parsesKeepingTheExactText(Vector v) {
    Event e = Event.fromJson(v.json());
    assertThat(e.json()).isEqualTo(v.json());
    assertThat(e.id()).isEqualTo(v.id());
    assertThat(e.pubkey()).isEqualTo(v.pubkey());
    assertThat(Keys.fromSecretHex(v.secretKey()).publicKeyHex()).isEqualTo(v.pubkey());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nip01Vectors")
  void ourIdEqualsNostrTools(Vector v) {
    Event e = Event.fromJson(v.json());
    assertThat(CanonicalJson.computeId(e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content())).isEqualTo(v.id());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void verifierAcceptsNostrToolsSignatures(Vector v) {
    assertThat(EventVerifier.verify(Event.fromJson(v.json()))).isEqualTo(Verification.VALID);
  }

  @Test
  void controlCharactersOutsideTheSevenEscapesHashDifferentlyButStillVerify() {
    Vector v = vectors().filter(Vector::nip01Divergent).findFirst().orElseThrow();
    Event e = Event.fromJson(v.json());
    // NIP-01 says "verbatim", JSON.stringify writes \u0001: the ids differ...
    assertThat(CanonicalJson.computeId(e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content())).isNotEqualTo(v.id());
    // ...and the verifier still accepts what nostr-tools signed
    assertThat(EventVerifier.hasValidId(e)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void tamperedIdIsRefused(Vector v) {
    String otherId = flipFirstHexChar(v.id());
    Event tampered = Event.fromJson(v.json().replace(v.id(), otherId));
    assertThat(EventVerifier.verify(tampered)).isEqualTo(Verification.BAD_ID);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void tamperedSignatureIsRefused(Vector v) {
    Event e = Event.fromJson(v.json());
    String sig = e.sig().substring(0, 100) + flipFirstHexChar(e.sig().substring(100));
    Event tampered = Event.fromJson(v.json().replace(e.sig(), sig));
    assertThat(EventVerifier.verify(tampered)).isEqualTo(Verification.BAD_SIGNATURE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nip01Vectors")
  void wrongPubkeyIsRefused(Vector v) {
    Event e = Event.fromJson(v.json());
    String other = NostrToolsVectors.all().stream().map(Vector::pubkey).filter(p -> !p.equals(v.pubkey())).findFirst().orElseThrow();
    // as sent: the id no longer matches
    Event swapped = new Event(e.id(), other, e.createdAt(), e.kind(), e.tags(), e.content(), e.sig(), e.json());
    assertThat(EventVerifier.verify(swapped)).isEqualTo(Verification.BAD_ID);
    // with the id recomputed for the other key, the signature gives it away
    String newId = CanonicalJson.computeId(other, e.createdAt(), e.kind(), e.tags(), e.content());
    Event forged = new Event(newId, other, e.createdAt(), e.kind(), e.tags(), e.content(), e.sig(), e.json());
    assertThat(EventVerifier.verify(forged)).isEqualTo(Verification.BAD_SIGNATURE);
    assertThat(Bip340.verify(Hex.decode(e.sig()), Hex.decode(e.id()), Hex.decode(other))).isFalse();
  }

  private static String flipFirstHexChar(String hex) {
    char c = hex.charAt(0);
    return (c == '0' ? '1' : '0') + hex.substring(1);
  }
}
