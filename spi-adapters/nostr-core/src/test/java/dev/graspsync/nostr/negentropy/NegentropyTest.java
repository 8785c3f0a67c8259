package dev.graspsync.nostr.negentropy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graspsync.nostr.event.Hex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NegentropyTest {

  @ParameterizedTest(name = "shared {0}, only initiator {1}, only responder {2}, ties {3}, frame {4}")
  @CsvSource({
    "0, 0, 0, false, 0",
    "0, 5, 0, false, 0",
    "0, 0, 5, false, 0",
    "1000, 0, 0, false, 0",
    "0, 1000, 1000, false, 0",
    "1000, 1, 0, false, 0",
    "1000, 0, 1, false, 0",
    "9000, 500, 500, false, 0",
    "9000, 500, 500, true, 0",
    "9000, 500, 500, false, 4096",
    "0, 3000, 3000, true, 4096",
    "0, 3000, 3000, false, 4096",
    "50000, 3000, 0, false, 4096",
    "20000, 2000, 2000, false, 8192",
  })
  void reconcilesToTheExactDifference(int shared, int onlyInitiator, int onlyResponder, boolean ties, int frame) {
    RandomSets sets = RandomSets.generate(shared * 31L + onlyInitiator, shared, onlyInitiator, onlyResponder, ties);
    Outcome outcome = run(sets, frame);
    assertThat(outcome.have).containsExactlyInAnyOrderElementsOf(hex(sets.onlyInitiator()));
    assertThat(outcome.need).containsExactlyInAnyOrderElementsOf(hex(sets.onlyResponder()));
    if (frame > 0) {
      assertThat(outcome.largestMessage).isLessThanOrEqualTo(frame);
    }
  }

  @Test
  void equalSetsAgreeInOneRoundTrip() {
    RandomSets sets = RandomSets.generate(1, 50_000, 0, 0, false);
    Outcome outcome = run(sets, 0);
    assertThat(outcome.roundTrips).isEqualTo(1);
    assertThat(outcome.have).isEmpty();
    assertThat(outcome.need).isEmpty();
  }

  @Test
  void aResponderAnswersAnotherVersionWithOurs() {
    Negentropy responder = Negentropy.responder(PackedStorage.empty(), 0);
    assertThat(responder.respond(new byte[] {0x62, 1, 2, 3})).containsExactly(0x61);
  }

  @Test
  void anInitiatorReportsAPeerThatSpeaksNoneOfOurVersions() {
    Negentropy initiator = Negentropy.initiator(PackedStorage.empty(), 0);
    initiator.initiate();
    assertThatThrownBy(() -> initiator.reconcile(new byte[] {0x62}))
        .isInstanceOfSatisfying(
            NegentropyException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(NegentropyException.Kind.UNSUPPORTED_VERSION);
              assertThat(e.peerVersion()).isEqualTo(0x62);
            });
  }

  @Test
  void garbageIsMalformed() {
    Negentropy responder = Negentropy.responder(PackedStorage.empty(), 0);
    for (byte[] garbage : new byte[][] {{}, {0x10}, {0x61, 0x00}, {0x61, 0x00, 0x00, 0x07}, {0x61, 0x00, 0x00, 0x01, 1, 2}}) {
      assertThatThrownBy(() -> responder.respond(garbage))
          .as(Hex.encode(garbage))
          .isInstanceOfSatisfying(
              NegentropyException.class, e -> assertThat(e.kind()).isEqualTo(NegentropyException.Kind.MALFORMED));
    }
  }

  @Test
  void frameLimitsBelowTheMinimumAreRefused() {
    assertThatThrownBy(() -> Negentropy.initiator(PackedStorage.empty(), 4095))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Negentropy.initiator(PackedStorage.empty(), 4096).initiate()).isNotEmpty();
  }

  @Test
  void anEmptyInitiatorSendsOneEmptyIdList() {
    assertThat(Hex.encode(Negentropy.initiator(PackedStorage.empty(), 0).initiate())).isEqualTo("6100000200");
  }

  record Outcome(List<String> have, List<String> need, int roundTrips, int largestMessage) {}

  static Outcome run(RandomSets sets, int frame) {
    Negentropy initiator = Negentropy.initiator(RandomSets.storage(sets.initiator()), frame);
    Negentropy responder = Negentropy.responder(RandomSets.storage(sets.responder()), frame);
    List<String> have = new ArrayList<>();
    List<String> need = new ArrayList<>();
    byte[] message = initiator.initiate();
    int largest = message.length;
    int rounds = 0;
    while (true) {
      byte[] reply = responder.respond(message);
      largest = Math.max(largest, reply.length);
      rounds++;
      Reconciliation r = initiator.reconcile(reply);
      have.addAll(r.have());
      need.addAll(r.need());
      Optional<byte[]> next = r.next();
      if (next.isEmpty()) {
        return new Outcome(have, need, rounds, largest);
      }
      message = next.get();
      largest = Math.max(largest, message.length);
      assertThat(rounds).isLessThan(1000);
    }
  }

  static List<String> hex(List<RandomSets.Item> items) {
    return items.stream().map(RandomSets.Item::idHex).toList();
  }
}
