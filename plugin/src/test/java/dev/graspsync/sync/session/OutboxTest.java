package dev.graspsync.sync.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.message.ClientMessage;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Large REQs are encoded off the loop, and nothing sent after one overtakes it. */
class OutboxTest extends SessionTestBase {
  private final List<String> written = new CopyOnWriteArrayList<>();
  private final List<String> writtenOn = new CopyOnWriteArrayList<>();

  @Test
  void messagesSentAfterALargeReqWaitBehindItAndAreWrittenOnTheLoop() {
    OnLoop loop = new OnLoop(vertx);
    Outbox outbox = loop.call(() -> new Outbox(vertx, this::write));
    loop.run(() -> {
      outbox.send(new ClientMessage.Req("big", filters(Outbox.INLINE_FILTERS + 20)));
      outbox.send(new ClientMessage.Close("big"));
      outbox.send(new ClientMessage.Req("small", filters(1)));
    });
    OnLoop.poll("three messages written", () -> written.size() == 3);
    assertThat(written.get(0)).startsWith("[\"REQ\",\"big\",{");
    assertThat(written.get(1)).isEqualTo("[\"CLOSE\",\"big\"]");
    assertThat(written.get(2)).startsWith("[\"REQ\",\"small\",{");
    assertThat(writtenOn).allMatch(t -> t.startsWith("vert.x-eventloop-thread"));
    assertThat(loop.call(outbox::waiting)).isZero();
    loop.run(outbox::close);
  }

  @Test
  void aLargeReqStillEncodingWhenTheConnectionClosesIsNeverWritten() throws Exception {
    OnLoop loop = new OnLoop(vertx);
    List<String> written = new CopyOnWriteArrayList<>();
    Outbox outbox = loop.call(() -> new Outbox(vertx, written::add));
    // Holds the encoding pool's one thread, so the REQ's encoding cannot finish before close
    // (left free, it can finish before the send returns, and the REQ is then rightly written
    // before the close).
    WorkerExecutor pool = vertx.createSharedWorkerExecutor(Outbox.POOL, 1);
    CountDownLatch release = new CountDownLatch(1);
    pool.executeBlocking(() -> release.await(OnLoop.WAIT.toSeconds(), TimeUnit.SECONDS), false);
    try {
      loop.run(() -> {
        outbox.send(new ClientMessage.Req("big", filters(Outbox.INLINE_FILTERS + 20)));
        outbox.close();
        outbox.send(new ClientMessage.Close("big"));
      });
    } finally {
      release.countDown();
    }
    // The pool runs its tasks in turn: once this one has run, the REQ's encoding has finished,
    // and the loop task after it runs behind any completion that encoding queued there.
    pool.executeBlocking(() -> null, false).toCompletionStage().toCompletableFuture().get(OnLoop.WAIT.toSeconds(), TimeUnit.SECONDS);
    loop.run(() -> { });
    pool.close();
    assertThat(written).isEmpty();
  }

  private void write(String text) {
    written.add(text);
    writtenOn.add(Thread.currentThread().getName());
  }

  private static List<Filter> filters(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> Filter.builder().kinds(1617).tag('a', List.of("30617:" + "ab".repeat(32) + ":repo-" + i)).build())
        .toList();
  }
}
