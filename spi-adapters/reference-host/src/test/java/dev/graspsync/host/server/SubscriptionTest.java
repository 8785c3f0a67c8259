package dev.graspsync.host.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.host.testing.TestEvents;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a subscription does with live events that arrive while its stored events stream. */
class SubscriptionTest {
  private final Subscription sub = new Subscription(null, "s", List.of(Filter.builder().kinds(1).build()));

  @Test
  void liveEventsHeldDuringTheStoredPhaseFollowTheEoseOnceEach() {
    Event a = TestEvents.note("a");
    Event b = TestEvents.note("b");
    assertThat(sub.hold(a)).isTrue();
    assertThat(sub.hold(b)).isTrue();
    assertThat(sub.hold(a)).isTrue();

    sub.sentStored(b); // the stored query found b too: send it once, with the stored ones

    assertThat(sub.goLive()).containsExactly(a);
    assertThat(sub.isLive()).isTrue();
  }

  @Test
  void theHoldIsBounded() {
    for (int i = 0; i < Subscription.MAX_HELD; i++) {
      assertThat(sub.hold(TestEvents.signed(1, List.of(), "e" + i, 1_700_000_000))).isTrue();
    }
    assertThat(sub.hold(TestEvents.note("one more"))).isFalse();
  }

  @Test
  void aClosedSubscriptionForgetsWhatItHeld() {
    sub.hold(TestEvents.note("x"));
    sub.close();
    assertThat(sub.isClosed()).isTrue();
    assertThat(sub.goLive()).isEmpty();
  }
}
