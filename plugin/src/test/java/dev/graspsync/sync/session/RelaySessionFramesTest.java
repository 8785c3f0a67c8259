package dev.graspsync.sync.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.message.ClientMessage;
import dev.graspsync.nostr.message.RelayMessage;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Oversize and malformed input: dropped, counted, and the connection lives on. */
class RelaySessionFramesTest extends SessionTestBase {
  private static final int LIMIT = 16 * 1024;
  private RelaySession connected(TestRelay.Script script, RecordingSessionListener events) {
    TestRelay relay = relay(script);
    SessionConfig config = SessionConfig.defaults().withMaxMessageBytes(LIMIT).withMaxFrameBytes(4 * LIMIT);
    RelaySession session =
        loop.call(() -> RelaySession.builder(vertx, relay.url()).config(config).listener(events).build());
    loop.await(() -> session.connect(Duration.ofSeconds(5)));
    loop.run(() -> session.maxLimit(OptionalInt.of(100)));
    toClose.add(() -> loop.await(session::close));
    return session;
  }

  private static final List<Filter> KIND_1 = List.of(Filter.builder().kinds(1).build());

  private static String eventMessage(String subId, int contentBytes) {
    Event big = TestEvents.event(1, 1_700_000_000L);
    String json = big.toJson().replace("\"content\":\"\"", "\"content\":\"" + "x".repeat(contentBytes) + "\"");
    return "[\"EVENT\",\"" + subId + "\"," + json + "]";
  }

  @Test
  void oversizeMessagesAreDroppedAndCountedAndTheConnectionSurvives() {
    Event small = TestEvents.event(1, 1_700_000_000L);
    RecordingSessionListener events = new RecordingSessionListener();
    RelaySession session =
        connected(
            (c, m) -> {
              if (m instanceof ClientMessage.Req req) {
                String id = req.subscriptionId();
                // one frame over the message limit (but within the frame limit)
                c.sendRaw(eventMessage(id, 3 * LIMIT));
                // 200 KiB in 50 KiB frames: far over both, yet each frame is fine
                String huge = eventMessage(id, 200 * 1024);
                int step = 50 * 1024;
                for (int at = 0; at < huge.length(); at += step) {
                  Buffer part = Buffer.buffer(huge.substring(at, Math.min(huge.length(), at + step)));
                  boolean last = at + step >= huge.length();
                  c.sendFrame(at == 0 ? textFrame(part, last) : WebSocketFrame.continuationFrame(part, last));
                }
                c.send(new RelayMessage.EventMessage(id, small));
                c.send(new RelayMessage.Eose(id));
              }
            },
            events);
    RecordingSubscriber sub = new RecordingSubscriber();

    loop.call(() -> session.openHistory(KIND_1, sub));

    assertThat(sub.awaitOutcome()).isInstanceOf(SubscriptionOutcome.HistoryComplete.class);
    assertThat(sub.ids()).containsExactly(small.id());
    SessionCounters counters = loop.call(session::counters);
    assertThat(counters.droppedOversize()).isEqualTo(2);
    assertThat(counters.bytesReceived()).isGreaterThan(200 * 1024 + 3 * LIMIT);
    assertThat(loop.call(session::isConnected)).isTrue();
    assertThat(events.disconnected).isNotDone();
  }

  private static WebSocketFrame textFrame(Buffer part, boolean last) {
    return WebSocketFrame.textFrame(part.toString(), last);
  }

  @Test
  void malformedFramesAreCountedNeverThrown() {
    Event good = TestEvents.event(1, 1_700_000_000L);
    RecordingSessionListener events = new RecordingSessionListener();
    RelaySession session =
        connected(
            (c, m) -> {
              if (m instanceof ClientMessage.Req req) {
                String id = req.subscriptionId();
                c.sendRaw("not json at all");
                c.sendRaw("[\"EVENT\"]");
                c.sendRaw("{}");
                c.sendRaw("[\"EVENT\",\"" + id + "\",{\"id\":\"nope\"}]");
                c.sendRaw("[\"WHAT\",1,2]");
                c.sendFrame(WebSocketFrame.binaryFrame(Buffer.buffer(new byte[] {1, 2, 3}), true));
                c.send(new RelayMessage.EventMessage(id, good));
                c.send(new RelayMessage.Eose(id));
              }
            },
            events);
    RecordingSubscriber sub = new RecordingSubscriber();

    loop.call(() -> session.openHistory(KIND_1, sub));

    assertThat(sub.awaitOutcome()).isInstanceOf(SubscriptionOutcome.HistoryComplete.class);
    assertThat(sub.ids()).containsExactly(good.id());
    assertThat(loop.call(session::counters).malformed()).isEqualTo(6);
    assertThat(loop.call(session::isConnected)).isTrue();
  }

  @Test
  void aSingleFrameBeyondTheFrameCapCostsTheConnectionAndSaysSo() {
    RecordingSessionListener events = new RecordingSessionListener();
    RelaySession session =
        connected(
            (c, m) -> {
              if (m instanceof ClientMessage.Req req) {
                c.sendFrame(WebSocketFrame.textFrame(eventMessage(req.subscriptionId(), 8 * LIMIT), true));
              }
            },
            events);
    RecordingSubscriber sub = new RecordingSubscriber();

    loop.call(() -> session.openHistory(KIND_1, sub));

    assertThat(sub.awaitOutcome()).isInstanceOf(SubscriptionOutcome.Disconnected.class);
    Disconnection d = OnLoop.await(Future.fromCompletionStage(events.disconnected));
    assertThat(d.requested()).isFalse();
  }
}
