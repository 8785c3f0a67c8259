package dev.graspsync.host.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.engine.EngineEvent;
import dev.graspsync.host.testing.TestEvents;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.spi.IngestSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a subscription does with live events that arrive while its stored events stream. */
class SubscriptionTest {
  private final Subscription sub = new Subscription(null, "s", List.of(Filter.builder().kinds(1).build()));

  @Test
  void liveEventsHeldDuringTheStoredPhaseFollowTheEoseUnlessTheStoredSnapshotHeldThem() {
    LiveEvent seenByTheQuery = stored("committed at 10", 10);
    LiveEvent newer = stored("committed at 11", 11);
    assertThat(sub.hold(seenByTheQuery)).isTrue();
    assertThat(sub.hold(newer)).isTrue();

    sub.snapshotTaken(10); // the stored query reads everything committed up to 10

    assertThat(sub.goLive()).containsExactly(newer);
    assertThat(sub.isLive()).isTrue();
  }

  @Test
  void aLiveEventTheStoredSnapshotHeldIsSkippedWhenItsFanOutComesLate() {
    sub.snapshotTaken(10);
    sub.goLive();

    assertThat(sub.storedQuerySaw(stored("committed at 9", 9))).isTrue();
    assertThat(sub.storedQuerySaw(stored("committed at 10", 10))).isTrue();
    assertThat(sub.storedQuerySaw(stored("committed at 11", 11))).isFalse();
    assertThat(sub.storedQuerySaw(ephemeral("never stored"))).isFalse();
  }

  @Test
  void beforeTheSnapshotIsKnownNothingIsSkipped() {
    assertThat(sub.storedQuerySaw(stored("committed at 1", 1))).isFalse();
  }

  @Test
  void theHoldIsBounded() {
    for (int i = 0; i < Subscription.MAX_HELD; i++) {
      assertThat(sub.hold(stored("e" + i, i))).isTrue();
    }
    assertThat(sub.hold(stored("one more", Subscription.MAX_HELD))).isFalse();
  }

  @Test
  void aClosedSubscriptionForgetsWhatItHeld() {
    sub.hold(stored("x", 1));
    sub.close();
    assertThat(sub.isClosed()).isTrue();
    assertThat(sub.goLive()).isEmpty();
  }

  private static LiveEvent stored(String content, long sequence) {
    return LiveEvent.of(new EngineEvent(TestEvents.note(content), IngestSource.client("test"), true, sequence));
  }

  private static LiveEvent ephemeral(String content) {
    return LiveEvent.of(new EngineEvent(TestEvents.note(content), IngestSource.client("test"), false, 0));
  }
}
