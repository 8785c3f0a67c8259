package dev.graspsync.sync.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.event.Hex;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.message.ClientMessage;
import dev.graspsync.nostr.message.RelayMessage;
import dev.graspsync.nostr.negentropy.Negentropy;
import dev.graspsync.nostr.negentropy.PackedStorage;
import dev.graspsync.nostr.negentropy.PackedStorageBuilder;
import dev.graspsync.nostr.negentropy.Reconciliation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** NIP-77 on the wire: NEG-OPEN, NEG-MSG rounds, NEG-CLOSE, and every way a relay ends one. */
class RelaySessionReconcileTest extends SessionTestBase {
  private static final Filter KIND_1 = Filter.builder().kinds(1).build();

  private RelaySession connected(TestRelay relay) {
    RelaySession session = loop.call(() -> RelaySession.builder(vertx, relay.url()).build());
    loop.await(() -> session.connect(Duration.ofSeconds(5)));
    toClose.add(0, () -> loop.await(session::close));
    return session;
  }

  /** A relay answering NEG-OPEN / NEG-MSG with negentropy over {@code ids} (created_at = index). */
  private static TestRelay.Script responder(List<String> ids, int frameLimit) {
    Map<String, Negentropy> open = new HashMap<>();
    return (c, m) -> {
      if (m instanceof ClientMessage.NegOpen o) {
        PackedStorageBuilder b = PackedStorage.builder();
        for (int i = 0; i < ids.size(); i++) {
          b.add(i, ids.get(i));
        }
        Negentropy n = Negentropy.responder(b.seal(), frameLimit);
        open.put(o.subscriptionId(), n);
        c.send(new RelayMessage.NegMsg(o.subscriptionId(), Hex.encode(n.respond(Hex.decode(o.messageHex())))));
      } else if (m instanceof ClientMessage.NegMsg msg) {
        Negentropy n = open.get(msg.subscriptionId());
        c.send(new RelayMessage.NegMsg(msg.subscriptionId(), Hex.encode(n.respond(Hex.decode(msg.messageHex())))));
      } else if (m instanceof ClientMessage.NegClose close) {
        open.remove(close.subscriptionId());
      }
    };
  }

  private static final class Recorder implements ReconciliationListener {
    final List<String> messages = new CopyOnWriteArrayList<>();
    final CompletableFuture<NegEnd> end = new CompletableFuture<>();
    Runnable onMessage = () -> {};

    @Override
    public void onMessage(String messageHex) {
      messages.add(messageHex);
      onMessage.run();
    }

    @Override
    public void onEnd(NegEnd e) {
      end.complete(e);
    }

    NegEnd awaitEnd() throws Exception {
      return end.get(OnLoop.WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  @Test
  void roundsThroughTheSessionFindWhatTheRelayHasAndWeLack() throws Exception {
    List<String> relayIds = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      relayIds.add(String.format("%064x", i * 7919L + 1));
    }
    TestRelay relay = relay(responder(relayIds, 4096));
    RelaySession session = connected(relay);
    PackedStorageBuilder mine = PackedStorage.builder();
    for (int i = 0; i < relayIds.size(); i += 2) {
      mine.add(i, relayIds.get(i));
    }
    Negentropy initiator = Negentropy.initiator(mine.seal(), 4096);
    List<String> need = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    Recorder r = new Recorder();
    String[] id = new String[1];
    r.onMessage = () -> {
      Reconciliation round = initiator.reconcile(Hex.decode(r.messages.get(r.messages.size() - 1)));
      need.addAll(round.need());
      if (round.next().isPresent()) {
        session.continueReconciliation(id[0], Hex.encode(round.next().get()));
      } else {
        session.closeReconciliation(id[0]);
        done.complete(null);
      }
    };

    loop.run(() -> id[0] = session.openReconciliation(KIND_1, Hex.encode(initiator.initiate()), Duration.ofSeconds(5), r));
    done.get(OnLoop.WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(need).hasSize(1500).doesNotHaveDuplicates();
    assertThat(r.messages.size()).as("a 4 KiB frame limit takes several rounds").isGreaterThan(1);
    loop.until("NEG-CLOSE reached the relay", () -> relay.received().stream().anyMatch(ClientMessage.NegClose.class::isInstance));
    assertThat(r.end).isNotDone();
    assertThat(relay.received().get(0)).isInstanceOf(ClientMessage.NegOpen.class);
  }

  @Test
  void negErrAndClosedEndTheReconciliationWithTheRelaysWords() throws Exception {
    TestRelay relay = relay((c, m) -> {
      if (m instanceof ClientMessage.NegOpen o) {
        c.send(o.filter().kinds().orElseThrow().contains(1)
            ? new RelayMessage.NegErr(o.subscriptionId(), "blocked: too many records")
            : new RelayMessage.Closed(o.subscriptionId(), "restricted: no"));
      }
    });
    RelaySession session = connected(relay);
    Recorder err = new Recorder();
    Recorder closed = new Recorder();

    loop.run(() -> session.openReconciliation(KIND_1, "6100", Duration.ofSeconds(5), err));
    loop.run(() -> session.openReconciliation(Filter.builder().kinds(2).build(), "6100", Duration.ofSeconds(5), closed));

    assertThat(err.awaitEnd()).isEqualTo(new NegEnd.Error("blocked: too many records"));
    assertThat(closed.awaitEnd()).isEqualTo(new NegEnd.Closed("restricted: no"));
    assertThat(loop.call(session::counters).closedByRelay()).as("not a REQ's CLOSED").isZero();
  }

  @Test
  void aNoticeEndsOnlyReconciliationsNotYetAnswered() throws Exception {
    TestRelay relay = relay((c, m) -> {
      if (m instanceof ClientMessage.NegOpen o && o.filter().kinds().orElseThrow().contains(1)) {
        c.send(new RelayMessage.NegMsg(o.subscriptionId(), "6100"));
      } else if (m instanceof ClientMessage.NegOpen) {
        c.send(new RelayMessage.Notice("invalid: unknown message type"));
      }
    });
    RelaySession session = connected(relay);
    Recorder answered = new Recorder();
    Recorder unknown = new Recorder();

    loop.run(() -> session.openReconciliation(KIND_1, "6100", Duration.ofSeconds(5), answered));
    loop.until("the first answer", () -> !answered.messages.isEmpty());
    loop.run(() -> session.openReconciliation(Filter.builder().kinds(2).build(), "6100", Duration.ofSeconds(5), unknown));

    assertThat(unknown.awaitEnd()).isEqualTo(new NegEnd.Notice("invalid: unknown message type"));
    assertThat(answered.end).isNotDone();
  }

  @Test
  void silenceTimesOutAndADroppedConnectionEndsWhatIsOpen() throws Exception {
    TestRelay relay = relay((c, m) -> { });
    RelaySession session = connected(relay);
    Recorder silent = new Recorder();
    Recorder open = new Recorder();

    loop.run(() -> session.openReconciliation(KIND_1, "6100", Duration.ofMillis(200), silent));
    assertThat(silent.awaitEnd()).isEqualTo(new NegEnd.TimedOut(Duration.ofMillis(200)));
    loop.until("NEG-CLOSE sent after the timeout",
        () -> relay.received().stream().anyMatch(ClientMessage.NegClose.class::isInstance));

    loop.run(() -> session.openReconciliation(KIND_1, "6100", Duration.ofSeconds(30), open));
    relay.close();
    assertThat(open.awaitEnd()).isInstanceOf(NegEnd.Disconnected.class);
  }

  @Test
  void unaskedNegMessagesAreCountedNotDelivered() {
    TestRelay relay = relay((c, m) -> {
      if (m instanceof ClientMessage.Req) {
        c.send(new RelayMessage.NegMsg("nobody", "6100"));
        c.send(new RelayMessage.NegErr("nobody", "closed: whatever"));
      }
    });
    RelaySession session = connected(relay);

    loop.call(() -> session.openHistory(List.of(KIND_1), new RecordingSubscriber()));

    loop.until("two unasked NEG answers counted", () -> session.counters().droppedUnasked() == 2);
  }
}
