package dev.graspsync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large results come in pages, and a slow consumer holds the reading back. */
class QueryPagingTest {
  @TempDir Path dir;
  private EngineFixture relay;
  private final List<Event> stored = new ArrayList<>();

  @BeforeEach
  void seed() {
    relay = EngineFixture.open(dir, AcceptancePolicyKind.OPEN);
    Keys author = Keys.generate();
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Event e = Signed.by(author).kind(1).at(10_000 + i).content("n" + i).sign();
      stored.add(e);
      all.add(relay.engine.ingest(e, EngineFixture.CLIENT));
    }
    EngineFixture.await(Future.all(all));
  }

  @AfterEach
  void close() {
    relay.close();
  }

  @Test
  void nextPageIsReadOnlyAfterThePreviousPageFutureCompletes() {
    AtomicInteger pagesInFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    List<Integer> pageSizes = new ArrayList<>();
    List<String> received = new ArrayList<>();
    Set<Context> contexts = new HashSet<>();
    Promise<Void> done = Promise.promise();
    relay.vertx.runOnContext(
        v ->
            relay
                .engine
                .query(
                    List.of(Filter.builder().kinds(1).build()),
                    page -> {
                      contexts.add(Vertx.currentContext());
                      maxInFlight.accumulateAndGet(pagesInFlight.incrementAndGet(), Math::max);
                      pageSizes.add(page.size());
                      page.forEach(e -> received.add(e.id()));
                      Promise<Void> consumed = Promise.promise();
                      // a slow socket: the page is "written" 20 ms later
                      relay.vertx.setTimer(
                          20,
                          t -> {
                            pagesInFlight.decrementAndGet();
                            consumed.complete();
                          });
                      return consumed.future();
                    })
                .onComplete(
                    r -> {
                      contexts.add(Vertx.currentContext());
                      if (r.succeeded()) {
                        done.complete();
                      } else {
                        done.fail(r.cause());
                      }
                    }));
    EngineFixture.await(done.future());
    assertThat(maxInFlight.get()).isEqualTo(1);
    assertThat(pageSizes.size()).isGreaterThan(1);
    assertThat(pageSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(256));
    assertThat(contexts).hasSize(1);
    List<String> expected = new ArrayList<>();
    for (int i = stored.size() - 1; i >= 0; i--) {
      expected.add(stored.get(i).id());
    }
    assertThat(received).containsExactlyElementsOf(expected);
  }

  @Test
  void aFailedPageStopsTheQueryAndFailsIt() {
    AtomicInteger pages = new AtomicInteger();
    Future<Void> result =
        relay.engine.query(
            List.of(Filter.builder().kinds(1).build()),
            page -> {
              pages.incrementAndGet();
              return Future.failedFuture("socket closed");
            });
    Throwable failure =
        result.toCompletionStage().toCompletableFuture().handle((v, e) -> e).join();
    assertThat(failure).hasMessageContaining("socket closed");
    assertThat(pages.get()).isEqualTo(1);
  }

  @Test
  void scanDeliversEveryMatchIgnoringLimits() {
    List<String> seen = new ArrayList<>();
    EngineFixture.await(
        relay.engine.store().scan(
            List.of(Filter.builder().kinds(1).limit(5).build(), Filter.builder().kinds(1).build()),
            page -> page.forEach(e -> seen.add(e.id()))));
    assertThat(seen).hasSize(1000).doesNotHaveDuplicates();
  }
}
