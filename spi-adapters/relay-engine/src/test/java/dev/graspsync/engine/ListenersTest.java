package dev.graspsync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.spi.IngestVerdict;
import io.vertx.core.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenersTest {
  @TempDir Path dir;
  private EngineFixture relay;
  private final List<EngineEvent> heard = new CopyOnWriteArrayList<>();
  private final List<String> threads = Collections.synchronizedList(new ArrayList<>());
  private final Keys alice = Keys.generate();

  @BeforeEach
  void open() {
    relay = EngineFixture.open(dir, AcceptancePolicyKind.OPEN);
    relay.engine.addListener(
        e -> {
          threads.add(Thread.currentThread().getName() + (Context.isOnEventLoopThread() ? ":loop" : ""));
          heard.add(e);
        });
  }

  @AfterEach
  void close() {
    relay.close();
  }

  @Test
  void ephemeralEventsAreDeliveredButNotStored() {
    Event ephemeral = Signed.by(alice).kind(20001).content("typing").sign();
    assertThat(relay.ingest(ephemeral)).isEqualTo(IngestVerdict.ACCEPTED);
    Poll.until("the ephemeral event heard", () -> !heard.isEmpty());
    assertThat(heard).singleElement().satisfies(e -> {
      assertThat(e.event().id()).isEqualTo(ephemeral.id());
      assertThat(e.stored()).isFalse();
      assertThat(e.source()).isEqualTo(EngineFixture.CLIENT);
    });
    assertThat(relay.query(Filter.builder().build())).isEmpty();
  }

  @Test
  void listenersHearAcceptedEventsInStoreOrderOnAnEventLoop() {
    List<String> published = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Event e = Signed.by(alice).kind(1).at(100 + i).content("n" + i).sign();
      published.add(e.id());
      relay.ingest(e);
    }
    Poll.until("50 events heard", () -> heard.size() == 50);
    assertThat(heard).extracting(e -> e.event().id()).containsExactlyElementsOf(published);
    assertThat(heard).allSatisfy(e -> assertThat(e.stored()).isTrue());
    assertThat(threads).allSatisfy(t -> assertThat(t).endsWith(":loop").doesNotContain("writer"));
  }

  @Test
  void refusedAndDuplicateEventsAreNotAnnouncedAndAThrowingListenerIsIsolated() {
    relay.engine.addListener(
        e -> {
          throw new IllegalStateException("plugin bug");
        });
    Event note = Signed.by(alice).kind(1).sign();
    relay.ingest(note);
    relay.ingest(note);
    Event profile = Signed.by(alice).kind(0).at(2).sign();
    relay.ingest(profile);
    relay.ingest(Signed.by(alice).kind(0).at(1).sign());
    Event marker = Signed.by(alice).kind(1).content("last").sign();
    relay.ingest(marker);
    // listeners run in store order, so once the marker is heard everything before it was
    Poll.until("the marker heard", () -> heard.stream().anyMatch(e -> e.event().id().equals(marker.id())));
    assertThat(heard).extracting(e -> e.event().id()).containsExactly(note.id(), profile.id(), marker.id());
    Poll.until("three failures counted", () -> relay.meters.get("relay.listener.failures").counter().count() >= 3);
  }

  @Test
  void aQueryTellsWhichAcceptedEventsItsSnapshotCouldSee() {
    Event before = Signed.by(alice).kind(1).at(100).content("before the query").sign();
    relay.ingest(before);
    long[] snapshot = {-1};
    List<Event> found = new ArrayList<>();
    EngineFixture.await(relay.engine.query(List.of(Filter.builder().kinds(1).build()), s -> snapshot[0] = s,
        page -> {
          found.addAll(page);
          return io.vertx.core.Future.succeededFuture();
        }));
    Event after = Signed.by(alice).kind(1).at(50).content("after the query").sign();
    relay.ingest(after);
    Event ephemeral = Signed.by(alice).kind(20001).content("never stored").sign();
    relay.ingest(ephemeral);
    Poll.until("three events heard", () -> heard.size() == 3);

    assertThat(found).extracting(Event::id).containsExactly(before.id());
    assertThat(heard.get(0).inSnapshot(snapshot[0])).as("committed before the snapshot").isTrue();
    assertThat(heard.get(1).inSnapshot(snapshot[0])).as("committed after it").isFalse();
    assertThat(heard.get(2).inSnapshot(snapshot[0])).as("ephemeral").isFalse();
    assertThat(heard.get(1).storeSequence()).isGreaterThan(heard.get(0).storeSequence());
  }
}
