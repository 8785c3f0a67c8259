package dev.graspsync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.spi.IngestVerdict;
import io.micrometer.core.instrument.DistributionSummary;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many concurrent publishers: every ingest completes, everything is stored, fsyncs are shared. */
class GroupCommitTest {
  @TempDir Path dir;

  @Test
  void concurrentIngestsFromSeveralContextsAllCompleteAndAreStored() {
    try (EngineFixture relay = EngineFixture.open(dir, AcceptancePolicyKind.OPEN)) {
      int publishers = 4;
      int perPublisher = 300;
      List<List<Event>> batches = new ArrayList<>();
      for (int p = 0; p < publishers; p++) {
        Keys keys = Keys.generate();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < perPublisher; i++) {
          events.add(Signed.by(keys).kind(1).at(1_000 + i).content(p + "/" + i).sign());
        }
        batches.add(events);
      }
      Event twice = batches.get(0).get(0);

      List<Future<List<IngestVerdict>>> results = new ArrayList<>();
      for (List<Event> events : batches) {
        Promise<List<IngestVerdict>> published = Promise.promise();
        results.add(published.future());
        // each publisher on its own context, all in flight at once
        relay.vertx.runOnContext(
            v -> {
              List<Future<IngestVerdict>> verdicts = new ArrayList<>();
              for (Event e : events) {
                verdicts.add(relay.engine.ingest(e, EngineFixture.CLIENT));
              }
              Future.all(verdicts)
                  .onSuccess(all -> published.complete(all.list()))
                  .onFailure(published::fail);
            });
      }
      Future<IngestVerdict> duplicate = relay.engine.ingest(twice, EngineFixture.CLIENT);

      List<IngestVerdict> verdicts = new ArrayList<>();
      for (Future<List<IngestVerdict>> r : results) {
        verdicts.addAll(EngineFixture.await(r));
      }
      verdicts.add(EngineFixture.await(duplicate));
      assertThat(verdicts).hasSize(publishers * perPublisher + 1);
      assertThat(verdicts.stream().filter(v -> v.equals(IngestVerdict.ACCEPTED)).count())
          .isEqualTo(publishers * perPublisher);
      assertThat(verdicts.stream().filter(v -> v.equals(IngestVerdict.DUPLICATE)).count()).isEqualTo(1);

      long stored =
          EngineFixture.await(relay.engine.count(List.of(Filter.builder().kinds(1).build())));
      assertThat(stored).isEqualTo(publishers * perPublisher);
      DistributionSummary batchSize = relay.meters.get("relay.store.write.batch.size").summary();
      assertThat(batchSize.max()).as("events per fsync").isGreaterThan(1);
      assertThat(batchSize.count()).isLessThan(publishers * perPublisher);
    }
  }
}
